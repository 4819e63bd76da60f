package gen

import (
	"fmt"
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

// A template is one way of writing a sentence, with slots for entities and
// variables, and the relations the sentence states between its slots:
//
//	"{EV} s’est {EV|tenu|tenue} le $date {CITY:in}, à l’initiative {ORG:de}. ## ORGANIZED ORG EV; HELD_AT EV CITY"
//
// Slots are written {NAME} (determiner + mention) or {NAME:mod} with mod one
// of de, à (contracted prepositions), par, pour, sur, avec, entre (plain
// ones), in ("à Lille", "dans le Nord"), inx ("à Roubaix (Nord)"), bare (no
// determiner), poss (possessive + mention), de0 ("de"/"d’" + mention without
// article), with (a role: "Marie Dupont, présidente de X", stating
// HOLDS_ROLE), title (a role's title), sig ("Marie DUPONT - ACR"). A slot may
// hold a list: it is written "A, B et C". {NAME|ms|fs|mp|fp} writes the form
// agreeing with the slot (masculine/feminine, singular/plural; two forms are
// enough for a singular slot). $name writes a variable; $?name writes
// nothing but makes the template usable only when the variable is set. After "##", relations
// are "TYPE FROM TO [role|feminine role]", separated by ";"; list slots state
// one relation per item. A template is used only when all its slots and
// variables are bound.
type tmpl struct {
	src   string
	parts []tpart
	rels  []trel
	slots []string
	vars  []string
}

type tpart struct {
	lit   string
	slot  string
	mod   string
	agree []string
	vr    string
}

type trel struct {
	typ  kg.RelationType
	a, b string
	role []string
}

// item is what a slot holds: an entity, or a role (whose entity is the person).
type item struct {
	e *ent
	r *role
}

// binds are the values of one sentence's slots and variables.
type binds struct {
	items map[string][]item
	vars  map[string]string
}

func newBinds() *binds { return &binds{items: map[string][]item{}, vars: map[string]string{}} }

func (b *binds) reset() {
	clear(b.items)
	clear(b.vars)
}

// set binds a slot to entities (nil entities are skipped; none leaves the slot unbound).
func (b *binds) set(name string, es ...*ent) *binds {
	var items []item
	for _, e := range es {
		if e != nil {
			items = append(items, item{e: e})
		}
	}
	if len(items) > 0 {
		b.items[name] = items
	} else {
		delete(b.items, name)
	}
	return b
}

func (b *binds) setPlace(name string, p *place) *binds {
	if p == nil {
		delete(b.items, name)
		return b
	}
	return b.set(name, p.e)
}

func (b *binds) setRoles(name string, rs ...*role) *binds {
	var items []item
	for _, r := range rs {
		if r != nil {
			items = append(items, item{e: r.person, r: r})
		}
	}
	if len(items) > 0 {
		b.items[name] = items
	} else {
		delete(b.items, name)
	}
	return b
}

func (b *binds) v(name, value string) *binds {
	if value == "" {
		delete(b.vars, name)
	} else {
		b.vars[name] = value
	}
	return b
}

func (t *tmpl) usable(b *binds) bool {
	for _, s := range t.slots {
		if len(b.items[s]) == 0 {
			return false
		}
	}
	for _, v := range t.vars {
		if b.vars[v] == "" {
			return false
		}
	}
	return true
}

var relTypesByName = func() map[string]kg.RelationType {
	m := map[string]kg.RelationType{}
	for _, t := range kg.RelationTypes {
		m[string(t)] = t
	}
	return m
}()

// parse compiles a template; it panics on a malformed one (templates are
// constants of this package, checked by its tests).
func parse(src string) *tmpl {
	t := &tmpl{src: src}
	text, rels, _ := strings.Cut(src, " ##")
	bad := func(why string) { panic(fmt.Sprintf("gen: template %q: %s", src, why)) }
	addSlot := func(s string) {
		for _, x := range t.slots {
			if x == s {
				return
			}
		}
		t.slots = append(t.slots, s)
	}
	for len(text) > 0 {
		i := strings.IndexAny(text, "{$")
		if i < 0 {
			t.parts = append(t.parts, tpart{lit: text})
			break
		}
		if i > 0 {
			t.parts = append(t.parts, tpart{lit: text[:i]})
		}
		if text[i] == '$' {
			gate := strings.HasPrefix(text[i:], "$?")
			if gate {
				i++
			}
			j := i + 1
			for j < len(text) && (text[j] >= 'a' && text[j] <= 'z' || text[j] >= '0' && text[j] <= '9') {
				j++
			}
			if j == i+1 {
				bad("empty variable")
			}
			name := text[i+1 : j]
			if !gate {
				t.parts = append(t.parts, tpart{vr: name})
			}
			t.vars = append(t.vars, name)
			text = text[j:]
			continue
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			bad("unclosed {")
		}
		spec := text[i+1 : i+j]
		text = text[i+j+1:]
		var p tpart
		if name, forms, ok := strings.Cut(spec, "|"); ok {
			p.slot, p.agree = name, strings.Split(forms, "|")
		} else {
			p.slot, p.mod, _ = strings.Cut(spec, ":")
		}
		switch p.mod {
		case "", "de", "à", "par", "pour", "sur", "avec", "entre", "in", "inx", "bare", "poss", "de0", "with", "title", "sig":
		default:
			bad("unknown modifier " + p.mod)
		}
		if p.slot == "" {
			bad("empty slot")
		}
		addSlot(p.slot)
		t.parts = append(t.parts, p)
	}
	for _, r := range strings.Split(rels, ";") {
		f := strings.Fields(r)
		if len(f) == 0 {
			continue
		}
		if len(f) < 3 {
			bad("relation needs TYPE FROM TO")
		}
		typ, ok := relTypesByName[f[0]]
		if !ok {
			bad("unknown relation type " + f[0])
		}
		tr := trel{typ: typ, a: f[1], b: f[2]}
		if len(f) > 3 {
			tr.role = strings.Split(strings.Join(f[3:], " "), "|")
		}
		addSlot(tr.a)
		addSlot(tr.b)
		t.rels = append(t.rels, tr)
	}
	return t
}

func parseAll(srcs ...string) []*tmpl {
	out := make([]*tmpl, len(srcs))
	for i, s := range srcs {
		out[i] = parse(s)
	}
	return out
}

// say writes one sentence from one of the usable templates of group, chosen
// at random. It reports whether one was usable.
func (d *doc) say(group []*tmpl, b *binds) bool {
	n := 0
	for _, t := range group {
		if t.usable(b) {
			n++
		}
	}
	if n == 0 {
		return false
	}
	k := d.r.IntN(n)
	for _, t := range group {
		if !t.usable(b) {
			continue
		}
		if k == 0 {
			d.exec(t, b)
			return true
		}
		k--
	}
	return false
}

// exec writes one sentence from t.
func (d *doc) exec(t *tmpl, b *binds) {
	d.begin()
	for _, p := range t.parts {
		switch {
		case p.lit != "":
			d.write(p.lit)
		case p.vr != "":
			d.write(b.vars[p.vr])
		case p.agree != nil:
			d.write(agree(b.items[p.slot], p.agree))
		default:
			d.writeSlot(b.items[p.slot], p.mod)
		}
	}
	for _, r := range t.rels {
		for _, x := range b.items[r.a] {
			for _, y := range b.items[r.b] {
				role := ""
				switch {
				case len(r.role) == 1:
					role = r.role[0]
				case len(r.role) > 1:
					role = r.role[0]
					if x.e.fem {
						role = r.role[1]
					}
				case r.typ == kg.HoldsRole && x.r != nil:
					role = x.r.title
				}
				d.rel(r.typ, x.e, y.e, role)
			}
		}
	}
	d.end()
}

// agree picks the form agreeing with the items: forms are masculine
// singular, feminine singular, masculine plural, feminine plural.
func agree(items []item, forms []string) string {
	plur := len(items) > 1
	fem := true
	for _, it := range items {
		plur = plur || it.e.plur
		fem = fem && it.e.fem
	}
	i := 0
	if fem {
		i = 1
	}
	if plur {
		i += 2
	}
	if i >= len(forms) {
		i %= 2
		if i >= len(forms) {
			i = 0
		}
	}
	return forms[i]
}

func (d *doc) writeSlot(items []item, mod string) {
	withCommas := mod == "with"
	for i, it := range items {
		if i > 0 {
			switch {
			case i < len(items)-1:
				d.write(", ")
			case withCommas:
				d.write(", et ")
			default:
				d.write(" et ")
			}
		}
		d.writeItem(it, mod)
	}
}

func (d *doc) writeItem(it item, mod string) {
	e := it.e
	switch mod {
	case "":
		d.np(e, "")
	case "de", "à", "par", "pour", "sur", "avec", "entre":
		d.np(e, mod)
	case "in":
		if e.place == nil {
			panic("gen: {:in} on a non-territory " + string(e.id))
		}
		d.in(e.place)
	case "inx":
		if e.place == nil {
			panic("gen: {:inx} on a non-territory " + string(e.id))
		}
		d.inWithParent(e.place)
	case "bare":
		d.bare(e)
	case "poss":
		f, _ := d.formFor(e)
		d.write(possessive(f.fem, f.plur, f.desc+f.text) + f.desc)
		d.mention(e, form{text: f.text, fold: f.fold, inner: f.inner})
	case "de0":
		f := e.forms[0]
		if startsWithVowel(f.text) {
			d.write("d’")
		} else {
			d.write("de ")
		}
		d.mention(e, form{text: f.text, fold: f.fold, inner: f.inner})
	case "with":
		if it.r == nil {
			d.mention(e, e.forms[0])
			return
		}
		d.withRole(it.r)
	case "title":
		if it.r != nil {
			d.write(typo(it.r.title))
		}
	case "sig":
		d.mention(e, form{text: signatureName(e.name), fold: e.fold})
		if it.r != nil {
			d.write(" - ")
			if it.r.org.acronym != "" {
				d.mention(it.r.org, it.r.org.acrForm)
			} else {
				d.mention(it.r.org, it.r.org.forms[0])
			}
		}
	}
}

// signatureName writes a person's surname in capitals: "Marie DUPONT".
func signatureName(name string) string {
	first, last, ok := strings.Cut(name, " ")
	if !ok {
		return name
	}
	return first + " " + strings.ToUpper(typo(last))
}

package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maillage/maillage/internal/kg"
)

// art is one article being written.
type art struct {
	*doc
	b      *binds
	date   time.Time
	title  string
	themes []*ent
	place  *place // where the article takes place, for the filler paragraphs
	used   map[*tmpl]bool
	last   *tmpl // the template of the last sentence written by say
	said   map[string]bool
	core   int // words written by the sections (not the context paragraphs)
}

// Article kinds and their share of the corpus (percent).
var articleKinds = []struct {
	name  string
	share int
}{{"report", 28}, {"announcement", 14}, {"initiative", 26}, {"appointment", 11}, {"call", 10}, {"partnership", 11}}

// article writes article i of the corpus. It only reads the world, and
// draws from its own random stream: the result depends on (world, i) only.
func (w *world) article(i int) Item {
	r := rand.New(rand.NewPCG(uint64(w.cfg.Seed), uint64(i)))
	a := &art{doc: newDoc(w, r), b: newBinds(), used: map[*tmpl]bool{}, said: map[string]bool{}}
	k := r.IntN(100)
	kind := articleKinds[len(articleKinds)-1].name
	for _, ak := range articleKinds {
		if k < ak.share {
			kind = ak.name
			break
		}
		k -= ak.share
	}
	switch kind {
	case "report":
		a.report(w.events.draw(r))
	case "announcement":
		a.announcement(w.events.draw(r))
	case "initiative":
		a.initiative(w.inits.draw(r))
	case "appointment":
		a.appointment()
	case "call":
		a.call(w.calls.draw(r))
	default:
		a.partnership()
	}
	themes := a.articleThemes()
	rec := Record{Title: a.title, PublishedAt: kg.DateOf(a.date)}
	slug := kg.Slug(a.title)
	if len(slug) > 60 {
		slug = strings.TrimRight(slug[:60], "-")
	}
	rec.URL = fmt.Sprintf("%s/%s-%d", URLPrefix, slug, i+1)
	for _, t := range themes {
		rec.Themes = append(rec.Themes, t.name)
	}
	art := kg.Article{ID: kg.ArticleID(rec.URL, ""), URL: rec.URL, Title: rec.Title, PublishedAt: rec.PublishedAt,
		Source: "gen", Site: Site, Themes: rec.Themes, Format: "json"}
	g := a.finish(art, themes)
	g.Article.ContentHash = kg.ContentHash(g.Article.Text)
	rec.Text = g.Article.Text
	return Item{Index: i, Record: rec, Graph: g}
}

// say writes a sentence from the group, avoiding templates already used in
// this article when another one is usable.
func (a *art) say(group []*tmpl) bool {
	usable, fresh := 0, 0
	for _, t := range group {
		if t.usable(a.b) {
			usable++
			if !a.used[t] {
				fresh++
			}
		}
	}
	if usable == 0 {
		return false
	}
	k := a.r.IntN(max(fresh, 1))
	if fresh == 0 {
		k = a.r.IntN(usable)
	}
	for _, t := range group {
		if !t.usable(a.b) || (fresh > 0 && a.used[t]) {
			continue
		}
		if k == 0 {
			a.used[t] = true
			a.last = t
			a.exec(t, a.b)
			return true
		}
		k--
	}
	return false
}

func (a *art) reset() *binds {
	a.b.reset()
	return a.b
}

// frDate writes a date the French way: "4 juillet 2018", "1er mars 2021",
// with the day of the week when long is set.
func frDate(t time.Time, long bool) string {
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	s := day + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
	if long {
		s = weekdays[t.Weekday()] + " " + s
	}
	return s
}

var (
	months   = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	weekdays = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	numbers  = []string{"deux", "trois", "quatre"}
)

// amount writes "150 000 euros".
func amount(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String() + " euros"
}

func (a *art) clamp(t time.Time) time.Time {
	if t.Before(a.w.start) {
		return a.w.start
	}
	if t.After(a.w.end) {
		return a.w.end
	}
	return t
}

// titleNP writes an entity in a title: "la 3e Rencontre …", "du Réseau …".
func titleNP(e *ent, prep string) string {
	f := e.forms[0]
	return withPrep(prep, f.det, f.desc+f.text) + f.desc + f.text
}

func (a *art) addThemes(ts ...*ent) {
	for _, t := range ts {
		if t != nil && !containsEnt(a.themes, t) {
			a.themes = append(a.themes, t)
		}
	}
}

// articleThemes is the article's own theme list: the themes it is about,
// completed to at least two, at most four.
func (a *art) articleThemes() []*ent {
	ts := a.themes
	if len(ts) > 4 {
		ts = ts[:4]
	}
	for len(ts) < 2 {
		t := pick(a.r, a.w.themes)
		if !containsEnt(ts, t) {
			ts = append(ts, t)
		}
	}
	return ts
}

// twoThemes returns two distinct themes, the first ones of ts when there
// are, completed at random.
func (a *art) twoThemes(ts []*ent) (*ent, *ent) {
	var t1, t2 *ent
	if len(ts) > 0 {
		t1 = ts[0]
	} else {
		t1 = pick(a.r, a.w.themes)
	}
	if len(ts) > 1 {
		t2 = ts[1]
	} else {
		for t2 == nil || t2 == t1 {
			t2 = pick(a.r, a.w.themes)
		}
	}
	return t1, t2
}

// bindEvent binds the slots and variables describing an event.
func (a *art) bindEvent(ev *ent) *binds {
	b := a.reset()
	b.set("EV", ev).set("ORG", ev.organizers[0]).set("ORGS", ev.organizers...)
	if len(ev.organizers) > 1 {
		b.set("CO", ev.organizers[1])
	}
	t := ev.date.Time()
	if ev.online {
		b.v("online", frDate(t, a.r.IntN(2) == 0))
	} else {
		b.v("physical", "1").v("date", frDate(t, a.r.IntN(2) == 0))
		b.setPlace("CITY", ev.seat).set("VENUE", ev.venue)
	}
	b.v("n", strconv.Itoa(40+a.r.IntN(40)*10))
	b.v("word", ev.evKind.wordWithArticle())
	b.v("k", pick(a.r, numbers)).v("pct", strconv.Itoa(30+a.r.IntN(40)))
	return b
}

func (k *evKind) wordWithArticle() string { return article(k.fem, false, k.word) + k.word }

// section is a part of an article, written as one or more paragraphs.
type section func()

// compose writes the sections in order, with paragraphs of context slipped
// between them, then adds context until the article is long enough.
func (a *art) compose(secs ...section) {
	slots := make([]int, len(secs))
	for range 1 + a.r.IntN(3) {
		slots[a.r.IntN(len(secs))]++
	}
	for k, s := range secs {
		a.para()
		before := a.words
		s()
		a.core += a.words - before
		for range slots[k] {
			a.fillPara()
		}
	}
	// Context takes from a third to a half of the article, which is kept
	// between 300 and 900 words.
	a.fill(min(900, max(300, a.core*(15+a.r.IntN(6))/10)))
}

func (a *art) report(ev *ent) {
	r := a.r
	a.date = a.clamp(ev.date.Time().AddDate(0, 0, 1+r.IntN(25)))
	a.place = ev.seat
	evT := titleNP(ev, "")
	switch r.IntN(5) {
	case 0:
		a.title = "Retour sur " + evT
	case 1:
		a.title = upperFirst("ce qu’il faut retenir " + titleNP(ev, "de"))
	case 2:
		if ev.seat != nil {
			a.title = ev.seat.e.forms[0].text + " a accueilli " + evT
			break
		}
		fallthrough
	case 3:
		a.title = upperFirst(evT) + " : les temps forts"
	default:
		a.title = upperFirst(evT) + " : " + ev.themes[0].forms[0].text + " au cœur des échanges"
	}
	a.addThemes(ev.themes...)
	lead := func() {
		a.bindEvent(ev)
		a.say(reportLead)
		if r.IntN(2) == 0 {
			a.say(reportStructure)
		}
	}
	theme := func() {
		b := a.bindEvent(ev)
		t1, t2 := a.twoThemes(ev.themes)
		b.set("T1", t1).set("T2", t2)
		a.say(reportTheme)
		a.addThemes(t1)
		if strings.Contains(string(a.buf[a.sByte:]), t2.forms[0].text) {
			a.addThemes(t2)
		}
		a.say(reportStructure)
	}
	speakers := func() {
		sp := ev.speakers
		if len(sp) > 1 && r.IntN(2) == 0 {
			n := min(len(sp), 2+r.IntN(2))
			a.bindEvent(ev).setRoles("SPK", sp[:n]...)
			a.say(reportSpeakers)
			sp = sp[n:]
		}
		for j, ro := range sp {
			if j >= 3 {
				break
			}
			a.bindEvent(ev).setRoles("S1", ro).v("claim", pick(r, claims))
			a.say(reportSpeaker)
		}
		a.reset().setRoles("S1", pick(r, ev.speakers)).v("quote", pick(r, quoteTexts))
		a.say(quotes)
	}
	inits := func() {
		if len(ev.presented) > 1 && r.IntN(2) == 0 {
			a.bindEvent(ev).set("INITS", ev.presented...)
			a.say(reportInits)
		}
		for j, in := range ev.presented {
			if j >= 3 {
				break
			}
			if j > 0 {
				a.para()
			}
			a.bindEvent(ev).set("I", in).set("L", in.leader).setPlace("IP", in.seat)
			a.say(reportInit)
			a.describe(in)
			if j == 0 {
				a.leaderProfile(in.leader)
			}
		}
	}
	attendees := func() {
		a.bindEvent(ev).set("ATT", ev.attendees...)
		a.say(reportAttendees)
		if len(ev.speakers) > 1 {
			a.reset().setRoles("S1", ev.speakers[len(ev.speakers)-1]).v("quote", pick(r, quoteTexts))
			a.say(quotes)
		}
	}
	closing := func() {
		a.bindEvent(ev).v("nextyear", strconv.Itoa(ev.date.Time().Year()+1))
		a.say(reportClose)
		if r.IntN(3) == 0 {
			if ro := someone(r, ev.organizers[0]); ro != nil {
				a.para()
				a.reset().setRoles("SIG", ro)
				a.say(signature)
			}
		}
	}
	secs := []section{lead, theme}
	if len(ev.speakers) > 0 {
		secs = append(secs, speakers)
	}
	if len(ev.presented) > 0 {
		secs = append(secs, inits)
	}
	if len(ev.attendees) > 0 && r.IntN(4) > 0 {
		secs = append(secs, attendees)
	}
	if r.IntN(3) > 0 {
		secs = append(secs, func() { a.profile(ev.organizers[0], 2+r.IntN(2)) })
	}
	a.compose(append(secs, closing)...)
}

func (a *art) announcement(ev *ent) {
	r := a.r
	a.date = a.clamp(ev.date.Time().AddDate(0, 0, -5-r.IntN(45)))
	a.place = ev.seat
	evT := titleNP(ev, "")
	switch r.IntN(4) {
	case 0:
		a.title = upperFirst(evT) + " : les inscriptions sont ouvertes"
	case 1:
		a.title = "Save the date : " + evT + " le " + frDate(ev.date.Time(), false)
	case 2:
		a.title = upperFirst(titleNP(ev.organizers[0], "")) + " organise " + possessive(ev.fem, false, ev.forms[0].text) + ev.forms[0].text
	default:
		a.title = "Agenda : " + evT
	}
	a.addThemes(ev.themes...)
	lead := func() {
		a.bindEvent(ev)
		a.say(announceLead)
		if a.last != nil && !slices.Contains(a.last.slots, "ORG") && !slices.Contains(a.last.slots, "ORGS") {
			a.say(announceOrg) // the lead did not say who organizes it
		}
		t1, t2 := a.twoThemes(ev.themes)
		a.bindEvent(ev).set("T1", t1).set("T2", t2)
		a.say(announceTheme)
		a.addThemes(t1)
	}
	program := func() {
		b := a.bindEvent(ev)
		if len(ev.speakers) > 1 && r.IntN(2) == 0 {
			b.setRoles("SPK", ev.speakers[:min(3, len(ev.speakers))]...)
		} else {
			b.setRoles("S1", ev.speakers[0])
		}
		a.say(announceProgram)
		if len(ev.speakers) > 1 {
			a.bindEvent(ev).setRoles("S1", ev.speakers[len(ev.speakers)-1])
			a.say(announceProgram)
		}
		if len(ev.presented) > 0 {
			a.bindEvent(ev).set("INITS", ev.presented...)
			a.say(announceInits)
			a.describe(ev.presented[0])
		}
	}
	practical := func() {
		b := a.bindEvent(ev)
		b.v("deadline", frDate(a.date.AddDate(0, 0, 3+r.IntN(max(1, int(ev.date.Time().Sub(a.date).Hours()/24)-3))), false))
		a.say(announcePractical)
		a.say(announcePractical)
		a.say(announcePractical)
	}
	secs := []section{lead}
	if len(ev.speakers) > 0 {
		secs = append(secs, program)
	}
	secs = append(secs, func() { a.profile(ev.organizers[0], 2+r.IntN(2)) })
	if len(ev.organizers) > 1 && r.IntN(2) == 0 {
		secs = append(secs, func() { a.profile(ev.organizers[1], 2) })
	}
	a.compose(append(secs, practical)...)
}

// describe writes a sentence about what an initiative does, one not yet
// written in the article.
func (a *art) describe(in *ent) {
	ds := in.descr
	if len(ds) == 0 {
		ds = kindDescr[in.kind]
	}
	var fresh []string
	for _, d := range ds {
		if !a.said[d] {
			fresh = append(fresh, d)
		}
	}
	if len(fresh) == 0 {
		return
	}
	d := pick(a.r, fresh)
	a.said[d] = true
	a.begin()
	a.write(d)
	a.end()
}

func (a *art) initiative(in *ent) {
	r := a.r
	from := time.Date(in.year, 1, 1, 0, 0, 0, 0, time.UTC)
	if from.Before(a.w.start) {
		from = a.w.start
	}
	a.date = randomDate(r, from, a.w.end)
	a.place = in.seat
	a.addThemes(in.themes...)
	iT := titleNP(in, "")
	switch r.IntN(4) {
	case 0:
		a.title = upperFirst(iT) + " voit le jour"
	case 1:
		a.title = upperFirst(titleNP(in.leader, "")) + " lance " + iT
	case 2:
		a.title = "Zoom sur " + iT
	default:
		a.title = upperFirst(in.seat.inPrefix()) + in.seat.e.forms[0].text + ", " + iT + " fait ses preuves"
	}
	// When the name already says where it is ("Ressourcerie de Lille"), the
	// text places it one level up.
	at := in.seat
	for _, x := range in.forms[0].inner {
		if x.p == in.seat {
			switch at.level {
			case kg.LevelQPV:
				at = at.parents[0]
			case kg.LevelCommune:
				at = at.dept
			}
		}
	}
	bind := func() *binds {
		b := a.reset()
		b.set("I", in).set("L", in.leader).setPlace("IP", at)
		b.v("date", frDate(a.date.AddDate(0, 0, -r.IntN(20)), false)).v("year", strconv.Itoa(in.year))
		return b
	}
	lead := func() {
		bind()
		a.say(initLead)
		a.describe(in)
	}
	theme := func() {
		t1, t2 := a.twoThemes(in.themes)
		bind().set("T1", t1).set("T2", t2)
		a.say(initTheme)
		if len(in.descr) > 1 || len(kindDescr[in.kind]) > 1 {
			a.describe(in)
		}
	}
	leader := func() {
		a.leaderProfile(in.leader)
		if ro := someone(r, in.leader); ro != nil {
			a.reset().setRoles("R", ro).v("quote", pick(r, quoteTexts)).v("claim", pick(r, claims))
			a.say(people)
		}
	}
	partners := func() {
		if len(in.partners) > 0 {
			bind().set("PARTS", in.partners...)
			a.say(initPartners)
		}
		if len(in.leader.partners) > 0 && r.IntN(2) == 0 {
			bind().set("P2", in.leader.partners[0])
			a.say(leaderPartner)
		}
		if len(in.partners) > 0 && r.IntN(2) == 0 {
			if ro := someone(r, in.partners[0]); ro != nil {
				a.reset().setRoles("R", ro).v("quote", pick(r, quoteTexts)).v("claim", pick(r, claims))
				a.say(people)
			}
		}
	}
	shown := func() {
		for _, ev := range in.shownAt {
			if ev.date.Time().Before(a.date) {
				bind().set("EV", ev)
				a.say(initShown)
				break
			}
		}
	}
	local := func() {
		if auth := a.w.comAuth[in.seat.commune()]; auth != nil && auth != in.leader {
			if ro := someone(r, auth); ro != nil {
				a.reset().setRoles("R", ro).v("quote", pick(r, quoteTexts)).v("claim", pick(r, claims))
				a.say(people)
			}
		}
		bind().setPlace("DEP", in.seat.dept)
		a.say(initNext)
	}
	others := func() {
		for _, i2 := range in.leader.led {
			if i2 != in {
				bind().set("I2", i2)
				a.say(otherInits)
				a.describe(i2)
				break
			}
		}
		if len(in.leader.networks) > 0 {
			a.profile(in.leader.networks[0], 1+r.IntN(2))
		}
	}
	secs := []section{lead, theme}
	if !in.leader.authority || len(in.leader.staff) > 0 {
		secs = append(secs, leader)
	}
	if len(in.leader.led) > 1 || len(in.leader.networks) > 0 {
		secs = append(secs, others)
	}
	if len(in.partners) > 0 || len(in.leader.partners) > 0 {
		secs = append(secs, partners)
	}
	if len(in.shownAt) > 0 {
		secs = append(secs, shown)
	}
	a.compose(append(secs, local)...)
}

// leaderProfile states where an organization is, what network it belongs
// to and what it works on (local authorities are introduced by their name).
func (a *art) leaderProfile(o *ent) {
	if o.authority {
		return
	}
	r := a.r
	b := a.reset()
	b.set("L", o).setPlace("LP", o.seat).v("founded", strconv.Itoa(o.year))
	if o.seat != nil && o.year > 0 && r.IntN(3) > 0 {
		a.say(initLeader)
	}
	if len(o.networks) > 0 && r.IntN(3) > 0 {
		b.set("NET", o.networks[0]).v("since", strconv.Itoa(max(o.year, 2005)+r.IntN(8)))
		a.say(memberOf)
	}
	if len(o.themes) > 0 && r.IntN(2) == 0 && o.year > 0 {
		b.set("LT", o.themes[0])
		a.say(worksOn)
		a.addThemes(o.themes[0])
	}
}

// profile writes up to n sentences about an organization: seat, themes,
// members, partners, network.
func (a *art) profile(o *ent, n int) {
	r := a.r
	var groups [][]*tmpl
	b := a.reset()
	b.set("O", o).v("n", strconv.Itoa(5+r.IntN(120)))
	if o.year > 0 {
		b.v("founded", strconv.Itoa(o.year))
	}
	if o.kind == "network" {
		b.v("network", "1")
	}
	if o.seat != nil && !o.authority {
		b.setPlace("OP", o.seat)
		groups = append(groups, orgProfile)
	}
	if len(o.themes) > 0 {
		t1, t2 := a.twoThemes(o.themes)
		b.set("T1", t1).set("T2", t2)
		groups = append(groups, orgThemes)
		a.addThemes(t1)
	}
	if len(o.members) > 0 {
		m := slices.Clone(o.members)
		r.Shuffle(len(m), func(i, j int) { m[i], m[j] = m[j], m[i] })
		b.set("MEMBERS", m[:min(len(m), 1+r.IntN(3))]...)
		groups = append(groups, orgMembers)
	}
	if len(o.partners) > 0 {
		b.set("P2", pick(r, o.partners))
		groups = append(groups, orgPartner)
	}
	if len(o.networks) > 0 {
		b.set("NET", o.networks[0])
		groups = append(groups, orgNetwork)
	}
	r.Shuffle(len(groups), func(i, j int) { groups[i], groups[j] = groups[j], groups[i] })
	for i, g := range groups {
		if i >= n {
			break
		}
		a.say(g)
	}
}

// appointable titles are those a news item announces (not founders).
func appointable(title string) bool {
	return !strings.Contains(title, "fondat")
}

// activity writes about the initiatives an organization leads or supports.
func (a *art) activity(o *ent, not *ent) {
	r := a.r
	if len(o.led) > 1 || (len(o.led) == 1 && o.led[0] != not) {
		i2 := pick(r, o.led)
		for i2 == not {
			i2 = pick(r, o.led)
		}
		a.reset().set("L", o).set("I2", i2)
		a.say(otherInits)
		a.describe(i2)
	}
	if len(o.backs) > 0 {
		a.reset().set("O", o).set("I2", pick(r, o.backs))
		a.say(orgBacks)
	}
}

// elected titles are given by a vote; the others by a hiring.
func elected(title string) bool {
	for _, p := range []string{"président", "coprésident", "trésori", "administrat", "secrétaire"} {
		if strings.HasPrefix(title, p) {
			return true
		}
	}
	return false
}

func (a *art) appointment() {
	r := a.r
	var o *ent
	for o == nil || len(o.staff) == 0 {
		switch k := r.IntN(10); {
		case k < 4:
			o = a.w.networks.draw(r)
		case k < 9:
			o = a.w.local.draw(r)
		default:
			o = a.w.funds.draw(r)
		}
	}
	var ro *role
	for _, x := range o.staff {
		if appointable(x.title) && (ro == nil || r.IntN(2) == 0) {
			ro = x
		}
	}
	if ro == nil {
		ro = o.staff[0]
	}
	p := ro.person
	a.date = randomDate(r, a.w.start, a.w.end)
	a.place = o.seat
	for _, t := range o.themes {
		a.addThemes(t)
	}
	oT := titleNP(o, "de")
	switch r.IntN(3) {
	case 0:
		a.title = p.forms[0].text + " " + map[bool]string{false: "nommé", true: "nommée"}[p.fem] + " " + typo(ro.title) + " " + oT
		if elected(ro.title) {
			a.title = p.forms[0].text + " " + map[bool]string{false: "élu", true: "élue"}[p.fem] + " " + typo(ro.title) + " " + oT
		}
	case 1:
		a.title = "Nouvelle gouvernance pour " + titleNP(o, "")
	default:
		a.title = upperFirst(titleNP(o, "")) + " : " + p.forms[0].text + " prend ses fonctions"
	}
	when := frDate(a.date.AddDate(0, 0, -1-r.IntN(20)), false)
	bind := func() *binds {
		b := a.reset()
		b.setRoles("R", ro).set("O", o)
		if elected(ro.title) {
			b.v("elected", when)
		} else {
			b.v("hired", when)
		}
		return b
	}
	lead := func() {
		bind()
		a.say(appointLead)
		if len(o.staff) > 1 || r.IntN(2) == 0 {
			prev := a.w.peopleAt(r, o, p)
			bind().set("PREV", prev).v("year", strconv.Itoa(a.date.Year()-2-r.IntN(8)))
			a.say(appointPrev)
		}
		b := bind()
		if len(p.roles) > 1 {
			for _, other := range p.roles {
				if other != ro {
					b.setRoles("R2", other).set("O2", other.org)
					break
				}
			}
		}
		if len(o.themes) > 0 {
			b.set("T1", o.themes[0])
		}
		a.say(appointBio)
	}
	priorities := func() {
		a.reset()
		a.say(appointPriorities)
		a.say(appointPriorities)
		a.reset().setRoles("R", ro).v("quote", pick(r, quoteTexts)).v("claim", pick(r, claims))
		a.say(people)
	}
	secs := []section{lead, func() { a.profile(o, 3) }, priorities}
	if len(o.led) > 0 || len(o.backs) > 0 {
		secs = append(secs, func() { a.activity(o, nil) })
	}
	if len(o.staff) > 1 {
		secs = append(secs, func() {
			other := o.staff[0]
			if other == ro {
				other = o.staff[1]
			}
			a.reset().setRoles("R", other).v("quote", pick(r, quoteTexts)).v("claim", pick(r, claims))
			a.say(people)
		})
	}
	if len(o.networks) > 0 {
		secs = append(secs, func() { a.profile(o.networks[0], 2) })
	}
	a.compose(secs...)
}

// peopleAt returns someone of the world who does not work for o, for the
// mention of a predecessor.
func (w *world) peopleAt(r *rand.Rand, o *ent, not *ent) *ent {
	for {
		p := pick(r, w.people)
		if p != not && !slices.ContainsFunc(o.staff, func(ro *role) bool { return ro.person == p }) {
			return p
		}
	}
}

func (a *art) call(in *ent) {
	r := a.r
	from := time.Date(in.year, 1, 1, 0, 0, 0, 0, time.UTC)
	a.date = a.clamp(randomDate(r, from, from.AddDate(0, 9, 0)))
	a.place = in.seat
	if a.place == nil {
		a.place = in.leader.seat
	}
	a.addThemes(in.themes...)
	deadline := frDate(a.date.AddDate(0, 1+r.IntN(3), r.IntN(20)), false)
	switch r.IntN(3) {
	case 0:
		a.title = upperFirst(titleNP(in.leader, "")) + " lance " + titleNP(in, "")
	case 1:
		a.title = upperFirst(titleNP(in, "")) + " : candidatures jusqu’au " + deadline
	default:
		a.title = "Appel à projets : " + strings.ToLower(in.themes[0].forms[0].text) + ", les candidatures sont ouvertes"
	}
	bind := func() *binds {
		b := a.reset()
		b.set("I", in).set("L", in.leader).setPlace("IP", in.seat)
		b.v("date", frDate(a.date.AddDate(0, 0, -r.IntN(10)), false)).v("deadline", deadline)
		b.v("amount", amount(in.amount)).v("cap", amount(max(5000, in.amount/10/5000*5000)))
		if in.seat == nil {
			b.v("national", "1")
		}
		return b
	}
	lead := func() {
		bind()
		a.say(callLead)
		t1, t2 := a.twoThemes(in.themes)
		bind().set("T1", t1).set("T2", t2)
		a.say(callScope)
		a.say(callTheme)
		a.addThemes(t1)
		a.describe(in)
	}
	budget := func() {
		bind()
		a.say(callBudget)
		a.say(callBudget)
		if len(in.partners) > 0 {
			bind().set("PARTS", in.partners...)
			a.say(callPartners)
		}
	}
	voices := func() {
		if ro := someone(r, in.leader); ro != nil {
			a.reset().setRoles("R", ro).v("quote", pick(r, quoteTexts)).v("claim", pick(r, claims))
			a.say(people)
		}
		for _, ev := range in.shownAt {
			if ev.date.Time().After(a.date) {
				bind().set("EV", ev)
				a.say(callShown)
				break
			}
		}
		bind()
		a.say(callBudget)
	}
	secs := []section{lead, budget, voices}
	if !in.leader.authority {
		secs = append(secs, func() { a.profile(in.leader, 2+r.IntN(2)) })
	}
	if len(in.leader.backs) > 0 {
		secs = append(secs, func() { a.activity(in.leader, in) })
	}
	a.compose(secs...)
}

func (a *art) partnership() {
	r := a.r
	var o1, o2 *ent
	for o2 == nil {
		if r.IntN(3) == 0 {
			o1 = a.w.networks.draw(r)
		} else {
			o1 = a.w.local.draw(r)
		}
		if len(o1.partners) > 0 {
			o2 = pick(r, o1.partners)
		}
	}
	a.date = randomDate(r, a.w.start, a.w.end)
	a.place = o1.seat
	a.addThemes(o1.themes...)
	a.addThemes(o2.themes...)
	switch r.IntN(2) {
	case 0:
		a.title = upperFirst(titleNP(o1, "")) + " et " + titleNP(o2, "") + " signent une convention de partenariat"
	default:
		a.title = "Partenariat : " + titleNP(o1, "") + " et " + titleNP(o2, "") + " unissent leurs forces"
	}
	lead := func() {
		b := a.reset()
		b.set("O1", o1).set("O2", o2).v("date", frDate(a.date.AddDate(0, 0, -r.IntN(15)), false)).v("years", pick(r, []string{"deux", "trois", "cinq"}))
		a.say(partnerLead)
		t1, t2 := a.twoThemes(append(slices.Clone(o1.themes), o2.themes...))
		a.reset().set("T1", t1).set("T2", t2).setPlace("PL", o1.seat)
		a.say(partnerGoal)
		a.addThemes(t1)
		a.reset()
		a.say(partnerContent)
	}
	sign := func() {
		a.reset().setRoles("R1", someone(r, o1)).setRoles("R2", someone(r, o2)).v("quote", pick(r, quoteTexts))
		a.say(partnerSign)
		a.reset()
		a.say(partnerContent)
	}
	secs := []section{lead}
	if someone(r, o1) != nil && someone(r, o2) != nil {
		secs = append(secs, sign)
	}
	secs = append(secs, func() { a.profile(o1, 2+r.IntN(2)) }, func() { a.profile(o2, 2) })
	if len(o1.led) > 0 || len(o1.backs) > 0 {
		secs = append(secs, func() { a.activity(o1, nil) })
	}
	a.compose(secs...)
}

// fill adds paragraphs of context until the article reaches about target
// words (or the context sentences run out).
func (a *art) fill(target int) {
	for a.words < target {
		before := a.words
		a.fillPara()
		if a.words == before {
			break
		}
	}
}

// fillPara writes a paragraph of two to four context sentences about the
// article's themes and places, none used before in the article.
func (a *art) fillPara() {
	r := a.r
	a.para()
	for range 2 + r.IntN(3) {
		b := a.reset()
		t := pick(r, a.articleThemesSoFar())
		t2 := pick(r, a.w.themes)
		for t2 == t {
			t2 = pick(r, a.w.themes)
		}
		b.set("T", t).set("T2", t2).v("n", strconv.Itoa(12+r.IntN(150))).v("pct", strconv.Itoa(40+r.IntN(45)))
		b.v("year", strconv.Itoa(max(a.w.start.Year(), a.date.Year()-1-r.IntN(6))))
		if p := a.place; p != nil {
			b.setPlace("PL", p.up(pick(r, []kg.TerritoryLevel{kg.LevelCommune, kg.LevelDepartment, kg.LevelRegion})))
		}
		if !a.sayFresh(fillers) {
			return
		}
	}
}

// sayFresh is say limited to templates not yet used in the article.
func (a *art) sayFresh(group []*tmpl) bool {
	for _, t := range group {
		if t.usable(a.b) && !a.used[t] {
			return a.say(group)
		}
	}
	return false
}

func (a *art) articleThemesSoFar() []*ent {
	if len(a.themes) == 0 {
		return a.w.themes
	}
	return a.themes[:min(4, len(a.themes))]
}

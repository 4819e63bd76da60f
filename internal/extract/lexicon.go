package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

//go:embed data/*.tsv data/prenoms.tsv.gz
var dataFS embed.FS

// orgEntry is a national actor of the organization lexicon.
type orgEntry struct {
	id      string // id slug
	name    string
	acronym string
	kind    string
	aliases []string
	branch  bool // "NAME <territory>" names a territorial branch
	generic bool // the bare name is a class of bodies
	program bool // after a programme noun, the name is an initiative
	sig     string
}

// themeEntry is a concept of the theme lexicon.
type themeEntry struct {
	id       string
	name     string
	broader  string
	variants []string
	acronyms []string
	nomatch  bool
}

// progEntry is a national programme, label or scheme (an initiative).
type progEntry struct {
	id      string
	name    string
	acronym string
	aliases []string
	kind    string
}

// roleEntry is a role form.
type roleEntry struct {
	form  string
	scope string // org, commune, department, region, state
}

// kindEntry is an event or initiative kind, or an organization head.
type kindEntry struct {
	form       string
	kind       string
	mode       string // initiatives: named, compound, structure
	keep       bool   // org heads
	complement bool   // org heads
}

// authority is the canonical organization of a regional or departmental
// authority.
type authority struct {
	level   kg.TerritoryLevel
	code    string
	name    string
	aliases []string
}

// lexicons holds every data file, parsed.
type lexicons struct {
	orgs        []*orgEntry
	progs       []*progEntry
	themes      []*themeEntry
	themeByID   map[string]*themeEntry
	roles       []roleEntry
	events      []kindEntry
	initiatives []kindEntry
	heads       []kindEntry
	authorities map[string]*authority // "region:32", "department:62"
	givenNames  map[string]int        // folded given name → count
}

func readTSV(name string, minFields int, each func(f []string) error) error {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return kg.WrapError(kg.Internal, err, "extract: data file %s", name)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for line := 1; sc.Scan(); line++ {
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		for len(f) < minFields {
			f = append(f, "")
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if err := each(f); err != nil {
			return kg.Errorf(kg.Internal, "extract: data/%s:%d: %v", name, line, err)
		}
	}
	return nil
}

func splitList(s, sep string) []string {
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func loadLexicons() (*lexicons, error) {
	lx := &lexicons{themeByID: map[string]*themeEntry{}, authorities: map[string]*authority{}, givenNames: map[string]int{}}
	ids := map[string]bool{}
	err := readTSV("organizations.tsv", 6, func(f []string) error {
		if f[0] == "" || f[1] == "" || ids[f[0]] {
			return fmt.Errorf("missing or duplicate id/name %q", f[0])
		}
		ids[f[0]] = true
		e := &orgEntry{id: f[0], name: f[1], acronym: f[2], kind: f[3], aliases: splitList(f[4], "|")}
		for _, fl := range splitList(f[5], ",") {
			switch fl {
			case "branch":
				e.branch = true
			case "generic":
				e.generic = true
			case "program":
				e.program = true
			default:
				return fmt.Errorf("unknown flag %q", fl)
			}
		}
		e.sig = signature(e.name)
		lx.orgs = append(lx.orgs, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	pids := map[string]bool{}
	err = readTSV("programmes.tsv", 5, func(f []string) error {
		if f[0] == "" || f[1] == "" || f[4] == "" || pids[f[0]] {
			return fmt.Errorf("missing or duplicate id/name/kind %q", f[0])
		}
		pids[f[0]] = true
		lx.progs = append(lx.progs, &progEntry{id: f[0], name: f[1], acronym: f[2], aliases: splitList(f[3], "|"), kind: f[4]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("themes.tsv", 6, func(f []string) error {
		if f[0] == "" || f[1] == "" || lx.themeByID[f[0]] != nil {
			return fmt.Errorf("missing or duplicate id/name %q", f[0])
		}
		e := &themeEntry{id: f[0], name: f[1], broader: f[2], variants: splitList(f[3], "|"), acronyms: splitList(f[4], "|"), nomatch: f[5] == "nomatch"}
		lx.themes = append(lx.themes, e)
		lx.themeByID[e.id] = e
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, t := range lx.themes {
		if t.broader != "" && lx.themeByID[t.broader] == nil {
			return nil, kg.Errorf(kg.Internal, "extract: data/themes.tsv: %s has unknown broader %q", t.id, t.broader)
		}
	}
	if err := readTSV("roles.tsv", 2, func(f []string) error {
		switch f[1] {
		case "org", "commune", "department", "region", "state":
		default:
			return fmt.Errorf("unknown scope %q", f[1])
		}
		lx.roles = append(lx.roles, roleEntry{form: f[0], scope: f[1]})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readTSV("events.tsv", 2, func(f []string) error {
		lx.events = append(lx.events, kindEntry{form: f[0], kind: f[1]})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readTSV("initiatives.tsv", 3, func(f []string) error {
		switch f[2] {
		case "named", "compound", "structure":
		default:
			return fmt.Errorf("unknown mode %q", f[2])
		}
		lx.initiatives = append(lx.initiatives, kindEntry{form: f[0], kind: f[1], mode: f[2]})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readTSV("orgheads.tsv", 4, func(f []string) error {
		lx.heads = append(lx.heads, kindEntry{form: f[0], kind: f[1], keep: f[2] == "yes", complement: f[3] == "yes"})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readTSV("authorities.tsv", 4, func(f []string) error {
		var lvl kg.TerritoryLevel
		switch f[0] {
		case "region":
			lvl = kg.LevelRegion
		case "department":
			lvl = kg.LevelDepartment
		default:
			return fmt.Errorf("unknown level %q", f[0])
		}
		lx.authorities[f[0]+":"+f[1]] = &authority{level: lvl, code: f[1], name: f[2], aliases: splitList(f[3], "|")}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := loadGivenNames(lx.givenNames); err != nil {
		return nil, err
	}
	return lx, nil
}

func loadGivenNames(into map[string]int) error {
	f, err := dataFS.Open("data/prenoms.tsv.gz")
	if err != nil {
		return kg.WrapError(kg.Internal, err, "extract: given names")
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return kg.WrapError(kg.Internal, err, "extract: given names")
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return kg.WrapError(kg.Internal, err, "extract: given names")
	}
	for _, l := range strings.Split(string(b), "\n") {
		if l == "" || l[0] == '#' {
			continue
		}
		name, count, ok := strings.Cut(l, "\t")
		n, err := strconv.Atoi(count)
		if !ok || err != nil {
			return kg.Errorf(kg.Internal, "extract: given names: bad line %q", l)
		}
		k := fold(name)
		into[k] += n
	}
	return nil
}

// stop words dropped from names when comparing their content (signature)
// and when scoring events and initiatives (see internal/eval).
var stopWords = map[string]bool{
	"le": true, "la": true, "les": true, "l": true, "de": true, "du": true, "des": true, "d": true,
	"et": true, "pour": true, "un": true, "une": true, "a": true, "au": true, "aux": true,
	"en": true, "sur": true, "dans": true, "par": true, "avec": true, "the": true, "of": true,
}

// signature is the content words of a name, folded and space-joined: the
// key under which slightly different spellings of a name meet.
func signature(s string) string {
	var out []string
	for _, w := range strings.Fields(fold(s)) {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

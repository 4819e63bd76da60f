package memstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
)

// benchCorpus generates n articles deterministically: 30 regions of 4
// departments of 25 communes (3,000 reference territories with their
// hierarchy) and, per article, eleven entities: 15% drawn with a Zipf law
// from small pools of popular ones, the others named once (a long tail),
// relations with evidence, and 1 to 3 themes. At 10,000 articles this gives
// ~100,000 entities.
func benchCorpus(n int, seed uint64) (kg.ReferenceData, []kg.ArticleGraph) {
	r := rand.New(rand.NewPCG(seed, 0x6d61696c))
	var ref kg.ReferenceData
	var communes []kg.Entity
	ev := []kg.Evidence{{Extractor: "reference/bench", Confidence: 1}}
	for reg := range 30 {
		rid := kg.TerritoryID(kg.LevelRegion, fmt.Sprint(10+reg))
		ref.Entities = append(ref.Entities, kg.Entity{ID: rid, Type: kg.TypeTerritory, Name: fmt.Sprintf("Région %d", reg), Kind: string(kg.LevelRegion), Code: fmt.Sprint(10 + reg)})
		for dep := range 4 {
			code := fmt.Sprintf("%02d%d", reg, dep)
			did := kg.TerritoryID(kg.LevelDepartment, code)
			ref.Entities = append(ref.Entities, kg.Entity{ID: did, Type: kg.TypeTerritory, Name: "Département " + code, Kind: string(kg.LevelDepartment), Code: code})
			ref.Relations = append(ref.Relations, kg.Relation{Type: kg.PartOf, From: did, To: rid, Provenance: ev})
			for com := range 25 {
				ccode := fmt.Sprintf("%s%02d", code, com)
				c := kg.Entity{ID: kg.TerritoryID(kg.LevelCommune, ccode), Type: kg.TypeTerritory, Name: fmt.Sprintf("Saint-%s-sur-Lèze", ccode), Kind: string(kg.LevelCommune), Code: ccode}
				ref.Entities = append(ref.Entities, c)
				ref.Relations = append(ref.Relations, kg.Relation{Type: kg.PartOf, From: c.ID, To: did, Provenance: ev})
				communes = append(communes, c)
			}
		}
	}
	themes := []string{"Économie sociale et solidaire", "Politique de la ville", "Petite enfance", "Participation citoyenne", "Insertion", "Tiers-lieux", "Alimentation durable", "Mobilité solidaire"}
	for _, th := range themes {
		ref.Entities = append(ref.Entities, kg.Entity{ID: kg.NewEntityID(kg.TypeTheme, th), Type: kg.TypeTheme, Name: th, Scheme: "bench"})
	}
	zipf := func(pool uint64) uint64 { return rand.NewZipf(r, 1.15, 4, pool-1).Uint64() }
	// pick returns a popular entity (Zipf over a small pool) 15% of the
	// time, else one never drawn before: a long tail of entities named once.
	fresh := uint64(1 << 20)
	pick := func(popular uint64) uint64 {
		if r.IntN(100) < 15 {
			return zipf(popular)
		}
		fresh++
		return fresh
	}
	orgWords := []string{"Association", "Coopérative", "Collectif", "Réseau", "Fédération", "Maison", "Atelier", "Fonds"}
	what := []string{"des habitants", "solidaire", "de l’économie locale", "des quartiers", "pour l’emploi", "du lien social", "des jardins partagés", "de la petite enfance"}
	first := []string{"Camille", "Nadia", "Yann", "Louise", "Karim", "Élodie", "Marc", "Inès", "Théo", "Zoé"}
	last := []string{"Martin", "Benali", "Le Goff", "Nguyen", "Lefèvre", "Diallo", "Moreau", "Kerbrat", "Roux", "Garnier"}
	orgOf := func(i uint64) kg.Entity {
		name := fmt.Sprintf("%s %s n°%d", orgWords[i%8], what[(i/8)%8], i)
		return kg.Entity{ID: kg.NewEntityID(kg.TypeOrganization, name), Type: kg.TypeOrganization, Name: name, Kind: []string{"association", "cooperative", "network", "fund"}[i%4]}
	}
	personOf := func(i uint64) kg.Entity {
		name := fmt.Sprintf("%s %s-%d", first[i%10], last[(i/10)%10], i)
		return kg.Entity{ID: kg.NewEntityID(kg.TypePerson, name), Type: kg.TypePerson, Name: name}
	}
	initOf := func(i uint64) kg.Entity {
		name := fmt.Sprintf("Projet %s numéro %d", what[i%8], i)
		return kg.Entity{ID: kg.NewEntityID(kg.TypeInitiative, name), Type: kg.TypeInitiative, Name: name, Kind: "project"}
	}
	eventOf := func(i uint64) kg.Entity {
		day := kg.Date(time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(i%2500)).Format(time.DateOnly))
		name := fmt.Sprintf("Rencontre %s %d", what[i%8], i)
		return kg.Entity{ID: kg.NewEventID(day, name), Type: kg.TypeEvent, Name: name, StartDate: day, Kind: "meeting"}
	}
	graphs := make([]kg.ArticleGraph, 0, n)
	for a := range n {
		url := fmt.Sprintf("https://bench.example/articles/%d", a)
		date := kg.Date(time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(2500)).Format(time.DateOnly))
		g := kg.ArticleGraph{Article: kg.Article{ID: kg.ArticleID(url, ""), URL: url, Title: fmt.Sprintf("Actualité %d : les acteurs solidaires se mobilisent", a), PublishedAt: date, Site: "bench.example", ContentHash: fmt.Sprint(a)}}
		var text strings.Builder
		runes := 0
		listed := map[kg.ID]bool{}
		spans := map[kg.ID][]kg.Span{}
		add := func(s string) { text.WriteString(s); runes += utf8.RuneCountInString(s) }
		mention := func(e kg.Entity) kg.Span {
			if !listed[e.ID] && e.Type != kg.TypeTerritory {
				listed[e.ID] = true
				g.Entities = append(g.Entities, e)
			}
			sp := kg.Span{Start: runes, End: runes + utf8.RuneCountInString(e.Name), Text: e.Name}
			add(e.Name)
			spans[e.ID] = append(spans[e.ID], sp)
			return sp
		}
		rel := func(t kg.RelationType, from, to kg.Entity, role string, start int, fs, ts kg.Span) {
			g.Relations = append(g.Relations, kg.Relation{Type: t, From: from.ID, To: to.ID, Role: role, Provenance: []kg.Evidence{{
				ArticleID: g.Article.ID, Start: start, End: runes, Spans: []kg.Span{fs, ts}, Extractor: "bench", Confidence: 0.8,
			}}})
		}
		com := communes[zipf(uint64(len(communes)))]
		orgs := []kg.Entity{orgOf(pick(2000)), orgOf(pick(2000)), orgOf(pick(2000)), orgOf(pick(2000)), orgOf(pick(2000))}
		people := []kg.Entity{personOf(pick(2000)), personOf(pick(2000)), personOf(pick(2000)), personOf(pick(2000))}
		ini, evt := initOf(pick(1000)), eventOf(pick(500))
		for i, o := range orgs {
			start := runes
			add("L’organisation ")
			os := mention(o)
			add(" agit à ")
			cs := mention(com)
			add(" depuis plusieurs années, avec les habitants et les élus du territoire. ")
			rel(kg.LocatedIn, o, com, "", start, os, cs)
			if i < len(people) {
				start = runes
				ps := mention(people[i])
				add(" en est la présidente et anime ses ateliers chaque semaine avec ")
				os2 := mention(o)
				add(". ")
				rel(kg.HoldsRole, people[i], o, "présidente", start, ps, os2)
			}
		}
		start := runes
		add("Le ")
		is := mention(ini)
		add(" est porté par ")
		os := mention(orgs[0])
		add(" et a été présenté lors de la ")
		es := mention(evt)
		add(". ")
		rel(kg.LedBy, ini, orgs[0], "", start, is, os)
		rel(kg.PresentedAt, ini, evt, "", start, is, es)
		add(strings.Repeat("Les partenaires se réjouissent de cette dynamique collective au service des quartiers. ", 8))
		g.Article.Text = text.String()
		for id, sp := range spans {
			g.Mentions = append(g.Mentions, kg.Mention{ArticleID: g.Article.ID, EntityID: id, Spans: sp})
		}
		for range 1 + r.IntN(3) {
			g.Themes = append(g.Themes, kg.NewEntityID(kg.TypeTheme, themes[zipf(uint64(len(themes)))]))
		}
		graphs = append(graphs, g)
	}
	return ref, graphs
}

func openBench(b *testing.B, dir string) *memstore.Store {
	b.Helper()
	s, err := memstore.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func loadBench(b *testing.B, s *memstore.Store, ref kg.ReferenceData, graphs []kg.ArticleGraph, batch int) {
	b.Helper()
	ctx := context.Background()
	if err := s.LoadReference(ctx, ref); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < len(graphs); i += batch {
		if _, err := s.UpsertArticles(ctx, graphs[i:min(i+batch, len(graphs))]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpsertArticles writes 1,000 generated articles into a fresh
// store, in transactions of the given batch size.
func BenchmarkUpsertArticles(b *testing.B) {
	ref, graphs := benchCorpus(1000, 1)
	for _, batch := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				s := openBench(b, b.TempDir())
				if err := s.LoadReference(context.Background(), ref); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				c0 := cpuTime()
				loadBench(b, s, kg.ReferenceData{}, graphs, batch)
				cpu += cpuTime() - c0
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(len(graphs)*b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// bigStore is a 10,000-article store built once for the read benchmarks.
var bigStore struct {
	once sync.Once
	dir  string
	err  error
	ref  kg.ReferenceData
	n    int
}

const bigArticles = 10000

func bigDir(b *testing.B) string {
	bigStore.once.Do(func() {
		bigStore.dir, bigStore.err = os.MkdirTemp("", "memstore-bench-")
		if bigStore.err != nil {
			return
		}
		ref, graphs := benchCorpus(bigArticles, 42)
		bigStore.ref = ref
		s, err := memstore.Open(bigStore.dir)
		if err != nil {
			bigStore.err = err
			return
		}
		defer s.Close()
		if err := s.LoadReference(context.Background(), ref); err != nil {
			bigStore.err = err
			return
		}
		for i := 0; i < len(graphs); i += 500 {
			if _, err := s.UpsertArticles(context.Background(), graphs[i:min(i+500, len(graphs))]); err != nil {
				bigStore.err = err
				return
			}
		}
		st, _ := s.Stats(context.Background())
		for _, n := range st.Entities {
			bigStore.n += n
		}
	})
	if bigStore.err != nil {
		b.Fatal(bigStore.err)
	}
	return bigStore.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigStore.dir != "" {
		os.RemoveAll(bigStore.dir)
	}
	os.Exit(code)
}

// BenchmarkOpen10k measures opening a store of 10,000 articles (~100,000
// entities): reading and checking the file and rebuilding the indexes, and
// the heap it then holds.
func BenchmarkOpen10k(b *testing.B) {
	dir := bigDir(b)
	var heap float64
	var cpu time.Duration
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c0 := cpuTime()
		s := openBench(b, dir)
		cpu += cpuTime() - c0
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(heap, "MB-heap")
	b.ReportMetric(float64(bigStore.n), "entities")
}

// BenchmarkRead10k measures representative reads on the 10,000-article store.
func BenchmarkRead10k(b *testing.B) {
	s := openBench(b, bigDir(b))
	defer s.Close()
	ctx := context.Background()
	region := kg.TerritoryID(kg.LevelRegion, "10")
	top, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{Field: kg.SortByMentionCount, Direction: kg.Desc}, kg.PageRequest{First: 50})
	if err != nil {
		b.Fatal(err)
	}
	var ids []kg.ID
	for _, e := range top.Items {
		ids = append(ids, e.ID)
	}
	page, _ := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{}, kg.PageRequest{First: 20})
	reads := []struct {
		name string
		run  func() error
	}{
		{"ListOrganizationsByName/first=20", func() error {
			_, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{}, kg.PageRequest{First: 20})
			return err
		}},
		{"ListOrganizationsByName/after=cursor", func() error {
			_, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{}, kg.PageRequest{First: 20, After: page.Cursors[19]})
			return err
		}},
		{"ListPersonsByLastMentioned", func() error {
			_, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypePerson}, kg.EntityOrder{Field: kg.SortByLastMentioned, Direction: kg.Desc}, kg.PageRequest{First: 20})
			return err
		}},
		{"ListOrganizationsInRegionWithDescendants", func() error {
			_, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization, Territory: region, IncludeDescendants: true}, kg.EntityOrder{Field: kg.SortByMentionCount, Direction: kg.Desc}, kg.PageRequest{First: 20})
			return err
		}},
		{"ListOrganizationsByTextFilter", func() error {
			_, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization, Text: "jardins partages"}, kg.EntityOrder{}, kg.PageRequest{First: 20})
			return err
		}},
		{"ListArticlesNewestInRegion", func() error {
			_, err := s.ListArticles(ctx, kg.ArticleFilter{Territory: region, IncludeDescendants: true}, kg.ArticleOrder{}, kg.PageRequest{First: 20})
			return err
		}},
		{"Search/cooperative solidaire", func() error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: "coopérative solidaire"}, kg.PageRequest{First: 20})
			return err
		}},
		{"Search/exact name", func() error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: top.Items[0].Name}, kg.PageRequest{First: 20})
			return err
		}},
		{"Entities/50", func() error { _, err := s.Entities(ctx, ids); return err }},
		{"RelationsOf/50", func() error { _, err := s.RelationsOf(ctx, ids, kg.RelationQuery{}); return err }},
		{"MentionsOf/50", func() error { _, err := s.MentionsOf(ctx, ids); return err }},
		{"CoMentioned/50", func() error { _, err := s.CoMentioned(ctx, ids, kg.CoMentionQuery{Limit: 10}); return err }},
	}
	for _, r := range reads {
		b.Run(r.name, func(b *testing.B) {
			c0 := cpuTime()
			for b.Loop() {
				if err := r.run(); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, c0)
		})
	}
}

// cpuTime is the CPU time (user and system) used by the process so far.
// The benchmarks report it per operation as well ("cpu-ns/op"), because
// wall time on a shared machine measures the neighbours too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, since time.Duration) {
	b.ReportMetric(float64(cpuTime()-since)/float64(b.N), "cpu-ns/op")
}

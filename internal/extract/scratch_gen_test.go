package extract_test

import (
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/maillage/maillage/internal/eval"
	"github.com/maillage/maillage/internal/extract"
	"github.com/maillage/maillage/internal/gen"
	"github.com/maillage/maillage/internal/kg"
)

func TestScratchGen(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	x := extractor(t)
	items, err := gen.Generate(gen.Config{Articles: 150, Seed: 42, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var pairs []eval.Pair
	for _, it := range items {
		g := it.Graph
		gold := eval.Gold{Article: eval.GoldArticle{URL: g.Article.URL, PublishedAt: string(g.Article.PublishedAt), Themes: g.Article.Themes}}
		names := map[kg.ID]string{}
		for _, e := range g.Entities {
			names[e.ID] = e.Name
			gold.Entities = append(gold.Entities, eval.GoldEntity{Type: string(e.Type), Name: e.Name, Aliases: append(e.Aliases, e.Acronym)})
		}
		for _, r := range g.Relations {
			gold.Relations = append(gold.Relations, eval.GoldRelation{Type: string(r.Type), From: names[r.From], To: names[r.To]})
		}
		r := it.Record
		a := kg.Article{ID: kg.ArticleID(r.URL, r.Text), URL: r.URL, Title: r.Title, PublishedAt: r.PublishedAt, Themes: r.Themes, Text: r.Text}
		pairs = append(pairs, eval.Pair{Name: r.URL, Gold: gold, Pred: extract.NewDocument(x.Extract(a))})
	}
	rep := eval.Score(pairs)
	rep.WriteTable(os.Stdout, false)
	miss, wrong := map[string]int{}, map[string]int{}
	for _, d := range rep.Docs {
		for _, m := range d.MissedEntities {
			miss[m]++
		}
		for _, m := range d.WrongEntities {
			wrong[m]++
		}
		for _, m := range d.MissedRels {
			miss["R "+m[:min(len(m), 60)]]++
		}
		for _, m := range d.WrongRels {
			wrong["R "+m[:min(len(m), 60)]]++
		}
	}
	top := func(m map[string]int, title string) {
		type kv struct {
			k string
			v int
		}
		var l []kv
		for k, v := range m {
			l = append(l, kv{k, v})
		}
		sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v || l[i].v == l[j].v && l[i].k < l[j].k })
		fmt.Println("==", title)
		for i := 0; i < len(l) && i < 45; i++ {
			fmt.Println(l[i].v, l[i].k)
		}
	}
	top(miss, "missed")
	top(wrong, "wrong")
	if os.Getenv("SHOW") != "" {
		for _, it := range items[:3] {
			fmt.Println("-----", it.Record.Title)
			fmt.Println(it.Record.Text)
		}
	}
}

func TestScratchGenDoc(t *testing.T) {
	q := os.Getenv("FIND")
	if q == "" {
		t.Skip()
	}
	x := extractor(t)
	items, _ := gen.Generate(gen.Config{Articles: 150, Seed: 42, Workers: 1})
	n := 0
	for _, it := range items {
		r := it.Record
		if !contains(r.Text, q) {
			continue
		}
		a := kg.Article{ID: kg.ArticleID(r.URL, r.Text), URL: r.URL, Title: r.Title, PublishedAt: r.PublishedAt, Themes: r.Themes, Text: r.Text}
		g := x.Extract(a)
		fmt.Println("=====", r.Title)
		for _, para := range splitParas(r.Text) {
			if contains(para, q) {
				fmt.Println(">>", para)
			}
		}
		for _, e := range g.Entities {
			fmt.Printf("  %s | %s | %v\n", e.ID, e.Name, e.Aliases)
		}
		for _, rl := range g.Relations {
			fmt.Printf("  %s %s -> %s\n", rl.Type, rl.From, rl.To)
		}
		fmt.Println("  GOLD:")
		for _, e := range it.Graph.Entities {
			fmt.Printf("  %s | %s\n", e.ID, e.Name)
		}
		for _, rl := range it.Graph.Relations {
			fmt.Printf("  %s %s -> %s\n", rl.Type, rl.From, rl.To)
		}
		n++
		if n >= 2 {
			break
		}
	}
}

func contains(s, q string) bool { return len(q) > 0 && len(s) >= len(q) && (func() bool { return stringsIndex(s, q) >= 0 })() }

func stringsIndex(s, q string) int {
	for i := 0; i+len(q) <= len(s); i++ {
		if s[i:i+len(q)] == q {
			return i
		}
	}
	return -1
}

func splitParas(s string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\n' && s[i+1] == '\n' {
			out = append(out, s[start:i])
			start = i + 2
		}
	}
	return append(out, s[start:])
}

package gen

import (
	"context"
	"iter"
	"runtime"
	"time"

	"github.com/maillage/maillage/internal/kg"
)

// Constants of generated corpora.
const (
	// Extractor is the Evidence.Extractor of every generated relation.
	Extractor = "gen"
	// ThemeScheme is the Scheme of the generated theme vocabulary.
	ThemeScheme = "maillage"
	// Site is the host of generated articles' URLs.
	Site = "exemple-gen.fr"
	// URLPrefix starts every generated article URL.
	URLPrefix = "https://" + Site + "/actualites"
	// ReferenceExtractor is the Extractor of the reference PART_OF relations.
	ReferenceExtractor = "reference/cog"
)

// Config says what corpus to generate. The corpus is a pure function of it.
type Config struct {
	Articles  int     `json:"articles"`  // number of articles, at least 1
	Seed      int64   `json:"seed"`      // random seed
	StartDate kg.Date `json:"startDate"` // first publication date; default 2015-01-01
	EndDate   kg.Date `json:"endDate"`   // last publication date; default 2025-12-31
	// Workers is the number of goroutines Items uses (default GOMAXPROCS).
	// It never changes the output.
	Workers int `json:"workers,omitempty"`
}

// MaxArticles bounds Config.Articles.
const MaxArticles = 10_000_000

func (c Config) withDefaults() (Config, error) {
	if c.StartDate == "" {
		c.StartDate = "2015-01-01"
	}
	if c.EndDate == "" {
		c.EndDate = "2025-12-31"
	}
	if c.Articles < 1 || c.Articles > MaxArticles {
		return c, kg.Errorf(kg.Invalid, "articles: want 1 to %d, got %d", MaxArticles, c.Articles)
	}
	if !c.StartDate.Valid() || !c.EndDate.Valid() {
		return c, kg.Errorf(kg.Invalid, "dates: want YYYY-MM-DD, got %q and %q", c.StartDate, c.EndDate)
	}
	if c.EndDate.Time().Sub(c.StartDate.Time()) < 365*24*time.Hour {
		return c, kg.Errorf(kg.Invalid, "dates: the range %s…%s must span at least a year", c.StartDate, c.EndDate)
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	return c, nil
}

// Record is an article as the article parser reads it from JSON or NDJSON.
type Record struct {
	URL         string   `json:"url"`
	Title       string   `json:"title"`
	PublishedAt kg.Date  `json:"publishedAt"`
	Text        string   `json:"text"`
	Themes      []string `json:"themes"`
}

// Item is one generated article: its record and the graph its text states.
type Item struct {
	Index  int
	Record Record
	Graph  kg.ArticleGraph
}

// Corpus generates the articles of one Config.
type Corpus struct {
	w *world
}

// New builds the world of a corpus. It fails with an Invalid error on a bad
// configuration.
func New(cfg Config) (*Corpus, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	w, err := newWorld(cfg)
	if err != nil {
		return nil, err
	}
	return &Corpus{w: w}, nil
}

// Config returns the configuration, with its defaults filled in.
func (c *Corpus) Config() Config { return c.w.cfg }

// Len is the number of articles.
func (c *Corpus) Len() int { return c.w.cfg.Articles }

// Article generates article i (0 ≤ i < Len). Articles can be generated in any
// order and concurrently.
func (c *Corpus) Article(i int) Item { return c.w.article(i) }

// Items generates the articles in order, on Config.Workers goroutines. The
// sequence stops early when ctx ends or the caller stops ranging.
func (c *Corpus) Items(ctx context.Context) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		n, workers := c.Len(), min(c.w.cfg.Workers, c.Len())
		if workers <= 1 {
			for i := range n {
				if ctx.Err() != nil || !yield(c.Article(i)) {
					return
				}
			}
			return
		}
		// Worker k makes articles k, k+workers, k+2·workers… in order on its
		// own channel; reading the channels in turn restores the order.
		done := make(chan struct{})
		defer close(done)
		chans := make([]chan Item, workers)
		for k := range chans {
			chans[k] = make(chan Item, 16)
			go func(k int) {
				defer close(chans[k])
				for i := k; i < n; i += workers {
					select {
					case chans[k] <- c.Article(i):
					case <-done:
						return
					}
				}
			}(k)
		}
		for i := range n {
			if ctx.Err() != nil {
				return
			}
			if !yield(<-chans[i%workers]) {
				return
			}
		}
	}
}

// Generate returns all the articles of cfg.
func Generate(cfg Config) ([]Item, error) {
	c, err := New(cfg)
	if err != nil {
		return nil, err
	}
	out := make([]Item, 0, c.Len())
	for it := range c.Items(context.Background()) {
		out = append(out, it)
	}
	return out, nil
}

// Reference returns the reference data the corpus's territories and themes
// belong to: the country, regions, departments, communes and QPV of the
// embedded table with their PART_OF hierarchy, and the theme vocabulary.
func (c *Corpus) Reference() kg.ReferenceData {
	w := c.w
	var ref kg.ReferenceData
	ev := []kg.Evidence{{Extractor: ReferenceExtractor, Confidence: 1}}
	add := func(ps ...*place) {
		for _, p := range ps {
			e := p.entity()
			e.Reference = true
			ref.Entities = append(ref.Entities, e)
			for _, parent := range p.parents {
				ref.Relations = append(ref.Relations, kg.Relation{Type: kg.PartOf, From: p.e.id, To: parent.e.id, Provenance: ev})
			}
		}
	}
	add(w.geo.country)
	add(w.geo.regions...)
	add(w.geo.depts...)
	add(w.geo.communes...)
	add(w.geo.qpv...)
	for _, t := range w.themes {
		e := kg.Entity{ID: t.id, Type: kg.TypeTheme, Name: t.name, Scheme: ThemeScheme, Reference: true}
		for _, f := range t.forms[1:] {
			e.Aliases = append(e.Aliases, f.text) // "ESS", "IAE"
		}
		ref.Entities = append(ref.Entities, e)
	}
	return ref
}

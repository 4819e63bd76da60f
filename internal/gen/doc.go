// Package gen generates deterministic synthetic corpora for Maillage: French
// news items and event reports about social innovation in territories, each
// with the kg.ArticleGraph its text states.
//
// A corpus is a pure function of its Config (Articles, Seed, date range):
// the same configuration always yields byte-identical articles and graphs,
// whatever the number of goroutines used to produce them. New builds the
// "world" — real French territories (regions, departments, communes and
// quartiers prioritaires with their official codes, embedded in
// data/territories.tsv), local authorities that govern them, and a pool of
// generated organizations, people, events and initiatives whose size grows
// with the number of articles — then each article is drawn from that world
// with its own random stream (PCG seeded by the seed and the article index).
// Which actors an article names follows a power law, so a few networks appear
// in a large share of the articles and most actors in one or two, like in a
// real press corpus; the stores' benchmarks rely on that skew.
//
// The graph of an article is exact by construction: every mention span is the
// text at its code-point offsets, every relation carries the sentence that
// states it (with its offsets and the spans of both endpoints inside it),
// extractor "gen" and confidence 1. An entity always has the same id and the
// same canonical name in every article; its aliases are the other written
// forms that article uses. Territory names written inside an entity name
// ("Département du Nord", "Forum régional … en Bretagne") are mentions of the
// territory too; theme mentions are every occurrence of a theme's written
// forms outside other entities' names.
//
// Write stores a corpus in a directory (articles.ndjson with the JSON article
// records the article parser reads, graphs.ndjson with one ArticleGraph per
// line, reference.json with the territories' PART_OF hierarchy and the theme
// vocabulary, manifest.json with the configuration and statistics);
// ReadGraphs, ReadArticles, Load and LoadReference read it back.
package gen

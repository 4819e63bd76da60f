// Package graph is the GraphQL layer of Maillage: thin resolvers over a
// kg.Store (schema.graphqls at the repository root, generated executor in
// graph/generated, GraphQL-only types in graph/model), cursor pagination of
// nested lists, query complexity functions, the error presenter that maps kg
// error codes to extensions.code, and the authentication flag mutations
// require.
//
// Store reads go through per-operation dataloaders
// (github.com/vikstrous/dataloadgen) over the batched Store methods, and a
// prefetcher (prefetch.go) makes their batching deterministic: the resolvers
// that return objects from a store list walk the selection set under them
// level by level and read what every selected field will need with one
// store call per method (and per relation query) for the whole level,
// priming the loaders. A nested query thus costs a number of store calls
// bounded by its depth, never by its item count, even on a starved CPU where
// time-window batching alone splits batches. The loaders' own time window
// (Options.LoaderWait) is the safety net for anything the prefetcher does
// not cover. Root fields that look up one node by id (node, entity,
// organization…, article) read the store at once rather than through a
// loader, whose window nothing could join, and prime the loader with the
// answer; nodes(ids) stays batched. Relation connections (relations,
// people, roles, events, organizers, participants, initiatives, leaders)
// read only their page from the store, first+1 relations after the
// cursor's key (kg.RelationQuery.After and Limit), and count with
// kg.Store.CountRelations only when totalCount is selected; the page and
// the count have loaders of their own, keyed by entity and query, and the
// prefetcher reads both the same way. Territory.children, ordered by id
// rather than by relation key, still reads a territory's whole PART_OF
// list (reference geography: at most a few hundred). The filtered lists
// under a territory or a theme (Territory.organizations…, Theme.articles)
// cost one ListEntities or ListArticles call per parent: kg.Store has no
// batched form of them.
//
// The HTTP layer (internal/server) builds a handler on NewExecutableSchema
// and installs ErrorPresenter, RecoverFunc, the limits, and the API-key
// middleware that calls WithAuthenticated.
package graph

import (
	"context"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/maillage/maillage/graph/generated"
	"github.com/maillage/maillage/internal/kg"
)

// Page sizes used when Options leaves them zero.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// DefaultLoaderWait is how long a dataloader waits for sibling fields to
// join a batch before calling the store.
const DefaultLoaderWait = 2 * time.Millisecond

// Options configure the GraphQL layer.
type Options struct {
	// DefaultPageSize is the page size of connections asked without
	// `first` (default 20).
	DefaultPageSize int
	// MaxPageSize is the largest `first` accepted (default 100, at most
	// kg.MaxPageSize); more is an Invalid error saying the limit.
	MaxPageSize int
	// Ingester runs the extraction pipeline for the ingestArticle mutation;
	// nil makes ingestArticle an Unavailable error.
	Ingester Ingester
	// Logger receives the internal errors masked to clients (default
	// slog.Default()).
	Logger *slog.Logger
	// LoaderWait is the dataloaders' batching window (default
	// DefaultLoaderWait).
	LoaderWait time.Duration
}

func (o Options) withDefaults() Options {
	if o.DefaultPageSize <= 0 {
		o.DefaultPageSize = DefaultPageSize
	}
	if o.MaxPageSize <= 0 {
		o.MaxPageSize = MaxPageSize
	}
	o.MaxPageSize = min(o.MaxPageSize, kg.MaxPageSize)
	o.DefaultPageSize = min(o.DefaultPageSize, o.MaxPageSize)
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.LoaderWait <= 0 {
		o.LoaderWait = DefaultLoaderWait
	}
	return o
}

// Ingester reads one article, extracts its graph and stores it, returning
// the stored article's ID. internal/extract provides the implementation.
type Ingester interface {
	Ingest(ctx context.Context, in IngestInput) (kg.ID, error)
}

// IngestInput is an article given to the ingestArticle mutation.
type IngestInput struct {
	Text        string  // raw content in one of the supported formats, or plain text
	URL         string  // canonical URL, "" when unknown
	Title       string  // "" when to be read from the text
	PublishedAt kg.Date // "" when to be read from the text
	Format      string  // export, text, markdown, html, json; "" to detect
}

// Resolver is the root resolver: the store and the options.
type Resolver struct {
	store kg.Store
	opts  Options
}

// NewResolver returns the root resolver over store (for callers building
// their own generated.Config; NewExecutableSchema is the usual entry).
func NewResolver(store kg.Store, opts Options) *Resolver {
	return &Resolver{store: store, opts: opts.withDefaults()}
}

// NewExecutableSchema returns the executable schema over store, with the
// complexity functions set (connections cost childComplexity × first) and
// per-operation dataloaders installed in each operation's context (unless
// Middleware or WithLoaders already put some there).
func NewExecutableSchema(store kg.Store, opts Options) graphql.ExecutableSchema {
	r := NewResolver(store, opts)
	cfg := generated.Config{Resolvers: r}
	setComplexity(&cfg.Complexity, r.opts)
	return &executableSchema{ExecutableSchema: generated.NewExecutableSchema(cfg), r: r}
}

// executableSchema installs per-operation dataloaders around the generated
// executable schema.
type executableSchema struct {
	graphql.ExecutableSchema
	r *Resolver
}

func (s *executableSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	l := loadersFrom(ctx)
	if l == nil {
		l = newLoaders(s.r.store, s.r.opts.LoaderWait)
		ctx = context.WithValue(ctx, loadersKey{}, l)
	}
	next := s.ExecutableSchema.Exec(ctx)
	return func(ctx context.Context) *graphql.Response {
		if loadersFrom(ctx) == nil {
			ctx = context.WithValue(ctx, loadersKey{}, l)
		}
		return next(ctx)
	}
}

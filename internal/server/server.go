// Package server is Maillage's HTTP face: the GraphQL endpoint (gqlgen,
// with explicit transports and limits), GraphiQL with its assets embedded
// in the binary, health and readiness probes, Prometheus metrics, CORS,
// API keys, request ids, access logs and panic recovery.
//
// Limits, all checked before any resolver runs, so a rejected operation
// costs no store work:
//   - request body: MaxBodyBytes (1 MiB), larger → HTTP 413 with a JSON error;
//   - parser tokens: ParserTokenLimit, a bound on parse work and on field or
//     alias floods;
//   - depth: MaxDepth (12) levels of fields, fragments expanded; introspection
//     has its own bounds (see ShapeLimit);
//   - aliases: MaxAliases aliased fields per operation;
//   - complexity: MaxComplexity, gqlgen's fixed limit over the schema's
//     complexity functions, where a list field costs its page size (first)
//     times its children;
//   - time: Timeout, a context deadline per request (store calls then fail
//     as unavailable), with a backstop that answers 503 one second later.
//
// Mutations are accepted over POST only (gqlgen's GET transport refuses
// them with HTTP 406), and only from requests carrying a configured API key.
package server

import (
	"crypto/sha256"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/kg"
)

// Config configures a server. DefaultConfig gives the defaults; a zero field
// is an error, not a default, so that a caller cannot disable a limit by
// forgetting it.
type Config struct {
	// CORSOrigins are the origins allowed to call the API from a browser;
	// empty or "*" allows any origin, without credentials.
	CORSOrigins []string
	// CORSCredentials lets the allowed origins send cookies and
	// Authorization headers with credentials mode; it requires an explicit
	// origin list.
	CORSCredentials bool
	// Introspection enables __schema and __type queries (GraphiQL needs it).
	Introspection bool

	MaxDepth         int           // deepest path of fields
	MaxAliases       int           // aliased fields per operation
	MaxComplexity    int           // gqlgen complexity
	ParserTokenLimit int           // tokens in a query document
	MaxBodyBytes     int64         // request body size
	Timeout          time.Duration // per request

	// APIKeys are the keys accepted in "Authorization: Bearer KEY" or
	// "X-API-Key"; a request with one of them may run mutations. None: no
	// request can.
	APIKeys []string

	// Ingester runs the ingestArticle mutation (nil: the mutation answers
	// that ingestion is not configured).
	Ingester graph.Ingester
}

// Defaults. With the schema's costs (a connection costs 1 + first × its
// children, a short list 1 + 5 × its children), the complexity limit of
// 10,000 admits the heaviest shapes the API is meant for, measured: 50
// organizations × 10 relations × the other end × its territories (8,751),
// 100 organizations × 10 relations × the other end (6,501), a region's 50
// initiatives with their territories and themes (853), a search page
// (121); it refuses the next order of magnitude, 100 organizations × 100
// relations (50,301) or 500 aliased searches (50,500). The token limit
// admits GraphiQL's introspection query and
// hand-written dashboard queries many times over.
const (
	DefaultMaxDepth         = 12
	DefaultMaxAliases       = 100
	DefaultMaxComplexity    = 10000
	DefaultParserTokenLimit = 10000
	DefaultMaxBodyBytes     = 1 << 20
	DefaultTimeout          = 10 * time.Second
)

// DefaultConfig returns the default configuration: any origin without
// credentials, introspection on, the default limits, no API key.
func DefaultConfig() Config {
	return Config{
		Introspection:    true,
		MaxDepth:         DefaultMaxDepth,
		MaxAliases:       DefaultMaxAliases,
		MaxComplexity:    DefaultMaxComplexity,
		ParserTokenLimit: DefaultParserTokenLimit,
		MaxBodyBytes:     DefaultMaxBodyBytes,
		Timeout:          DefaultTimeout,
	}
}

// Validate reports the first invalid setting as an Invalid error.
func (c Config) Validate() error {
	positive := []struct {
		name string
		v    int64
	}{
		{"max depth", int64(c.MaxDepth)},
		{"max aliases", int64(c.MaxAliases)},
		{"max complexity", int64(c.MaxComplexity)},
		{"parser token limit", int64(c.ParserTokenLimit)},
		{"max body bytes", c.MaxBodyBytes},
		{"timeout", int64(c.Timeout)},
	}
	for _, p := range positive {
		if p.v <= 0 {
			return kg.Errorf(kg.Invalid, "server: %s must be positive, got %d", p.name, p.v)
		}
	}
	if c.CORSCredentials && anyOrigin(c.CORSOrigins) {
		return kg.Errorf(kg.Invalid, "server: CORS credentials need an explicit list of origins, not any origin")
	}
	for _, o := range c.CORSOrigins {
		if o != "*" && !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
			return kg.Errorf(kg.Invalid, "server: CORS origin %q must start with http:// or https://", o)
		}
	}
	for i, k := range c.APIKeys {
		if strings.TrimSpace(k) == "" || strings.ContainsAny(k, " \t,") {
			return kg.Errorf(kg.Invalid, "server: API key #%d is empty or contains a space or comma", i+1)
		}
	}
	return nil
}

func anyOrigin(origins []string) bool {
	return len(origins) == 0 || slices.Contains(origins, "*")
}

// Route labels, used in metrics.
const (
	routeGraphQL  = "/graphql"
	routePage     = "/"
	routeAssets   = "/assets/"
	routeHealthz  = "/healthz"
	routeReadyz   = "/readyz"
	routeMetrics  = "/metrics"
	readyzTimeout = 2 * time.Second
)

type server struct {
	cfg       Config
	store     kg.Store
	logger    *slog.Logger
	metrics   *metrics
	keyHashes [][sha256.Size]byte
}

// New builds the HTTP handler of the API over store. The handler does not
// own the store: closing it is the caller's job, after the HTTP server has
// drained.
func New(cfg Config, store kg.Store, logger *slog.Logger) (http.Handler, error) {
	if store == nil {
		return nil, kg.WrapError(kg.Internal, errNoStore, "server: no store")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &server{cfg: cfg, store: store, logger: logger, metrics: newMetrics()}
	for _, k := range cfg.APIKeys {
		s.keyHashes = append(s.keyHashes, sha256.Sum256([]byte(k)))
	}
	instrumented := instrumentedStore{Store: store, m: s.metrics}

	gql := handler.New(graph.NewExecutableSchema(instrumented, graph.Options{Logger: logger, Ingester: cfg.Ingester}))
	gql.AddTransport(transport.Options{})
	gql.AddTransport(transport.GET{})
	gql.AddTransport(transport.POST{})
	gql.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	gql.SetParserTokenLimit(cfg.ParserTokenLimit)
	gql.SetErrorPresenter(graph.ErrorPresenter(logger))
	gql.SetRecoverFunc(graph.RecoverFunc(logger))
	gql.Use(ShapeLimit{MaxDepth: cfg.MaxDepth, MaxAliases: cfg.MaxAliases, NoIntrospection: !cfg.Introspection})
	gql.Use(extension.FixedComplexityLimit(cfg.MaxComplexity))
	gql.Use(responseCounter{})
	if cfg.Introspection {
		gql.Use(extension.Introspection{})
	}

	page, err := newGraphiQL(defaultQuery)
	if err != nil {
		return nil, kg.WrapError(kg.Internal, err, "server: loading the GraphiQL assets")
	}

	api := limitBody(cfg.MaxBodyBytes, s.authenticate(withTimeout(cfg.Timeout, gql)))

	mux := http.NewServeMux()
	mux.Handle(routeGraphQL, s.observe(routeGraphQL, false, s.cors(api)))
	mux.Handle(routePage, s.observe(routePage, false, http.HandlerFunc(page.servePage)))
	mux.Handle("GET "+routeAssets, s.observe(routeAssets, true, http.HandlerFunc(page.serveAsset)))
	mux.Handle("GET "+routeHealthz, s.observe(routeHealthz, true, http.HandlerFunc(s.healthz)))
	mux.Handle("GET "+routeReadyz, s.observe(routeReadyz, true, http.HandlerFunc(s.readyz)))
	mux.Handle("GET "+routeMetrics, s.observe(routeMetrics, true,
		promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelError)})))
	return mux, nil
}

// cors applies the CORS policy to the API: preflights are answered here;
// other requests get the Access-Control headers and go on.
func (s *server) cors(next http.Handler) http.Handler {
	origins := s.cfg.CORSOrigins
	if anyOrigin(origins) {
		origins = []string{"*"}
	}
	return cors.New(cors.Options{
		AllowedOrigins:   origins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost},
		AllowedHeaders:   []string{"Content-Type", "Accept", "Authorization", "X-API-Key", RequestIDHeader},
		ExposedHeaders:   []string{RequestIDHeader},
		AllowCredentials: s.cfg.CORSCredentials,
		MaxAge:           600,
	}).Handler(next)
}

// healthz says the process is up and serving HTTP; it checks nothing else.
func (s *server) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, `{"status":"ok"}`)
}

// readyz says whether the store answers (Store.Ping within two seconds):
// 200 when it does, 503 with the error's code and message when not.
func (s *server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := contextWithTimeout(r.Context(), readyzTimeout)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.logger.WarnContext(ctx, "store not ready", "requestId", RequestID(ctx), "error", err)
		writeJSONError(w, http.StatusServiceUnavailable, string(kg.ErrorCode(err)), "store not ready: "+kg.ErrorMessage(err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, `{"status":"ready"}`)
}

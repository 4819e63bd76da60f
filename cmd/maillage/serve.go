package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/maillage/maillage/internal/ingest"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/reference"
	"github.com/maillage/maillage/internal/server"
)

// serveFlags are the flags of "maillage serve". Each defaults to its
// MAILLAGE_* environment variable, then to the built-in default.
type serveFlags struct {
	addr            string
	store           *storeFlags
	corsOrigins     string
	corsCredentials bool
	noIntrospection bool
	maxDepth        int
	maxAliases      int
	maxComplexity   int
	maxTokens       int
	maxBodyBytes    int64
	timeout         time.Duration
	shutdownTimeout time.Duration
	logFormat       string
	logLevel        string
	noSample        bool
	reference       string
}

// envError is a malformed MAILLAGE_* variable: a usage error naming it.
func envError(key, val, want string) error {
	return usageError{fmt.Sprintf("%s=%q: want %s", key, val, want)}
}

func (e *env) envInt(key string, def int) (int, error) {
	v := e.getenv(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, envError(key, v, "an integer")
	}
	return n, nil
}

func (e *env) envDuration(key string, def time.Duration) (time.Duration, error) {
	v := e.getenv(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, envError(key, v, "a duration such as 10s or 500ms")
	}
	return d, nil
}

func (e *env) envBool(key string, def bool) (bool, error) {
	v := e.getenv(key)
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, envError(key, v, "true or false")
	}
	return b, nil
}

// newServeFlagSet declares the flags of "maillage serve" with their
// environment defaults; it fails on a malformed MAILLAGE_* variable.
func newServeFlagSet(e *env) (*flag.FlagSet, *serveFlags, error) {
	fs := newFlagSet(e, "serve", "[flags]")
	f := &serveFlags{}
	def := server.DefaultConfig()
	var errs []error
	envInt := func(key string, d int) int {
		n, err := e.envInt(key, d)
		errs = append(errs, err)
		return n
	}
	envDur := func(key string, d time.Duration) time.Duration {
		v, err := e.envDuration(key, d)
		errs = append(errs, err)
		return v
	}
	envBool := func(key string, d bool) bool {
		v, err := e.envBool(key, d)
		errs = append(errs, err)
		return v
	}
	fs.StringVar(&f.addr, "addr", e.envOr("MAILLAGE_ADDR", ":8080"), "address to listen on, host:port; port 0 picks a free port (env MAILLAGE_ADDR)")
	f.store = addStoreFlags(fs, e)
	fs.StringVar(&f.corsOrigins, "cors-origins", e.getenv("MAILLAGE_CORS_ORIGINS"), "comma-separated origins allowed by CORS; empty or * allows any origin, without credentials (env MAILLAGE_CORS_ORIGINS)")
	fs.BoolVar(&f.corsCredentials, "cors-credentials", envBool("MAILLAGE_CORS_CREDENTIALS", false), "let the --cors-origins send credentials; needs an explicit origin list (env MAILLAGE_CORS_CREDENTIALS)")
	fs.BoolVar(&f.noIntrospection, "no-introspection", !envBool("MAILLAGE_INTROSPECTION", true), "refuse introspection queries (env MAILLAGE_INTROSPECTION=false)")
	fs.IntVar(&f.maxDepth, "max-depth", envInt("MAILLAGE_MAX_DEPTH", def.MaxDepth), "deepest query accepted, in levels of fields (env MAILLAGE_MAX_DEPTH)")
	fs.IntVar(&f.maxAliases, "max-aliases", envInt("MAILLAGE_MAX_ALIASES", def.MaxAliases), "most aliased fields in one query (env MAILLAGE_MAX_ALIASES)")
	fs.IntVar(&f.maxComplexity, "max-complexity", envInt("MAILLAGE_MAX_COMPLEXITY", def.MaxComplexity), "highest query complexity accepted; a list costs its page size times its fields (env MAILLAGE_MAX_COMPLEXITY)")
	fs.IntVar(&f.maxTokens, "max-tokens", envInt("MAILLAGE_MAX_TOKENS", def.ParserTokenLimit), "most tokens in a query document (env MAILLAGE_MAX_TOKENS)")
	maxBody := envInt("MAILLAGE_MAX_BODY_BYTES", int(def.MaxBodyBytes))
	fs.Int64Var(&f.maxBodyBytes, "max-body-bytes", int64(maxBody), "largest request body, in bytes; larger gets HTTP 413 (env MAILLAGE_MAX_BODY_BYTES)")
	fs.DurationVar(&f.timeout, "timeout", envDur("MAILLAGE_TIMEOUT", def.Timeout), "time allowed to one request (env MAILLAGE_TIMEOUT)")
	fs.DurationVar(&f.shutdownTimeout, "shutdown-timeout", envDur("MAILLAGE_SHUTDOWN_TIMEOUT", 15*time.Second), "on SIGINT/SIGTERM, time left to in-flight requests before the server stops (env MAILLAGE_SHUTDOWN_TIMEOUT)")
	fs.StringVar(&f.logFormat, "log-format", e.envOr("MAILLAGE_LOG_FORMAT", "text"), "log format on stderr: text or json (env MAILLAGE_LOG_FORMAT)")
	fs.StringVar(&f.logLevel, "log-level", e.envOr("MAILLAGE_LOG_LEVEL", "info"), "log level: debug, info, warn or error (env MAILLAGE_LOG_LEVEL)")
	fs.BoolVar(&f.noSample, "no-sample", !envBool("MAILLAGE_SAMPLE", true), "on first start, do not load the sample graph (env MAILLAGE_SAMPLE=false)")
	fs.StringVar(&f.reference, "reference", e.envOr("MAILLAGE_REFERENCE", defaultReference), "reference territories loaded on first start: regions (country, regions, departments) or all (also EPCI, communes, QPV) (env MAILLAGE_REFERENCE)")
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return fs, f, nil
}

func parseServeFlags(e *env, args []string) (*serveFlags, error) {
	fs, f, err := newServeFlagSet(e)
	if err != nil {
		return nil, err
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usageError{fmt.Sprintf("serve takes no arguments, got %q", fs.Args())}
	}
	return f, nil
}

// defaultReference is the reference data loaded on first start by default.
const defaultReference = "regions"

func (f *serveFlags) referenceLevels() ([]kg.TerritoryLevel, error) {
	switch f.reference {
	case "regions":
		return reference.Coarse, nil
	case "all":
		return reference.All, nil
	}
	return nil, usageError{fmt.Sprintf("--reference: unknown value %q (want regions or all)", f.reference)}
}

func (f *serveFlags) serverConfig(e *env) server.Config {
	cfg := server.DefaultConfig()
	for _, o := range strings.Split(f.corsOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.CORSOrigins = append(cfg.CORSOrigins, o)
		}
	}
	cfg.CORSCredentials = f.corsCredentials
	cfg.Introspection = !f.noIntrospection
	cfg.MaxDepth = f.maxDepth
	cfg.MaxAliases = f.maxAliases
	cfg.MaxComplexity = f.maxComplexity
	cfg.ParserTokenLimit = f.maxTokens
	cfg.MaxBodyBytes = f.maxBodyBytes
	cfg.Timeout = f.timeout
	for _, k := range strings.Split(e.getenv("MAILLAGE_API_KEYS"), ",") {
		if k = strings.TrimSpace(k); k != "" {
			cfg.APIKeys = append(cfg.APIKeys, k)
		}
	}
	return cfg
}

func newLogger(e *env, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, usageError{fmt.Sprintf("--log-level: unknown level %q (want debug, info, warn or error)", level)}
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(e.stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(e.stderr, opts)), nil
	}
	return nil, usageError{fmt.Sprintf("--log-format: unknown format %q (want text or json)", format)}
}

// runServe is the "serve" subcommand: it opens the store, loads the
// reference territories and the sample graph into an empty store, serves
// the API until ctx ends (SIGINT or SIGTERM), then drains in-flight
// requests and closes the store.
func runServe(ctx context.Context, e *env, args []string) error {
	f, err := parseServeFlags(e, args)
	if err != nil {
		return err
	}
	logger, err := newLogger(e, f.logFormat, f.logLevel)
	if err != nil {
		return err
	}
	levels, err := f.referenceLevels()
	if err != nil {
		return err
	}
	cfg := f.serverConfig(e)
	if err := cfg.Validate(); err != nil {
		return usageError{err.Error()}
	}

	store, err := f.store.open(ctx, logger)
	if err != nil {
		return fmt.Errorf("opening the store: %w", err)
	}
	defer func() {
		if err := store.Close(); err != nil {
			logger.Error("closing the store", "error", err)
		}
	}()

	pipeline, err := ingest.New(ingest.Options{Store: store})
	if err != nil {
		return err
	}
	if err := seedIfEmpty(ctx, pipeline, levels, !f.noSample, logger); err != nil {
		return err
	}
	cfg.Ingester = ingest.Ingester{P: pipeline}
	handler, err := server.New(cfg, store, logger)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", f.addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       f.timeout + 10*time.Second,
		WriteTimeout:      f.timeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	url := listenURL(ln.Addr())
	fmt.Fprintf(e.stdout, "Maillage listening on %s (GraphiQL) — GraphQL at /graphql\n", url)
	logger.Info("listening", "url", url, "store", f.store.kind, "introspection", cfg.Introspection,
		"max_depth", cfg.MaxDepth, "max_complexity", cfg.MaxComplexity, "timeout", cfg.Timeout, "api_keys", len(cfg.APIKeys))

	select {
	case err := <-served:
		return fmt.Errorf("serving HTTP: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down: draining in-flight requests", "deadline", f.shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), f.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		logger.Warn("requests still running at the shutdown deadline were cut", "error", err)
		_ = srv.Close()
	}
	<-served
	logger.Info("stopped")
	return nil
}

// listenURL is the URL to print for a listening address: a wildcard host
// is shown as localhost.
func listenURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// seedIfEmpty loads, into a store that holds nothing at all (first start),
// the reference territories of the given levels, the theme vocabulary and,
// with withSample, the bundled sample articles through the extraction
// pipeline (see ingest.Pipeline.Seed).
func seedIfEmpty(ctx context.Context, p *ingest.Pipeline, levels []kg.TerritoryLevel, withSample bool, logger *slog.Logger) error {
	rep, err := p.Seed(ctx, levels, withSample)
	if err != nil {
		return err
	}
	if !rep.Seeded {
		logger.Debug("store already holds data: nothing loaded")
		return nil
	}
	logger.Info("first start: reference data loaded", "territories", rep.Territories, "themes", rep.Themes,
		"sample_articles", rep.Sample.Written, "duration", rep.Elapsed.Round(time.Millisecond))
	return nil
}

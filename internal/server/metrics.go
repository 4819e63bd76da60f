package server

import (
	"context"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/maillage/maillage/internal/kg"
)

// metrics are the Prometheus series served at /metrics, on a registry of
// the server's own (several servers can live in one process, as in tests).
type metrics struct {
	registry *prometheus.Registry

	httpRequests *prometheus.CounterVec   // route, method, code
	httpDuration *prometheus.HistogramVec // route
	operations   *prometheus.CounterVec   // operation, type, outcome
	opDuration   *prometheus.HistogramVec // operation, type
	storeCalls   *prometheus.CounterVec   // method
	storeErrors  *prometheus.CounterVec   // method, code
	storeDur     *prometheus.HistogramVec // method

	names operationNames
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "maillage_http_requests_total",
			Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "maillage_http_request_duration_seconds",
			Help:    "HTTP request durations by route.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "maillage_graphql_operations_total",
			Help: "GraphQL operations by operation name, type and outcome (ok, error: the response has errors, rejected: refused before execution).",
		}, []string{"operation", "type", "outcome"}),
		opDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "maillage_graphql_operation_duration_seconds",
			Help:    "GraphQL operation durations by operation name and type.",
			Buckets: prometheus.DefBuckets,
		}, []string{"operation", "type"}),
		storeCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "maillage_store_calls_total",
			Help: "Store method calls.",
		}, []string{"method"}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "maillage_store_errors_total",
			Help: "Store method calls that failed, by error code.",
		}, []string{"method", "code"}),
		storeDur: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "maillage_store_call_duration_seconds",
			Help:    "Store method call durations.",
			Buckets: []float64{.0001, .0005, .001, .005, .01, .05, .1, .5, 1, 5},
		}, []string{"method"}),
	}
	m.registry.MustRegister(m.httpRequests, m.httpDuration, m.operations, m.opDuration,
		m.storeCalls, m.storeErrors, m.storeDur,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observeHTTP(route, method string, status int, d time.Duration) {
	switch method {
	case "GET", "POST", "OPTIONS", "HEAD":
	default:
		method = "other"
	}
	m.httpRequests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.httpDuration.WithLabelValues(route).Observe(d.Seconds())
}

func (m *metrics) observeOperation(name, opType string, status, errs int, d time.Duration) {
	outcome := "ok"
	switch {
	case status >= 400:
		outcome = "rejected"
	case errs > 0:
		outcome = "error"
	}
	if opType == "" {
		opType = "unknown"
	}
	name = m.names.label(name)
	m.operations.WithLabelValues(name, opType, outcome).Inc()
	if outcome != "rejected" {
		m.opDuration.WithLabelValues(name, opType).Observe(d.Seconds())
	}
}

// operationNames bounds the cardinality of the operation label: clients
// choose operation names, so only the first maxOperationNames well-formed
// names get their own series; the rest count as "other", an anonymous
// operation as "anonymous".
type operationNames struct {
	mu   sync.Mutex
	seen map[string]bool
}

const maxOperationNames = 200

var operationName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

func (n *operationNames) label(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !operationName.MatchString(name) {
		return "other"
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.seen == nil {
		n.seen = map[string]bool{}
	}
	if n.seen[name] {
		return name
	}
	if len(n.seen) >= maxOperationNames {
		return "other"
	}
	n.seen[name] = true
	return name
}

// instrumentedStore counts the calls, errors (by kg error code) and
// durations of every read and write a server makes.
type instrumentedStore struct {
	kg.Store
	m *metrics
}

// track starts timing a call; the returned func, deferred with the
// address of the named error result, records it.
func (s instrumentedStore) track(method string) func(*error) {
	start := time.Now()
	return func(err *error) {
		s.m.storeCalls.WithLabelValues(method).Inc()
		s.m.storeDur.WithLabelValues(method).Observe(time.Since(start).Seconds())
		if *err != nil {
			s.m.storeErrors.WithLabelValues(method, string(kg.ErrorCode(*err))).Inc()
		}
	}
}

func (s instrumentedStore) UpsertArticles(ctx context.Context, graphs []kg.ArticleGraph) (_ kg.UpsertResult, err error) {
	defer s.track("UpsertArticles")(&err)
	return s.Store.UpsertArticles(ctx, graphs)
}

func (s instrumentedStore) DeleteArticle(ctx context.Context, id kg.ID) (err error) {
	defer s.track("DeleteArticle")(&err)
	return s.Store.DeleteArticle(ctx, id)
}

func (s instrumentedStore) LoadReference(ctx context.Context, data kg.ReferenceData) (err error) {
	defer s.track("LoadReference")(&err)
	return s.Store.LoadReference(ctx, data)
}

func (s instrumentedStore) Entities(ctx context.Context, ids []kg.ID) (_ map[kg.ID]kg.Entity, err error) {
	defer s.track("Entities")(&err)
	return s.Store.Entities(ctx, ids)
}

func (s instrumentedStore) Articles(ctx context.Context, ids []kg.ID) (_ map[kg.ID]kg.Article, err error) {
	defer s.track("Articles")(&err)
	return s.Store.Articles(ctx, ids)
}

func (s instrumentedStore) ArticleHashes(ctx context.Context, ids []kg.ID) (_ map[kg.ID]string, err error) {
	defer s.track("ArticleHashes")(&err)
	return s.Store.ArticleHashes(ctx, ids)
}

func (s instrumentedStore) ListEntities(ctx context.Context, f kg.EntityFilter, o kg.EntityOrder, p kg.PageRequest) (_ kg.Page[kg.Entity], err error) {
	defer s.track("ListEntities")(&err)
	return s.Store.ListEntities(ctx, f, o, p)
}

func (s instrumentedStore) ListArticles(ctx context.Context, f kg.ArticleFilter, o kg.ArticleOrder, p kg.PageRequest) (_ kg.Page[kg.Article], err error) {
	defer s.track("ListArticles")(&err)
	return s.Store.ListArticles(ctx, f, o, p)
}

func (s instrumentedStore) Search(ctx context.Context, q kg.SearchQuery, p kg.PageRequest) (_ kg.Page[kg.SearchHit], err error) {
	defer s.track("Search")(&err)
	return s.Store.Search(ctx, q, p)
}

func (s instrumentedStore) RelationsOf(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (_ map[kg.ID][]kg.Relation, err error) {
	defer s.track("RelationsOf")(&err)
	return s.Store.RelationsOf(ctx, ids, q)
}

func (s instrumentedStore) MentionsOf(ctx context.Context, ids []kg.ID) (_ map[kg.ID][]kg.Mention, err error) {
	defer s.track("MentionsOf")(&err)
	return s.Store.MentionsOf(ctx, ids)
}

func (s instrumentedStore) MentionsIn(ctx context.Context, ids []kg.ID) (_ map[kg.ID][]kg.Mention, err error) {
	defer s.track("MentionsIn")(&err)
	return s.Store.MentionsIn(ctx, ids)
}

func (s instrumentedStore) CoMentioned(ctx context.Context, ids []kg.ID, q kg.CoMentionQuery) (_ map[kg.ID][]kg.CoMention, err error) {
	defer s.track("CoMentioned")(&err)
	return s.Store.CoMentioned(ctx, ids, q)
}

func (s instrumentedStore) Stats(ctx context.Context) (_ kg.Stats, err error) {
	defer s.track("Stats")(&err)
	return s.Store.Stats(ctx)
}

func (s instrumentedStore) Ping(ctx context.Context) (err error) {
	defer s.track("Ping")(&err)
	return s.Store.Ping(ctx)
}

package neo4jstore

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/maillage/maillage/internal/kg"
)

// Config says how to reach Neo4j. URI is required; every other field has a
// default.
type Config struct {
	// URI is bolt://host:port (one server) or neo4j://host:port (routing:
	// a cluster or Aura); the +s and +ssc variants enable TLS.
	URI string
	// User and Password authenticate; with no password, no authentication
	// is sent (a server with auth disabled). User defaults to "neo4j".
	User, Password string
	// Database is the database used (default "neo4j").
	Database string

	// Wait is how long Open keeps trying, with a bounded backoff, to reach
	// Neo4j and apply the migrations before it gives up (0: one attempt).
	Wait time.Duration
	// ConnectTimeout bounds the opening of one connection (default 3 s).
	ConnectTimeout time.Duration
	// AcquireTimeout bounds the wait for a connection from the pool
	// (default 5 s).
	AcquireTimeout time.Duration
	// RetryTime is how long a transaction that failed for a transient
	// reason (a deadlock between concurrent writers, a connection lost
	// mid-way) is run again before the error is returned (default 10 s).
	// A server that refuses connections is not retried: the call fails at
	// once with an Unavailable error.
	RetryTime time.Duration
	// MaxConnections is the size of the connection pool (default 100).
	MaxConnections int
	// Logger receives migrations and recoveries (default: discard).
	Logger *slog.Logger
}

func (c Config) withDefaults() Config {
	c.User = cmp.Or(c.User, "neo4j")
	c.Database = cmp.Or(c.Database, "neo4j")
	c.ConnectTimeout = cmp.Or(c.ConnectTimeout, 3*time.Second)
	c.AcquireTimeout = cmp.Or(c.AcquireTimeout, 5*time.Second)
	c.RetryTime = cmp.Or(c.RetryTime, 10*time.Second)
	c.MaxConnections = cmp.Or(c.MaxConnections, 100)
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Store is the Neo4j kg.Store. Open it with Open; it is safe for concurrent
// use.
type Store struct {
	cfg    Config
	driver neo4j.DriverWithContext
	where  string // "neo4j at host:port (database d)", for messages
	log    *slog.Logger
	closed atomic.Bool

	mu        sync.Mutex   // serialises migrations
	dbID      atomic.Value // string: id of the database the schema was applied to
	stopWords atomic.Value // map[string]bool: stop words of the full-text analyzer
	recheck   atomic.Bool  // a connection failed: check the database id before the next call
}

var _ kg.Store = (*Store)(nil)

// Open connects to Neo4j and applies the migrations. It retries for up to
// cfg.Wait while the server cannot be reached, then fails with an
// Unavailable error naming the server and the last cause. A malformed URI is
// an Invalid error; rejected credentials or a missing database fail at once
// (Unavailable).
func Open(ctx context.Context, cfg Config) (*Store, error) {
	cfg = cfg.withDefaults()
	u, err := url.Parse(cfg.URI)
	if err != nil || u.Host == "" {
		return nil, kg.Errorf(kg.Invalid, "neo4j: malformed URI %q (want bolt://host:port or neo4j://host:port)", cfg.URI)
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return nil, kg.Errorf(kg.Invalid, "neo4j: unsupported URI scheme %q in %q (want bolt, neo4j, or their +s/+ssc variants)", u.Scheme, u.Redacted())
	}
	if u.User != nil {
		return nil, kg.Errorf(kg.Invalid, "neo4j: put the credentials in the user and password settings, not in the URI")
	}
	auth := neo4j.NoAuth()
	if cfg.Password != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = cfg.ConnectTimeout
		c.ConnectionAcquisitionTimeout = cfg.AcquireTimeout
		c.MaxConnectionPoolSize = cfg.MaxConnections
		// The store retries by itself (see run): the driver must not
		// keep a request waiting on a server that is down.
		c.MaxTransactionRetryTime = 0
		c.TelemetryDisabled = true
		c.UserAgent = "maillage"
	})
	if err != nil {
		return nil, kg.WrapError(kg.Invalid, err, "neo4j: cannot use URI %q", cfg.URI)
	}
	s := &Store{cfg: cfg, driver: driver, log: cfg.Logger,
		where: "neo4j at " + u.Host + " (database " + cfg.Database + ")"}
	s.dbID.Store("")
	s.stopWords.Store(map[string]bool{})

	deadline := time.Now().Add(cfg.Wait)
	delay := 250 * time.Millisecond
	err = nil // from now on: the last failure seen while ctx was live
	for attempt := 1; ; attempt++ {
		e := s.migrate(ctx)
		if e == nil {
			return s, nil
		}
		if err == nil || ctx.Err() == nil {
			err = e
		}
		if ctx.Err() != nil || !s.retryOnOpen(e) || time.Now().Add(delay).After(deadline) {
			break
		}
		s.log.Info("neo4j: waiting for the server", "server", u.Host, "attempt", attempt, "error", kg.ErrorMessage(e))
		select {
		case <-time.After(delay):
		case <-ctx.Done():
		}
		delay = min(2*delay, 5*time.Second)
	}
	_ = driver.Close(context.WithoutCancel(ctx))
	switch {
	case kg.ErrorCode(err) != kg.Unavailable:
		return nil, err
	case ctx.Err() != nil:
		return nil, kg.Errorf(kg.Unavailable, "gave up waiting for neo4j (%v): %s", ctx.Err(), kg.ErrorMessage(err))
	case cfg.Wait > 0:
		return nil, kg.Errorf(kg.Unavailable, "gave up waiting %s for neo4j: %s", cfg.Wait, kg.ErrorMessage(err))
	}
	return nil, err
}

// retryOnOpen reports whether Open should try again after err: the server
// is unreachable or starting, not refusing us for good.
func (s *Store) retryOnOpen(err error) bool {
	if kg.ErrorCode(err) != kg.Unavailable {
		return false
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch ne.Code {
		case "Neo.ClientError.Security.Unauthorized", "Neo.ClientError.Security.Forbidden",
			"Neo.ClientError.Database.DatabaseNotFound":
			return false
		}
	}
	return true
}

// Close releases the driver; the store must not be used afterwards.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	if err := s.driver.Close(context.Background()); err != nil {
		return kg.WrapError(kg.Internal, err, "neo4j: closing the driver")
	}
	return nil
}

// Ping checks that the database answers, and applies the migrations again
// if it is not the database they were applied to (Neo4j restarted on an
// empty data folder).
func (s *Store) Ping(ctx context.Context) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	id, err := s.databaseID(ctx)
	if err != nil {
		return err
	}
	if id != s.dbID.Load().(string) {
		return s.migrate(ctx)
	}
	return nil
}

// Stats counts what the store holds, from Neo4j's count store.
func (s *Store) Stats(ctx context.Context) (kg.Stats, error) {
	if err := s.begin(ctx); err != nil {
		return kg.Stats{}, err
	}
	rec, err := readOne(ctx, s, cypherStats, nil)
	if err != nil {
		return kg.Stats{}, err
	}
	st := kg.Stats{Entities: map[kg.EntityType]int{}}
	st.Articles = asInt(rec["articles"])
	st.Mentions = asInt(rec["mentions"])
	st.Relations = asInt(rec["relations"])
	for i, t := range kg.EntityTypes {
		st.Entities[t] = asInt(rec["e"+itoa(i)])
	}
	return st, nil
}

// begin checks that the store is open and ctx still live.
func (s *Store) begin(ctx context.Context) error {
	if s.closed.Load() {
		return kg.Errorf(kg.Unavailable, "neo4j: the store is closed")
	}
	return ctxErr(ctx)
}

func ctxErr(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return kg.WrapError(kg.Unavailable, err, "request timed out")
		}
		return kg.WrapError(kg.Unavailable, err, "request cancelled")
	}
	return nil
}

// errStaleSchema aborts a write transaction that found another database
// than the one the migrations were applied to.
var errStaleSchema = errors.New("neo4j: the database was recreated")

// txFunc is the body of a managed transaction.
type txFunc func(tx neo4j.ManagedTransaction) (any, error)

// read runs fn in a managed read transaction (see run).
func (s *Store) read(ctx context.Context, fn txFunc) (any, error) {
	return s.run(ctx, neo4j.AccessModeRead, fn)
}

// write runs fn in a managed write transaction (see run).
func (s *Store) write(ctx context.Context, fn txFunc) (any, error) {
	return s.run(ctx, neo4j.AccessModeWrite, fn)
}

// run runs fn in a managed transaction of the given mode, with the request
// context, against the configured database. It runs fn again after a
// transient failure (deadlock, lost or stale connection) for up to
// cfg.RetryTime, and after applying the migrations again when fn reports a
// recreated database; a server that refuses connections fails at once.
// Errors come back as kg errors.
func (s *Store) run(ctx context.Context, mode neo4j.AccessMode, fn txFunc) (any, error) {
	if s.recheck.Swap(false) {
		// A connection failed since the last call: the server may have
		// come back with another, empty database.
		if err := s.Ping(ctx); err != nil {
			s.recheck.Store(true)
			return nil, err
		}
	}
	deadline := time.Now().Add(s.cfg.RetryTime)
	delay := 10 * time.Millisecond
	migrated := false
	for attempt := 1; ; attempt++ {
		if err := s.begin(ctx); err != nil {
			return nil, err
		}
		sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: mode})
		var res any
		var err error
		if mode == neo4j.AccessModeWrite {
			res, err = sess.ExecuteWrite(ctx, neo4j.ManagedTransactionWork(fn))
		} else {
			res, err = sess.ExecuteRead(ctx, neo4j.ManagedTransactionWork(fn))
		}
		_ = sess.Close(context.WithoutCancel(ctx))
		if err == nil {
			return res, nil
		}
		switch cause := classify(ctx, err); {
		case cause == causeStaleSchema && !migrated:
			migrated = true
			if err := s.migrate(ctx); err != nil {
				return nil, err
			}
			continue
		case cause == causeRetry && time.Now().Before(deadline):
			s.log.Debug("neo4j: retrying a transaction", "attempt", attempt, "error", err)
			if isConnectionLost(err) {
				s.recheck.Store(true)
			}
			sleep := delay/2 + rand.N(delay)
			delay = min(2*delay, time.Second)
			select {
			case <-time.After(sleep):
			case <-ctx.Done():
			}
			continue
		case cause == causeDown || cause == causeRetry:
			s.recheck.Store(true)
		}
		return nil, s.mapError(ctx, err)
	}
}

// databaseID reads the id of the database (it changes when the database is
// recreated).
func (s *Store) databaseID(ctx context.Context) (string, error) {
	rec, err := readOne(ctx, s, cypherPing, nil)
	if err != nil {
		return "", err
	}
	return asString(rec["id"]), nil
}

// migrate applies the schema (idempotent), waits for the indexes to be
// online, and records the database id and the analyzer's stop words.
func (s *Store) migrate(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, err := s.databaseIDDirect(ctx)
	if err != nil {
		return err
	}
	if id != "" && id == s.dbID.Load().(string) {
		return nil
	}
	start := time.Now()
	for _, stmt := range schemaStatements {
		if err := s.execDirect(ctx, stmt, nil); err != nil {
			return err
		}
	}
	if err := s.execDirect(ctx, cypherAwaitIndexes, map[string]any{"seconds": 300}); err != nil {
		return err
	}
	if err := s.backfillConfidences(ctx); err != nil {
		return err
	}
	words := map[string]bool{}
	recs, err := s.queryDirect(ctx, cypherStopWords, map[string]any{"analyzer": fulltextAnalyzer})
	if err != nil {
		return err
	}
	for _, r := range recs {
		for _, w := range asStrings(r["stopwords"]) {
			words[w] = true
		}
	}
	s.stopWords.Store(words)
	s.dbID.Store(id)
	s.log.Info("neo4j: schema applied", "server", s.where, "database_id", id, "statements", len(schemaStatements),
		"duration", time.Since(start).Round(time.Millisecond))
	return nil
}

// migrationConfs names the data migration of backfillConfidences.
const migrationConfs = "relation-source-confidences"

// backfillConfidences stores each source's highest confidence beside its
// evidence on the relations written before it was stored there (what
// RelationQuery.Bare reads instead of the evidence), computing it from the
// evidence, 2,000 relations per transaction; done once per database, then
// recorded by a Migration node.
func (s *Store) backfillConfidences(ctx context.Context) error {
	done, err := s.queryDirect(ctx, cypherMigrationDone, map[string]any{"name": migrationConfs})
	if err != nil || len(done) > 0 {
		return err
	}
	total := 0
	for {
		recs, err := s.queryDirect(ctx, cypherMissingConfs, map[string]any{"limit": 2000})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			break
		}
		rows := make([]map[string]any, len(recs))
		for i, r := range recs {
			evs := asStrings(r["evidence"])
			confs := make([]float64, asInt(r["n"]))
			for j := range confs {
				if j >= len(evs) {
					break
				}
				ev, err := decodeEvidence(evs[j])
				if err != nil {
					return kg.WrapError(kg.Internal, err, "neo4j: migration %s: undecodable evidence on relation %s", migrationConfs, asString(r["id"]))
				}
				confs[j] = kg.Relation{Provenance: ev}.Confidence()
			}
			rows[i] = map[string]any{"id": asString(r["id"]), "confs": confs}
		}
		if err := s.execDirect(ctx, cypherSetConfs, map[string]any{"rows": rows}); err != nil {
			return err
		}
		total += len(rows)
	}
	if total > 0 {
		s.log.Info("neo4j: stored the sources' confidences of older relations", "server", s.where, "relations", total)
	}
	return s.execDirect(ctx, cypherMarkMigration, map[string]any{"name": migrationConfs})
}

// databaseIDDirect, execDirect and queryDirect run one statement in its own
// managed transaction without the retry loop of run (migrate runs inside
// it).
func (s *Store) databaseIDDirect(ctx context.Context) (string, error) {
	recs, err := s.queryDirect(ctx, cypherDatabaseID, nil)
	if err != nil {
		return "", err
	}
	if len(recs) == 0 {
		return "", kg.Errorf(kg.Internal, "neo4j: db.info returned nothing")
	}
	return asString(recs[0]["id"]), nil
}

func (s *Store) execDirect(ctx context.Context, stmt string, params map[string]any) error {
	_, err := s.queryDirect(ctx, stmt, params)
	return err
}

func (s *Store) queryDirect(ctx context.Context, stmt string, params map[string]any) ([]map[string]any, error) {
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeWrite})
	defer func() { _ = sess.Close(context.WithoutCancel(ctx)) }()
	var out []map[string]any
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		out, err = executeIn(ctx, sess, stmt, params)
		if err == nil || classify(ctx, err) != causeRetry || !isConnectionLost(err) {
			break
		}
	}
	if err != nil {
		return nil, s.mapError(ctx, err)
	}
	return out, nil
}

func executeIn(ctx context.Context, sess neo4j.SessionWithContext, stmt string, params map[string]any) ([]map[string]any, error) {
	res, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collectRecords(ctx, tx, stmt, params)
	})
	if err != nil {
		return nil, err
	}
	return res.([]map[string]any), nil
}

// collectRecords runs a statement in tx and returns its records as maps.
func collectRecords(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, params map[string]any) ([]map[string]any, error) {
	res, err := tx.Run(ctx, stmt, params)
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for res.Next(ctx) {
		out = append(out, res.Record().AsMap())
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// readAll runs one read statement (one round trip) and returns its records.
func readAll(ctx context.Context, s *Store, stmt string, params map[string]any) ([]map[string]any, error) {
	res, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collectRecords(ctx, tx, stmt, params)
	})
	if err != nil {
		return nil, err
	}
	return res.([]map[string]any), nil
}

// readOne is readAll for a statement returning exactly one record.
func readOne(ctx context.Context, s *Store, stmt string, params map[string]any) (map[string]any, error) {
	recs, err := readAll(ctx, s, stmt, params)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, kg.Errorf(kg.Internal, "neo4j: a query returned %d records, want 1", len(recs))
	}
	return recs[0], nil
}

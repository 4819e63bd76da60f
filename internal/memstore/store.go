package memstore

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/maillage/maillage/internal/kg"
)

// File names inside the store directory.
const (
	DataFile = "maillage.db"
	LockFile = "LOCK"
)

// Store is the embedded kg.Store. Open it with Open; it is safe for
// concurrent use.
type Store struct {
	dir  string
	file string // path of the bbolt file
	db   *bolt.DB
	lock *os.File
	log  *slog.Logger

	writeMu sync.Mutex   // serialises writers
	mu      sync.RWMutex // guards g (and views)
	g       *graph
	views   atomic.Pointer[views]
	closed  atomic.Bool

	beforeCommit func() // test hook, see export_test.go
}

var _ kg.Store = (*Store)(nil)

type options struct {
	lockTimeout time.Duration
	logger      *slog.Logger
	check       bool
}

// Option configures Open.
type Option func(*options)

// WithLockTimeout sets how long Open waits for another process to release
// the store (default 1 s).
func WithLockTimeout(d time.Duration) Option { return func(o *options) { o.lockTimeout = d } }

// WithLogger sets the logger Open reports recoveries to (default: discard).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithoutConsistencyCheck skips bbolt's page-tree check at open (values are
// still checksummed). For tools that reopen a store they just wrote.
func WithoutConsistencyCheck() Option { return func(o *options) { o.check = false } }

// Open opens the store in directory dir, creating the directory and an empty
// store if needed, and rebuilds the in-memory graph from disk. It fails with
// an Unavailable error naming the directory when another process holds the
// store, and with an Internal error naming the file when the file is damaged.
func Open(dir string, opts ...Option) (*Store, error) {
	o := options{lockTimeout: time.Second, check: true}
	for _, opt := range opts {
		opt(&o)
	}
	if o.logger == nil {
		o.logger = slog.New(slog.DiscardHandler)
	}
	if dir == "" {
		return nil, kg.Errorf(kg.Invalid, "memstore: empty store directory")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, kg.WrapError(kg.Unavailable, err, "memstore: cannot create store directory %s", dir)
	}
	lock, ok, err := lockFile(filepath.Join(dir, LockFile), o.lockTimeout)
	if err != nil {
		return nil, kg.WrapError(kg.Unavailable, err, "memstore: cannot lock %s", filepath.Join(dir, LockFile))
	}
	if !ok {
		return nil, kg.Errorf(kg.Unavailable, "memstore: store %s is in use by another process", dir)
	}
	s := &Store{dir: dir, file: filepath.Join(dir, DataFile), lock: lock, log: o.logger}
	if err := s.open(o); err != nil {
		if s.db != nil {
			s.db.Close()
		}
		unlockFile(lock)
		return nil, err
	}
	return s, nil
}

func (s *Store) open(o options) error {
	// Rebuilding allocates the whole graph at once: collect less often
	// meanwhile (the heap only grows during the rebuild).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	torn, err := preflight(s.file)
	if err != nil {
		return err
	}
	if torn {
		s.log.Warn("memstore: the last write was interrupted before it completed; opening the state before it", "file", s.file)
	}
	s.db, err = openBolt(s.file, o.lockTimeout)
	if err != nil {
		return err
	}
	data, err := load(s.db, s.file, o.check)
	if err != nil {
		return err
	}
	if err := initBuckets(s.db); err != nil {
		return kg.WrapError(kg.Unavailable, err, "memstore: cannot initialise %s", s.file)
	}
	g := newGraph()
	g.bulk = true // the lists are ordered once, by finalize
	for _, e := range data.refEnts {
		g.applyReferenceEntity(e)
	}
	for _, r := range data.refRels {
		g.applyReferenceRelation(r)
	}
	for _, ag := range data.graphs {
		g.apply(ag)
	}
	g.finalize()
	s.g = g
	s.views.Store(newViews())
	return nil
}

// Dir returns the store directory.
func (s *Store) Dir() string { return s.dir }

// Close releases the store: the database file and the lock.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.db.Close()
	if uerr := unlockFile(s.lock); err == nil {
		err = uerr
	}
	if err != nil {
		return kg.WrapError(kg.Internal, err, "memstore: close %s", s.dir)
	}
	return nil
}

// begin checks that the store is open and ctx still live.
func (s *Store) begin(ctx context.Context) error {
	if s.closed.Load() {
		return kg.Errorf(kg.Unavailable, "memstore: store %s is closed", s.dir)
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

// rlock takes the read lock after checking the store and ctx; the caller
// must call s.mu.RUnlock when it returns nil.
func (s *Store) rlock(ctx context.Context) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	s.mu.RLock()
	if s.closed.Load() {
		s.mu.RUnlock()
		return kg.Errorf(kg.Unavailable, "memstore: store %s is closed", s.dir)
	}
	return nil
}

// Ping reports whether the store is open.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.rlock(ctx); err != nil {
		return err
	}
	s.mu.RUnlock()
	return nil
}

// Stats counts what the store holds.
func (s *Store) Stats(ctx context.Context) (kg.Stats, error) {
	if err := s.rlock(ctx); err != nil {
		return kg.Stats{}, err
	}
	defer s.mu.RUnlock()
	st := kg.Stats{Articles: len(s.g.articles), Entities: map[kg.EntityType]int{}, Relations: len(s.g.relations), Mentions: s.g.mentions}
	for _, t := range kg.EntityTypes {
		st.Entities[t] = len(s.g.byType[t])
	}
	return st, nil
}

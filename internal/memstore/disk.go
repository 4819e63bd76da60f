package memstore

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fxamacker/cbor/v2"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/maillage/maillage/internal/kg"
)

// Bucket names and the format marker.
var (
	bucketMeta      = []byte("meta")
	bucketArticles  = []byte("articles")
	bucketTexts     = []byte("texts")
	bucketRefEnts   = []byte("reference-entities")
	bucketRefRels   = []byte("reference-relations")
	keyFormat       = []byte("format")
	formatVersion   = []byte("maillage-memstore/2")
	allBuckets      = [][]byte{bucketMeta, bucketArticles, bucketTexts, bucketRefEnts, bucketRefRels}
	castagnoliTable = crc32.MakeTable(crc32.Castagnoli)
)

// seal prefixes payload with its CRC-32C.
func seal(payload []byte) []byte {
	out := make([]byte, 4+len(payload))
	binary.LittleEndian.PutUint32(out, crc32.Checksum(payload, castagnoliTable))
	copy(out[4:], payload)
	return out
}

// unseal checks and strips the checksum added by seal. The returned slice
// aliases v.
func unseal(v []byte) ([]byte, bool) {
	if len(v) < 4 {
		return nil, false
	}
	payload := v[4:]
	return payload, binary.LittleEndian.Uint32(v) == crc32.Checksum(payload, castagnoliTable)
}

// Values are CBOR (RFC 8949, github.com/fxamacker/cbor): about four times
// faster to decode than JSON, which is what bounds the open time.
var (
	cborEnc = func() cbor.EncMode {
		m, err := cbor.EncOptions{Time: cbor.TimeRFC3339Nano}.EncMode()
		if err != nil {
			panic(err)
		}
		return m
	}()
	cborDec = func() cbor.DecMode {
		m, err := cbor.DecOptions{MaxArrayElements: 1<<31 - 1, MaxMapPairs: 1<<31 - 1}.DecMode()
		if err != nil {
			panic(err)
		}
		return m
	}()
)

func sealValue(v any) ([]byte, error) {
	b, err := cborEnc.Marshal(v)
	if err != nil {
		return nil, err
	}
	return seal(b), nil
}

// corruptError reports a damaged store file.
func corruptError(file string, cause error, format string, args ...any) *kg.Error {
	return kg.WrapError(kg.Internal, cause, "memstore: store file %s is corrupt: %s; restore it from a backup, or move it away to start an empty store", file, fmt.Sprintf(format, args...))
}

// The layout of a bbolt meta page (bbolt file format version 2), read by
// preflight before bbolt maps the file: a 16-byte page header, then magic,
// version, page size, flags (4 bytes each), the root bucket (16 bytes), the
// freelist page id, the high-water page id, the transaction id (8 bytes
// each) and an FNV-64a checksum of everything before it.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSumOffset  = 56
	metaSize       = 64
)

type metaPage struct {
	valid    bool
	pageSize int64
	pgid     int64
	txid     uint64
}

func readMetaPage(f *os.File, off int64) metaPage {
	var buf [pageHeaderSize + metaSize]byte
	if _, err := f.ReadAt(buf[:], off); err != nil {
		return metaPage{}
	}
	m := buf[pageHeaderSize:]
	le := binary.LittleEndian
	h := fnv.New64a()
	h.Write(m[:metaSumOffset])
	if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion || le.Uint64(m[metaSumOffset:]) != h.Sum64() {
		return metaPage{}
	}
	return metaPage{valid: true, pageSize: int64(le.Uint32(m[8:])), pgid: int64(le.Uint64(m[40:])), txid: le.Uint64(m[48:])}
}

// preflight checks an existing database file before bbolt maps it: at least
// one valid meta page, and a file long enough for the committed pages (bbolt
// would otherwise fault on a truncated file). torn reports that exactly one
// meta page is invalid: the last commit was interrupted and bbolt will open
// the state before it.
func preflight(path string) (torn bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, kg.WrapError(kg.Unavailable, err, "memstore: cannot read %s", path)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false, kg.WrapError(kg.Unavailable, err, "memstore: cannot read %s", path)
	}
	size := info.Size()
	if size == 0 {
		return false, nil
	}
	m0 := readMetaPage(f, 0)
	var m1 metaPage
	if m0.valid {
		m1 = readMetaPage(f, m0.pageSize)
	} else {
		for ps := int64(1024); ps <= 64<<10 && ps+pageHeaderSize+metaSize <= size; ps *= 2 {
			if m1 = readMetaPage(f, ps); m1.valid && m1.pageSize == ps {
				break
			}
			m1 = metaPage{}
		}
	}
	best := m0
	switch {
	case !m0.valid && !m1.valid:
		return false, corruptError(path, nil, "both meta pages are invalid (not a store file, or overwritten)")
	case !m0.valid || (m1.valid && m1.txid > m0.txid):
		best = m1
	}
	if need := best.pgid * best.pageSize; size < need {
		return false, corruptError(path, nil, "the file is truncated: %d bytes, its last commit needs %d", size, need)
	}
	return m0.valid != m1.valid, nil
}

// openBolt opens the bbolt file. bbolt panics on some damaged pages (a
// freelist page of unknown type, …) and a truncated mapping faults: both are
// turned into a corruption error, and the file bbolt opened is unlocked and
// closed (its mapping is leaked: bbolt gives no way to unmap it).
func openBolt(path string, timeout time.Duration) (db *bolt.DB, err error) {
	var file *os.File
	opts := &bolt.Options{Timeout: timeout, OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				releaseFlock(file)
				file.Close()
			}
			db, err = nil, corruptError(path, nil, "bbolt cannot read it: %v", r)
		}
	}()
	db, err = bolt.Open(path, 0o644, opts)
	if err != nil {
		return nil, translateOpenError(path, err)
	}
	return db, nil
}

// translateOpenError turns a bbolt open failure into a domain error.
func translateOpenError(path string, err error) error {
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return kg.WrapError(kg.Unavailable, err, "memstore: store %s is in use by another process", path)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrVersionMismatch):
		return corruptError(path, err, "bbolt refused it")
	}
	return kg.WrapError(kg.Unavailable, err, "memstore: cannot open %s", path)
}

// loaded is the source of truth read from disk.
type loaded struct {
	graphs  []kg.ArticleGraph
	refEnts []kg.Entity
	refRels []kg.Relation
}

// load verifies the database (bbolt consistency check and every value's
// checksum) and decodes the source of truth. A panic or memory fault raised
// by a damaged page is reported as corruption.
func load(db *bolt.DB, path string, check bool) (out loaded, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = corruptError(path, nil, "reading it failed: %v", r)
		}
	}()
	err = db.View(func(tx *bolt.Tx) error {
		if check {
			var first error
			n := 0
			for cerr := range tx.Check() {
				if first == nil {
					first = cerr
				}
				n++
			}
			if first != nil {
				return corruptError(path, first, "consistency check found %d problem(s)", n)
			}
		}
		if b := tx.Bucket(bucketMeta); b != nil {
			if v := b.Get(keyFormat); v != nil {
				p, ok := unseal(v)
				if !ok {
					return corruptError(path, nil, "checksum mismatch in meta/format")
				}
				if string(p) != string(formatVersion) {
					return kg.Errorf(kg.Internal, "memstore: store file %s has format %q, this program reads %q", path, p, formatVersion)
				}
			}
		}
		decode := func(bucket []byte, each func(k, payload []byte) error) error {
			b := tx.Bucket(bucket)
			if b == nil {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				p, ok := unseal(v)
				if !ok {
					return corruptError(path, nil, "checksum mismatch in %s/%s", bucket, k)
				}
				if err := each(k, p); err != nil {
					return corruptError(path, err, "cannot decode %s/%s", bucket, k)
				}
				return nil
			})
		}
		// Article graphs are most of the store: check them here, decode
		// them in parallel below (the slices stay valid until the
		// transaction ends).
		var keys, payloads [][]byte
		if err := decode(bucketArticles, func(k, p []byte) error {
			keys, payloads = append(keys, k), append(payloads, p)
			return nil
		}); err != nil {
			return err
		}
		out.graphs = make([]kg.ArticleGraph, len(payloads))
		if err := parallel(len(payloads), func(i int) error {
			if err := cborDec.Unmarshal(payloads[i], &out.graphs[i]); err != nil {
				return corruptError(path, err, "cannot decode %s/%s", bucketArticles, keys[i])
			}
			return nil
		}); err != nil {
			return err
		}
		if err := decode(bucketTexts, func(_, _ []byte) error { return nil }); err != nil {
			return err
		}
		if err := decode(bucketRefEnts, func(_, p []byte) error {
			var e kg.Entity
			if err := cborDec.Unmarshal(p, &e); err != nil {
				return err
			}
			out.refEnts = append(out.refEnts, e)
			return nil
		}); err != nil {
			return err
		}
		return decode(bucketRefRels, func(_, p []byte) error {
			var r kg.Relation
			if err := cborDec.Unmarshal(p, &r); err != nil {
				return err
			}
			out.refRels = append(out.refRels, r)
			return nil
		})
	})
	return out, err
}

// initBuckets creates the buckets and the format marker of a new store (no
// write when they exist).
func initBuckets(db *bolt.DB) error {
	ready := false
	_ = db.View(func(tx *bolt.Tx) error {
		ready = true
		for _, name := range allBuckets {
			ready = ready && tx.Bucket(name) != nil
		}
		ready = ready && tx.Bucket(bucketMeta).Get(keyFormat) != nil
		return nil
	})
	if ready {
		return nil
	}
	return db.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		b := tx.Bucket(bucketMeta)
		if b.Get(keyFormat) == nil {
			return b.Put(keyFormat, seal(formatVersion))
		}
		return nil
	})
}

// readText returns the stored text of an article.
func readText(tx *bolt.Tx, path string, id kg.ID) (string, error) {
	v := tx.Bucket(bucketTexts).Get([]byte(id))
	if v == nil {
		return "", nil
	}
	p, ok := unseal(v)
	if !ok {
		return "", corruptError(path, nil, "checksum mismatch in texts/%s", id)
	}
	return string(p), nil
}

// parallel runs f(0…n-1) on GOMAXPROCS goroutines and returns the first
// error. A panic in f (a damaged page) becomes an error.
func parallel(n int, f func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/256))
	var (
		next atomic.Int64
		mu   sync.Mutex
		err  error
		wg   sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					err = cmp.Or(err, fmt.Errorf("panic: %v", r))
					mu.Unlock()
				}
			}()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if e := f(i); e != nil {
					mu.Lock()
					err = cmp.Or(err, e)
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return err
}

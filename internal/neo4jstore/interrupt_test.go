package neo4jstore_test

import (
	"encoding/json"
	"io"
	"net"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/neo4jstore"
)

// cutter is a TCP proxy to Neo4j that, once armed, cuts every connection
// after it has forwarded a given number of bytes towards the server: a
// connection lost in the middle of a transaction.
type cutter struct {
	ln      net.Listener
	target  string
	armed   atomic.Int64 // bytes left before the cut; 0: not armed
	cuts    atomic.Int32
	mu      sync.Mutex
	open    map[net.Conn]net.Conn
	stopped atomic.Bool
}

func newCutter(t *testing.T, target string) *cutter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &cutter{ln: ln, target: target, open: map[net.Conn]net.Conn{}}
	go c.serve()
	t.Cleanup(func() { c.stopped.Store(true); ln.Close(); c.cutAll() })
	return c
}

func (c *cutter) serve() {
	for {
		client, err := c.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", c.target)
		if err != nil {
			client.Close()
			continue
		}
		c.mu.Lock()
		c.open[client] = server
		c.mu.Unlock()
		go func() { _, _ = io.Copy(client, server); client.Close() }()
		go func() {
			buf := make([]byte, 32<<10)
			for {
				n, err := client.Read(buf)
				if n > 0 {
					if left := c.armed.Load(); left > 0 {
						if c.armed.Add(-int64(n)) <= 0 {
							c.armed.Store(0)
							c.cuts.Add(1)
							c.cutAll()
							return
						}
					}
					if _, werr := server.Write(buf[:n]); werr != nil {
						break
					}
				}
				if err != nil {
					break
				}
			}
			server.Close()
		}()
	}
}

func (c *cutter) cutAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for client, server := range c.open {
		client.Close()
		server.Close()
		delete(c.open, client)
	}
}

// snapshot is what the store shows of a set of entities and articles.
func snapshot(t *testing.T, s kg.Store, ids, aids []kg.ID) string {
	t.Helper()
	ents, err := s.Entities(t.Context(), ids)
	if err != nil {
		t.Fatal(err)
	}
	rels, err := s.RelationsOf(t.Context(), ids, kg.RelationQuery{})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := s.MentionsOf(t.Context(), ids)
	if err != nil {
		t.Fatal(err)
	}
	arts, err := s.Articles(t.Context(), aids)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal([]any{ents, rels, ms, arts, st})
	return string(b)
}

// TestWriteCutMidwayIsRetriedAndConverges: connections cut in the middle
// of a batch write make the store run the transaction again (or report
// Unavailable); writing the same batch again gives the graph of an
// uninterrupted write.
func TestWriteCutMidwayIsRetriedAndConverges(t *testing.T) {
	cfg := testConfig(t)
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	direct := freshStore(t)
	proxy := newCutter(t, u.Host)
	pcfg := cfg
	pcfg.URI = u.Scheme + "://" + proxy.ln.Addr().String()
	s, err := neo4jstore.Open(t.Context(), pcfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	graphs, org := sameEntityGraphs(300)
	ids := []kg.ID{org}
	var aids []kg.ID
	for _, g := range graphs {
		aids = append(aids, g.Article.ID)
		for _, e := range g.Entities {
			if !slices.Contains(ids, e.ID) {
				ids = append(ids, e.ID)
			}
		}
	}

	for _, cutAfter := range []int64{20 << 10, 60 << 10} {
		if err := neo4jstore.Wipe(t.Context(), s); err != nil {
			t.Fatal(err)
		}
		proxy.armed.Store(cutAfter)
		before := proxy.cuts.Load()
		start := time.Now()
		_, err := s.UpsertArticles(t.Context(), graphs)
		if proxy.cuts.Load() == before {
			t.Fatalf("cut after %d bytes: the write ended before the cut", cutAfter)
		}
		switch code := kg.ErrorCode(err); code {
		case "":
			t.Logf("cut after %d bytes: the write was retried and succeeded in %v", cutAfter, time.Since(start))
		case kg.Unavailable:
			t.Logf("cut after %d bytes: reported: %v", cutAfter, err)
		default:
			t.Fatalf("cut after %d bytes: error %v (code %s), want success or unavailable", cutAfter, err, code)
		}
		if _, err := s.UpsertArticles(t.Context(), graphs); err != nil {
			t.Fatalf("writing the batch again: %v", err)
		}
		got := snapshot(t, s, ids, aids)

		if err := neo4jstore.Wipe(t.Context(), s); err != nil {
			t.Fatal(err)
		}
		if _, err := direct.UpsertArticles(t.Context(), graphs); err != nil {
			t.Fatal(err)
		}
		if want := snapshot(t, direct, ids, aids); got != want {
			t.Errorf("cut after %d bytes: the graph differs from an uninterrupted write", cutAfter)
		}
	}
}

package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// The GraphiQL page and its assets are embedded in the binary: React,
// ReactDOM and GraphiQL builds fetched from the npm registry by
// scripts/graphiql/fetch.sh (versions and checksums pinned there), and the
// small page, start script and style sheet written for Maillage.
//
//go:embed assets
var assetFS embed.FS

// pageCSP allows only this server's own scripts, styles and endpoint:
// GraphiQL's fonts and icons are data: URLs inside its style sheet, and
// its editor sets inline styles.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"font-src 'self' data:; img-src 'self' data:; connect-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// contentTypes are fixed here rather than read from the system's MIME
// tables, which differ between machines.
var contentTypes = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".txt": "text/plain; charset=utf-8",
}

// asset is one embedded file, with a lazily built gzip copy.
type asset struct {
	name, contentType, hash string
	data                    []byte
	gzOnce                  sync.Once
	gz                      []byte
}

func (a *asset) gzipped() []byte {
	a.gzOnce.Do(func() {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		_, _ = zw.Write(a.data)
		_ = zw.Close()
		a.gz = b.Bytes()
	})
	return a.gz
}

// graphiql serves the page at / and its assets under /assets/.
type graphiql struct {
	assets map[string]*asset
	page   []byte
}

func newGraphiQL(defaultQuery string) (*graphiql, error) {
	g := &graphiql{assets: map[string]*asset{}}
	err := fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Base(p) == "index.html" {
			return err
		}
		data, err := assetFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ct, ok := contentTypes[path.Ext(p)]
		if !ok {
			ct = "application/octet-stream"
		}
		name := path.Base(p)
		g.assets[name] = &asset{name: name, contentType: ct, hash: hex.EncodeToString(sum[:8]), data: data}
		return nil
	})
	if err != nil {
		return nil, err
	}
	tmpl, err := template.New("index.html").Funcs(template.FuncMap{"asset": g.url}).ParseFS(assetFS, "assets/index.html")
	if err != nil {
		return nil, err
	}
	var page bytes.Buffer
	err = tmpl.Execute(&page, struct{ DefaultQuery string }{defaultQuery})
	if err != nil {
		return nil, err
	}
	g.page = page.Bytes()
	return g, nil
}

// url is the versioned, relative URL of an asset: the version changes with
// the content, so the asset can be cached for good.
func (g *graphiql) url(name string) (string, error) {
	a, ok := g.assets[name]
	if !ok {
		return "", fs.ErrNotExist
	}
	return "assets/" + name + "?v=" + a.hash, nil
}

func (g *graphiql) servePage(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		writeJSONError(w, http.StatusNotFound, "not_found", "no such page: "+r.URL.Path+" (GraphiQL is at /, the API at /graphql)")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeJSONError(w, http.StatusMethodNotAllowed, "invalid", "method "+r.Method+" not allowed on /")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(g.page))
}

func (g *graphiql) serveAsset(w http.ResponseWriter, r *http.Request) {
	a, ok := g.assets[strings.TrimPrefix(r.URL.Path, "/assets/")]
	if !ok {
		writeJSONError(w, http.StatusNotFound, "not_found", "no such asset: "+r.URL.Path)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Vary", "Accept-Encoding")
	if r.URL.Query().Get("v") == a.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	data, etag := a.data, `"`+a.hash+`"`
	if acceptsGzip(r) {
		data, etag = a.gzipped(), `"`+a.hash+`-gz"`
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(data))
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}

package gen

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

// Files of a corpus directory.
const (
	ArticlesFile  = "articles.ndjson" // one Record per line (format ndjson)
	ArticlesDir   = "articles"        // one Markdown file with front matter per article (format files)
	GraphsFile    = "graphs.ndjson"   // one kg.ArticleGraph per line, in article order
	ReferenceFile = "reference.json"  // kg.ReferenceData: territories with PART_OF, theme vocabulary
	ManifestFile  = "manifest.json"   // Manifest
)

// Formats of the article texts.
const (
	FormatNDJSON = "ndjson"
	FormatFiles  = "files"
)

// Manifest describes a corpus directory.
type Manifest struct {
	Generator string   `json:"generator"`
	Config    Config   `json:"config"`
	Format    string   `json:"format"`
	Files     []string `json:"files"`
	Bytes     int64    `json:"bytes"`
	Stats     Stats    `json:"stats"`
}

// WriteOptions tune Write.
type WriteOptions struct {
	Format string // FormatNDJSON (default) or FormatFiles
	// Progress, if set, is called after every article with the number of
	// articles written so far.
	Progress func(done, total int)
}

// Write generates the corpus into dir (created if needed): the articles in
// the chosen format, graphs.ndjson, reference.json and manifest.json. It
// returns the manifest. Errors name the file at fault.
func Write(ctx context.Context, dir string, c *Corpus, opt WriteOptions) (Manifest, error) {
	m := Manifest{Generator: "maillage gen", Config: c.Config(), Format: opt.Format}
	m.Config.Workers = 0 // not part of what the corpus is
	if m.Format == "" {
		m.Format = FormatNDJSON
	}
	if m.Format != FormatNDJSON && m.Format != FormatFiles {
		return m, kg.Errorf(kg.Invalid, "format: want %s or %s, got %q", FormatNDJSON, FormatFiles, m.Format)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return m, kg.WrapError(kg.Invalid, err, "cannot create the output directory %s", dir)
	}
	var out []*outFile
	open := func(name string) (*outFile, error) {
		f, err := createFile(filepath.Join(dir, name))
		if err == nil {
			out = append(out, f)
			m.Files = append(m.Files, name)
		}
		return f, err
	}
	closeAll := func() error {
		var errs []error
		for _, f := range out {
			if err := f.close(); err != nil {
				errs = append(errs, err)
			}
			m.Bytes += f.n
		}
		out = nil
		return errors.Join(errs...)
	}
	defer closeAll()

	if err := removeStale(dir, m.Format); err != nil {
		return m, err
	}
	graphs, err := open(GraphsFile)
	if err != nil {
		return m, err
	}
	var articles *outFile
	if m.Format == FormatNDJSON {
		if articles, err = open(ArticlesFile); err != nil {
			return m, err
		}
	} else if err := os.MkdirAll(filepath.Join(dir, ArticlesDir), 0o755); err != nil {
		return m, kg.WrapError(kg.Invalid, err, "cannot create %s", filepath.Join(dir, ArticlesDir))
	}

	counter := NewCounter()
	done := 0
	for it := range c.Items(ctx) {
		if err := graphs.writeJSON(it.Graph); err != nil {
			return m, err
		}
		if articles != nil {
			if err := articles.writeJSON(it.Record); err != nil {
				return m, err
			}
		} else {
			url := it.Record.URL
			path := filepath.Join(dir, ArticlesDir, fmt.Sprintf("%07d-%s.md", it.Index+1, url[strings.LastIndexByte(url, '/')+1:]))
			text := markdown(it.Record)
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				return m, kg.WrapError(kg.Unavailable, err, "writing %s", path)
			}
			m.Bytes += int64(len(text))
		}
		counter.Add(it.Graph)
		done++
		if opt.Progress != nil {
			opt.Progress(done, c.Len())
		}
	}
	if err := ctx.Err(); err != nil {
		return m, kg.WrapError(kg.Unavailable, err, "generation interrupted after %d of %d articles", done, c.Len())
	}
	if m.Format == FormatFiles {
		m.Files = append(m.Files, ArticlesDir+"/")
	}
	ref, err := open(ReferenceFile)
	if err != nil {
		return m, err
	}
	if err := ref.writeJSON(c.Reference()); err != nil {
		return m, err
	}
	if err := closeAll(); err != nil {
		return m, err
	}
	m.Stats = counter.Stats()
	mf, err := createFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return m, err
	}
	m.Files = append(m.Files, ManifestFile)
	b, _ := json.MarshalIndent(m, "", "  ")
	mf.w.Write(append(b, '\n'))
	if err := mf.close(); err != nil {
		return m, err
	}
	m.Bytes += mf.n
	return m, nil
}

// removeStale removes the article texts a previous run left in dir that
// this run will not overwrite: articles.ndjson when writing files, and the
// Markdown files this package names (NNNNNNN-slug.md) in articles/.
func removeStale(dir, format string) error {
	if format == FormatFiles {
		if err := os.Remove(filepath.Join(dir, ArticlesFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return kg.WrapError(kg.Invalid, err, "cannot remove the stale %s", filepath.Join(dir, ArticlesFile))
		}
	}
	entries, err := os.ReadDir(filepath.Join(dir, ArticlesDir))
	if err != nil {
		return nil // nothing there
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !isArticleFile(e.Name()) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, ArticlesDir, e.Name())); err != nil {
			return kg.WrapError(kg.Invalid, err, "cannot remove the stale %s", filepath.Join(dir, ArticlesDir, e.Name()))
		}
	}
	return nil
}

// isArticleFile reports whether name is one of the Markdown files Write
// names: seven digits, a dash, a slug, ".md".
func isArticleFile(name string) bool {
	if len(name) < 12 || !strings.HasSuffix(name, ".md") || name[7] != '-' {
		return false
	}
	for _, c := range name[:7] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// markdown renders a record as Markdown with a YAML front matter.
func markdown(r Record) string {
	var b strings.Builder
	q := func(s string) string { j, _ := json.Marshal(s); return string(j) } // a JSON string is a valid YAML scalar
	b.WriteString("---\ntitle: " + q(r.Title) + "\nurl: " + q(r.URL) + "\npublishedAt: " + string(r.PublishedAt) + "\nthemes:\n")
	for _, t := range r.Themes {
		b.WriteString("  - " + q(t) + "\n")
	}
	b.WriteString("---\n\n")
	b.WriteString(r.Text)
	b.WriteString("\n")
	return b.String()
}

// outFile is a buffered output file counting its bytes.
type outFile struct {
	path string
	f    *os.File
	w    *bufio.Writer
	n    int64
}

func createFile(path string) (*outFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, kg.WrapError(kg.Invalid, err, "cannot write %s", path)
	}
	return &outFile{path: path, f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

func (o *outFile) writeJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return kg.WrapError(kg.Internal, err, "encoding a record of %s", o.path)
	}
	if _, err := o.w.Write(append(b, '\n')); err != nil {
		return o.fail(err)
	}
	return nil
}

func (o *outFile) fail(err error) error {
	return kg.WrapError(kg.Unavailable, err, "writing %s", o.path)
}

func (o *outFile) close() error {
	if o.f == nil {
		return nil
	}
	err := o.w.Flush()
	if info, e := o.f.Stat(); e == nil {
		o.n = info.Size()
	}
	if e := o.f.Close(); err == nil {
		err = e
	}
	o.f = nil
	if err != nil {
		return o.fail(err)
	}
	return nil
}

// ReadGraphs streams the graphs of a corpus directory, in article order.
func ReadGraphs(dir string) iter.Seq2[kg.ArticleGraph, error] {
	return readNDJSON[kg.ArticleGraph](filepath.Join(dir, GraphsFile))
}

// Load reads all the graphs of a corpus directory.
func Load(dir string) ([]kg.ArticleGraph, error) {
	var out []kg.ArticleGraph
	for g, err := range ReadGraphs(dir) {
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

// ReadArticles streams the article records of a corpus directory, written
// in either format, in article order.
func ReadArticles(dir string) iter.Seq2[Record, error] {
	path := filepath.Join(dir, ArticlesFile)
	if _, err := os.Stat(path); err == nil {
		return readNDJSON[Record](path)
	}
	return func(yield func(Record, error) bool) {
		mdDir := filepath.Join(dir, ArticlesDir)
		entries, err := os.ReadDir(mdDir)
		if err != nil {
			yield(Record{}, kg.WrapError(kg.NotFound, err, "%s: neither %s nor %s/ can be read", dir, ArticlesFile, ArticlesDir))
			return
		}
		for _, e := range entries {
			if !e.Type().IsRegular() || !isArticleFile(e.Name()) {
				continue
			}
			b, err := os.ReadFile(filepath.Join(mdDir, e.Name()))
			var rec Record
			if err == nil {
				rec, err = parseMarkdown(string(b))
			}
			if err != nil {
				yield(Record{}, kg.WrapError(kg.Invalid, err, "reading %s", filepath.Join(mdDir, e.Name())))
				return
			}
			if !yield(rec, nil) {
				return
			}
		}
	}
}

// parseMarkdown reads back what markdown wrote.
func parseMarkdown(s string) (Record, error) {
	var r Record
	rest, ok := strings.CutPrefix(s, "---\n")
	front, body, ok2 := strings.Cut(rest, "\n---\n\n")
	if !ok || !ok2 {
		return r, errors.New("no front matter")
	}
	unq := func(v string) (string, error) {
		var out string
		err := json.Unmarshal([]byte(v), &out)
		return out, err
	}
	for _, line := range strings.Split(front, "\n") {
		var err error
		switch {
		case strings.HasPrefix(line, "title: "):
			r.Title, err = unq(strings.TrimPrefix(line, "title: "))
		case strings.HasPrefix(line, "url: "):
			r.URL, err = unq(strings.TrimPrefix(line, "url: "))
		case strings.HasPrefix(line, "publishedAt: "):
			r.PublishedAt = kg.Date(strings.TrimPrefix(line, "publishedAt: "))
		case strings.HasPrefix(line, "  - "):
			var t string
			t, err = unq(strings.TrimPrefix(line, "  - "))
			r.Themes = append(r.Themes, t)
		}
		if err != nil {
			return r, fmt.Errorf("front matter line %q: %w", line, err)
		}
	}
	r.Text = strings.TrimSuffix(body, "\n")
	return r, nil
}

// LoadReference reads the reference data of a corpus directory.
func LoadReference(dir string) (kg.ReferenceData, error) {
	var ref kg.ReferenceData
	path := filepath.Join(dir, ReferenceFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return ref, kg.WrapError(kg.NotFound, err, "cannot read %s", path)
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		return ref, kg.WrapError(kg.Invalid, err, "%s is not reference data", path)
	}
	return ref, nil
}

// ReadManifest reads the manifest of a corpus directory.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	path := filepath.Join(dir, ManifestFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return m, kg.WrapError(kg.NotFound, err, "cannot read %s", path)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, kg.WrapError(kg.Invalid, err, "%s is not a corpus manifest", path)
	}
	return m, nil
}

func readNDJSON[T any](path string) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		f, err := os.Open(path)
		if err != nil {
			code := kg.Unavailable
			if errors.Is(err, fs.ErrNotExist) {
				code = kg.NotFound
			}
			yield(zero, kg.WrapError(code, err, "cannot read %s", path))
			return
		}
		defer f.Close()
		dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
		for n := 1; ; n++ {
			var v T
			err := dec.Decode(&v)
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(zero, kg.WrapError(kg.Invalid, err, "%s: record %d is not valid JSON", path, n))
				return
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}

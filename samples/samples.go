// Package samples holds the sample articles bundled in the binary: real
// published articles, exactly as exported, each with its hand annotation
// (*.gold.json). "maillage serve" ingests the articles into an empty store on
// first start so the API answers at once; tests use them as fixtures.
package samples

import (
	"embed"
	"io/fs"
	"path"
	"strings"
)

//go:embed *.txt *.gold.json
var files embed.FS

// FS is the folder of sample articles and their gold files.
var FS fs.FS = files

// Articles returns the names of the sample article files (not the gold
// files), sorted.
func Articles() []string {
	names, _ := fs.Glob(files, "*")
	var out []string
	for _, n := range names {
		if !strings.HasSuffix(n, ".gold.json") && path.Ext(n) != ".go" {
			out = append(out, n)
		}
	}
	return out
}

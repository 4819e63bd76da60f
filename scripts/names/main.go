// Command names converts the INSEE given-name list (shared/data/prenoms.csv:
// name,count, sorted by count) into the gazetteer embedded by
// internal/extract: internal/extract/data/prenoms.tsv.gz, one "name<TAB>count"
// line per given name, without the names listed in exclude.txt (words that
// are far more often something else when capitalised in an article: name
// particles, months, territories).
//
//	go run ./scripts/names [-in ../shared/data/prenoms.csv] [-out internal/extract/data/prenoms.tsv.gz]
package main

import (
	"bufio"
	"compress/gzip"
	_ "embed"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

//go:embed exclude.txt
var excludeList string

func main() {
	in := flag.String("in", "../shared/data/prenoms.csv", "INSEE given names (name,count)")
	out := flag.String("out", "internal/extract/data/prenoms.tsv.gz", "gazetteer to write")
	flag.Parse()
	if err := convert(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "names:", err)
		os.Exit(1)
	}
}

func convert(inPath, outPath string) error {
	exclude := map[string]bool{}
	for _, l := range strings.Split(excludeList, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			exclude[l] = true
		}
	}
	f, err := os.Open(inPath)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	header, err := r.Read()
	if err != nil || len(header) < 2 || header[0] != "name" || header[1] != "count" {
		return fmt.Errorf("%s: want a name,count header, got %v (%v)", inPath, header, err)
	}
	o, err := os.Create(outPath)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(o, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	fmt.Fprintf(w, "# INSEE Fichier des prénoms 1900-2024 (via shared/data/prenoms.csv), converted by scripts/names; do not edit\n")
	kept, dropped := 0, 0
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", inPath, line, err)
		}
		name := strings.TrimSpace(rec[0])
		n, err := strconv.Atoi(rec[1])
		if err != nil || name == "" {
			return fmt.Errorf("%s:%d: bad record %v", inPath, line, rec)
		}
		if exclude[name] || len([]rune(name)) < 2 {
			dropped++
			continue
		}
		fmt.Fprintf(w, "%s\t%d\n", name, n)
		kept++
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := o.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "names: %d given names written to %s, %d excluded\n", kept, outPath, dropped)
	return nil
}

package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/ingest"
)

func TestIngestWritesSkipsAndNamesBadFiles(t *testing.T) {
	data := t.TempDir()
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"text": "unfinished`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCmd(t, "ingest", "--data", data, "--progress", "log", "../../testdata/articles/dev", "../../testdata/articles/tune/*.md")
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "3 articles read, 0 skipped (unchanged), 3 written (3 new, 0 replaced), 0 failed") {
		t.Errorf("summary: %s", out)
	}
	if !strings.Contains(errOut, "ingest progress") || !strings.Contains(errOut, "reference data loaded") {
		t.Errorf("log lines: %s", errOut)
	}
	out, errOut, err = runCmd(t, "ingest", "--data", data, "--progress", "none", "../../testdata/articles/dev", "/no/such/dir", bad)
	if !errors.Is(err, errReported) {
		t.Fatalf("err = %v, want a non-zero exit", err)
	}
	if !strings.Contains(out, "1 articles read, 1 skipped") {
		t.Errorf("summary: %s", out)
	}
	if !strings.Contains(errOut, "/no/such/dir: no such file or directory") || !strings.Contains(errOut, "bad.json") {
		t.Errorf("failures not named: %s", errOut)
	}
	if _, _, err := runCmd(t, "ingest", "--data", data); err == nil || exitCode(err) != 2 {
		t.Errorf("no path: %v", err)
	}
}

func TestProgressBarShowsRateAndETA(t *testing.T) {
	var b strings.Builder
	bar := &progressBar{w: &b}
	bar.draw(ingestProgressForTest())
	bar.done()
	s := b.String()
	for _, want := range []string{"[===============               ]", " 50%", "5/10 files", "120 articles", "60 articles/s", "ETA 2s"} {
		if !strings.Contains(s, want) {
			t.Errorf("bar %q lacks %q", s, want)
		}
	}
}

func ingestProgressForTest() ingest.Progress {
	return ingest.Progress{Files: 10, FilesDone: 5, Bytes: 1000, BytesDone: 500, Articles: 120, Elapsed: 2 * time.Second}
}

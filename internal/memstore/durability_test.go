package memstore_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
)

// Environment of the child processes the durability tests start.
const (
	envRole = "MEMSTORE_TEST_CHILD"
	envDir  = "MEMSTORE_TEST_DIR"
)

// numberedGraph is article n of a small series: one article naming one
// organization of its own and a reference-free person, with a relation.
func numberedGraph(n int) kg.ArticleGraph {
	org := kg.Entity{ID: kg.ID(fmt.Sprintf("org:collectif-%d", n)), Type: kg.TypeOrganization, Name: fmt.Sprintf("Collectif des habitants n°%d", n), Kind: "association"}
	per := kg.Entity{ID: kg.ID(fmt.Sprintf("person:animatrice-%d", n)), Type: kg.TypePerson, Name: fmt.Sprintf("Animatrice %d", n)}
	text := fmt.Sprintf("%s est animé par %s.", org.Name, per.Name)
	url := fmt.Sprintf("https://exemple.example/serie/%d", n)
	art := kg.Article{ID: kg.ArticleID(url, ""), URL: url, Title: fmt.Sprintf("Épisode %d", n), PublishedAt: "2024-03-01", Text: text}
	orgLen := len([]rune(org.Name))
	perStart := orgLen + len([]rune(" est animé par "))
	perEnd := perStart + len([]rune(per.Name))
	return kg.ArticleGraph{
		Article:  art,
		Entities: []kg.Entity{org, per},
		Mentions: []kg.Mention{
			{ArticleID: art.ID, EntityID: org.ID, Spans: []kg.Span{{Start: 0, End: orgLen, Text: org.Name}}},
			{ArticleID: art.ID, EntityID: per.ID, Spans: []kg.Span{{Start: perStart, End: perEnd, Text: per.Name}}},
		},
		Relations: []kg.Relation{{Type: kg.MemberOf, From: per.ID, To: org.ID, Provenance: []kg.Evidence{{ArticleID: art.ID, Sentence: text, Start: 0, End: len([]rune(text)), Extractor: "test", Confidence: 1}}}},
	}
}

// checkWhole verifies that article n is entirely present (want) or entirely
// absent (!want).
func checkWhole(t *testing.T, s *memstore.Store, n int, want bool) {
	t.Helper()
	g := numberedGraph(n)
	ctx := context.Background()
	arts, err := s.Articles(ctx, []kg.ID{g.Article.ID})
	if err != nil {
		t.Fatal(err)
	}
	ents, err := s.Entities(ctx, []kg.ID{g.Entities[0].ID, g.Entities[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	rels, err := s.RelationsOf(ctx, []kg.ID{g.Entities[1].ID}, kg.RelationQuery{})
	if err != nil {
		t.Fatal(err)
	}
	present := 0
	if a, ok := arts[g.Article.ID]; ok && a.Text == g.Article.Text {
		present++
	}
	present += len(ents)
	present += len(rels[g.Entities[1].ID])
	switch {
	case want && present != 4:
		t.Errorf("article %d: only %d of its 4 parts survived", n, present)
	case !want && present != 0:
		t.Errorf("article %d: %d of its 4 parts present, want none", n, present)
	case present != 0 && present != 4:
		t.Errorf("article %d is half written (%d of 4 parts)", n, present)
	}
}

// runChild is the child side of the kill tests: it writes numbered
// articles, printing "written N" after each write returned.
func runChild() {
	dir := os.Getenv(envDir)
	s, err := memstore.Open(dir)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	if os.Getenv(envRole) == "hang-before-commit" {
		// Write 0 normally, then hang inside the transaction of write 1.
		if _, err := s.UpsertArticles(context.Background(), []kg.ArticleGraph{numberedGraph(0)}); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("written 0")
		memstore.SetBeforeCommit(s, func() {
			fmt.Println("in-commit 1")
			time.Sleep(time.Hour)
		})
		_, _ = s.UpsertArticles(context.Background(), []kg.ArticleGraph{numberedGraph(1)})
		os.Exit(4)
	}
	for n := 0; ; n++ {
		if _, err := s.UpsertArticles(context.Background(), []kg.ArticleGraph{numberedGraph(n)}); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("written", n)
	}
}

// startChild re-executes the test binary as a child writing into dir.
func startChild(t *testing.T, test, role, dir string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), envRole+"="+role, envDir+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A child that stops talking is killed, which ends the parent's scan.
	watchdog := time.AfterFunc(2*time.Minute, func() { _ = cmd.Process.Kill() })
	t.Cleanup(func() { watchdog.Stop(); _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, bufio.NewScanner(out)
}

func kill9(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child did not die of SIGKILL: %v", err)
	}
}

func TestWriteThatReturnedSurvivesKill9(t *testing.T) {
	if os.Getenv(envRole) != "" {
		runChild()
		return
	}
	dir := t.TempDir()
	cmd, lines := startChild(t, "TestWriteThatReturnedSurvivesKill9", "write-forever", dir)
	const killAfter = 12
	last := -1
	for lines.Scan() {
		line := lines.Text()
		if !strings.HasPrefix(line, "written ") {
			t.Fatalf("child: %s", line)
		}
		last, _ = strconv.Atoi(strings.TrimPrefix(line, "written "))
		if last == killAfter {
			kill9(t, cmd) // the child is already writing the next article
			break
		}
	}
	if last != killAfter {
		t.Fatalf("child stopped after write %d: %v", last, lines.Err())
	}
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	defer s.Close()
	for n := 0; n <= killAfter; n++ {
		checkWhole(t, s, n, true)
	}
	// The write in flight when the child died is all there or not at all.
	g := numberedGraph(killAfter + 1)
	arts, _ := s.Articles(context.Background(), []kg.ID{g.Article.ID})
	checkWhole(t, s, killAfter+1, len(arts) == 1)
	checkWhole(t, s, killAfter+3, false)
}

func TestWriteInterruptedBeforeCommitLeavesThePreviousState(t *testing.T) {
	if os.Getenv(envRole) != "" {
		runChild()
		return
	}
	dir := t.TempDir()
	cmd, lines := startChild(t, "TestWriteInterruptedBeforeCommitLeavesThePreviousState", "hang-before-commit", dir)
	var seen []string
	for lines.Scan() {
		seen = append(seen, lines.Text())
		if lines.Text() == "in-commit 1" {
			kill9(t, cmd)
			break
		}
	}
	if len(seen) != 2 || seen[0] != "written 0" {
		t.Fatalf("child said %q", seen)
	}
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatalf("reopen after SIGKILL mid-write: %v", err)
	}
	defer s.Close()
	checkWhole(t, s, 0, true)
	checkWhole(t, s, 1, false)
}

// writeSeries opens a store in dir and writes articles [from, to), one
// transaction each, then closes it.
func writeSeries(t *testing.T, dir string, from, to int) {
	t.Helper()
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for n := from; n < to; n++ {
		if _, err := s.UpsertArticles(context.Background(), []kg.ArticleGraph{numberedGraph(n)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// metaTxID reads the transaction id of bbolt meta page i (page size 4096).
func metaTxID(t *testing.T, f *os.File, i int64) uint64 {
	t.Helper()
	var buf [8]byte
	if _, err := f.ReadAt(buf[:], i*4096+16+48); err != nil {
		t.Fatal(err)
	}
	return binary.LittleEndian.Uint64(buf[:])
}

func TestTornLastCommitIsDiscardedOnOpen(t *testing.T) {
	if os.Getpagesize() != 4096 {
		t.Fatalf("this test reads bbolt meta pages at 4096-byte offsets; page size is %d", os.Getpagesize())
	}
	dir := t.TempDir()
	writeSeries(t, dir, 0, 3)
	writeSeries(t, dir, 3, 4) // the last commit: article 3
	path := filepath.Join(dir, memstore.DataFile)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	newest := int64(0)
	if metaTxID(t, f, 1) > metaTxID(t, f, 0) {
		newest = 1
	}
	// Tear the newest meta page: its second half never reached the disk.
	if _, err := f.WriteAt(make([]byte, 40), newest*4096+16+24); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var logs bytes.Buffer
	s, err := memstore.Open(dir, memstore.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	if err != nil {
		t.Fatalf("open with a torn last commit: %v", err)
	}
	defer s.Close()
	for n := 0; n < 3; n++ {
		checkWhole(t, s, n, true)
	}
	checkWhole(t, s, 3, false)
	if !strings.Contains(logs.String(), "interrupted") {
		t.Errorf("recovery not logged: %q", logs.String())
	}
	// The store is writable again, and the write sticks.
	if _, err := s.UpsertArticles(context.Background(), []kg.ArticleGraph{numberedGraph(3)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	checkWhole(t, s2, 3, true)
}

// damage applies f to the store file and checks that Open then fails with
// an error naming the file.
func damage(t *testing.T, f func(path string, data []byte) []byte, want string) {
	t.Helper()
	dir := t.TempDir()
	writeSeries(t, dir, 0, 40)
	path := filepath.Join(dir, memstore.DataFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, f(path, data), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := memstore.Open(dir)
	if err == nil {
		s.Close()
		t.Fatalf("damaged store opened without error")
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "corrupt") || !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name the file %s and the damage (%q)", err, path, want)
	}
	if kg.ErrorCode(err) != kg.Internal {
		t.Errorf("code %s, want internal", kg.ErrorCode(err))
	}
	// The lock is released: a second attempt reports the same damage, not
	// "in use".
	if _, err2 := memstore.Open(dir); err2 == nil || strings.Contains(err2.Error(), "in use") {
		t.Errorf("second open: %v", err2)
	}
}

func TestTruncatedFileIsReported(t *testing.T) {
	damage(t, func(_ string, data []byte) []byte { return data[:3*4096] }, "truncated")
}

func TestOverwrittenMetaPagesAreReported(t *testing.T) {
	damage(t, func(_ string, data []byte) []byte {
		copy(data[16:], bytes.Repeat([]byte("x"), 64))
		copy(data[4096+16:], bytes.Repeat([]byte("y"), 64))
		return data
	}, "meta pages")
}

func TestScribbledPagesAreReported(t *testing.T) {
	damage(t, func(_ string, data []byte) []byte {
		r := rand.New(rand.NewPCG(1, 2))
		for i := 2 * 4096; i < len(data); i++ {
			data[i] = byte(r.UintN(256))
		}
		return data
	}, "")
}

func TestFlippedByteInAValueIsReported(t *testing.T) {
	damage(t, func(_ string, data []byte) []byte {
		i := bytes.Index(data, []byte("Épisode 17"))
		if i < 0 {
			t.Fatal("title not found in the file")
		}
		data[i+len("Épisode 1")] = '8' // "Épisode 18": structure intact, value wrong
		return data
	}, "checksum mismatch")
}

func TestSecondOpenIsRefusedWhileTheStoreIsInUse(t *testing.T) {
	dir := t.TempDir()
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = memstore.Open(dir, memstore.WithLockTimeout(100*time.Millisecond))
	if err == nil || !strings.Contains(err.Error(), "in use by another process") || !strings.Contains(err.Error(), dir) || kg.ErrorCode(err) != kg.Unavailable {
		t.Errorf("second open: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = memstore.Open(dir)
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	s.Close()
}

func TestClosedStoreIsUnavailable(t *testing.T) {
	s, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	ctx := context.Background()
	if err := s.Ping(ctx); kg.ErrorCode(err) != kg.Unavailable {
		t.Errorf("Ping after Close: %v", err)
	}
	if _, err := s.UpsertArticles(ctx, []kg.ArticleGraph{numberedGraph(0)}); kg.ErrorCode(err) != kg.Unavailable {
		t.Errorf("UpsertArticles after Close: %v", err)
	}
	if _, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypePerson}, kg.EntityOrder{}, kg.PageRequest{First: 1}); kg.ErrorCode(err) != kg.Unavailable {
		t.Errorf("ListEntities after Close: %v", err)
	}
}

func TestOpenCreatesNestedDirectoryAndReopensEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b", "maillage-data")
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, name := range []string{memstore.DataFile, memstore.LockFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	s, err = memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil || st.Articles != 0 {
		t.Errorf("Stats = %+v, %v", st, err)
	}
}

func TestNotAStoreFileIsReported(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, memstore.DataFile)
	if err := os.WriteFile(path, bytes.Repeat([]byte("Ceci n’est pas une base de données.\n"), 400), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := memstore.Open(dir)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("open of a text file: %v", err)
	}
}

func TestReopenRebuildsTheSameGraph(t *testing.T) {
	dir := t.TempDir()
	writeSeries(t, dir, 0, 25)
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := s.DeleteArticle(ctx, numberedGraph(7).Article.ID); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s)
	s.Close()
	s, err = memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if after := snapshot(t, s); after != before {
		t.Errorf("graph changed across reopen:\n%s\n---\n%s", before, after)
	}
	checkWhole(t, s, 7, false)
	checkWhole(t, s, 8, true)
}

// snapshot renders the persons and their relations, for comparisons.
func snapshot(t *testing.T, s *memstore.Store) string {
	t.Helper()
	ctx := context.Background()
	p, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypePerson}, kg.EntityOrder{Field: kg.SortByMentionCount}, kg.PageRequest{First: kg.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	var ids []kg.ID
	var b strings.Builder
	for _, e := range p.Items {
		ids = append(ids, e.ID)
		fmt.Fprintf(&b, "%+v\n", e)
	}
	rels, err := s.RelationsOf(ctx, ids, kg.RelationQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		fmt.Fprintf(&b, "%s %+v\n", id, rels[id])
	}
	st, _ := s.Stats(ctx)
	fmt.Fprintf(&b, "%+v\n", st)
	return b.String()
}

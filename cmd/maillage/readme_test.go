package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fencedAfter returns the first line of the fenced block that follows marker.
func fencedAfter(t *testing.T, text, marker string) string {
	t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(marker) + "\\s*\n```[a-z]*\n([^\n]*)\n```").FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("README: no fenced block right after %s", marker)
	}
	return m[1]
}

func TestReadmeGivesTheRunAndTestCommands(t *testing.T) {
	text := readme(t)
	if got := fencedAfter(t, text, "<!-- run-command -->"); got != "go run ./cmd/maillage serve" {
		t.Errorf("run command %q", got)
	}
	if got := fencedAfter(t, text, "<!-- test-command -->"); got != "go test ./..." {
		t.Errorf("test command %q", got)
	}
}

func TestReadmeConfigurationTableMatchesTheFlags(t *testing.T) {
	text := readme(t)
	rows := map[string][]string{} // flag or env name → cells
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "| ") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) != 4 {
			continue
		}
		key := strings.Trim(cells[0], "`")
		if key == "—" {
			key = strings.Trim(cells[1], "`")
		}
		rows[key] = cells
	}
	fs, _, err := newServeFlagSet(&env{getenv: func(string) string { return "" }, stdout: io.Discard, stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	envOf := regexp.MustCompile(`\(env ([A-Z0-9_]+(?:=false)?)\)`)
	fs.VisitAll(func(f *flag.Flag) {
		row, ok := rows["--"+f.Name]
		if !ok {
			t.Errorf("README: no row for --%s", f.Name)
			return
		}
		delete(rows, "--"+f.Name)
		if m := envOf.FindStringSubmatch(f.Usage); m == nil || row[1] != "`"+m[1]+"`" {
			t.Errorf("README: --%s has environment %s, the code says %q", f.Name, row[1], f.Usage)
		}
		want := "`" + f.DefValue + "`"
		if f.DefValue == "" {
			want = "(none"
		}
		if !strings.HasPrefix(row[2], want) {
			t.Errorf("README: --%s has default %s, the code says %q", f.Name, row[2], f.DefValue)
		}
	})
	if _, ok := rows["MAILLAGE_API_KEYS"]; !ok {
		t.Error("README: no row for MAILLAGE_API_KEYS")
	}
	delete(rows, "MAILLAGE_API_KEYS")
	delete(rows, "flag") // the header
	delete(rows, "---")  // its rule
	for k := range rows {
		t.Errorf("README: row %s names no flag of maillage serve", k)
	}
}

// example is one README example: a curl command and the output shown.
type example struct {
	curl, output string
}

func readmeExamples(t *testing.T) []example {
	t.Helper()
	re := regexp.MustCompile("(?s)```sh\n(curl [^\n]*)\n```\n\n```json\n(.*?)\n```")
	var out []example
	for _, m := range re.FindAllStringSubmatch(readme(t), -1) {
		out = append(out, example{curl: m[1], output: m[2]})
	}
	return out
}

func TestReadmeExamplesReturnWhatTheReadmeShows(t *testing.T) {
	examples := readmeExamples(t)
	if len(examples) != 5 {
		t.Fatalf("README has %d curl examples with their output, want 5", len(examples))
	}
	s := startServe(t, t.TempDir(), nil)
	getQuery := regexp.MustCompile(`^curl -s --get http://localhost:8080/graphql --data-urlencode 'query=(.*)'$`)
	postBody := regexp.MustCompile(`^curl -s http://localhost:8080/graphql -H 'Content-Type: application/json' -d '(.*)'$`)
	for i, ex := range examples {
		var resp *http.Response
		var err error
		switch {
		case getQuery.MatchString(ex.curl):
			q := getQuery.FindStringSubmatch(ex.curl)[1]
			resp, err = http.Get(s.url + "graphql?query=" + url.QueryEscape(q))
		case postBody.MatchString(ex.curl):
			body := postBody.FindStringSubmatch(ex.curl)[1]
			resp, err = http.Post(s.url+"graphql", "application/json", bytes.NewReader([]byte(body)))
		default:
			t.Errorf("example %d: cannot read the command %q", i+1, ex.curl)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var got, want any
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatalf("example %d: %v: %s", i+1, err, raw)
		}
		if err := json.Unmarshal([]byte(ex.output), &want); err != nil {
			t.Fatalf("example %d: the README's output is not JSON: %v", i+1, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("example %d: the server answers\n%s\nthe README shows\n%s", i+1, raw, ex.output)
		}
	}
}

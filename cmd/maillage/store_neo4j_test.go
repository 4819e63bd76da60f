package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestServeOverUnreachableNeo4jFailsWithAClearMessage(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	start := time.Now()
	err := run(ctx, []string{"maillage", "serve", "--store", "neo4j", "--neo4j-uri", "bolt://127.0.0.1:1", "--addr", "127.0.0.1:0"},
		func(string) string { return "" }, &stdout, &stderr)
	if err == nil {
		t.Fatal("serve over an unreachable Neo4j started")
	}
	for _, want := range []string{"127.0.0.1:1", "unreachable", "connection refused"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("gave up after %v, want the context's 3 s", d)
	}
	if strings.Contains(stdout.String(), "listening") {
		t.Errorf("serve printed that it listens: %q", stdout.String())
	}
}

func TestServeRejectsAMalformedNeo4jURI(t *testing.T) {
	for _, uri := range []string{"http://localhost:7474", "localhost:7687", "bolt://user:secret@localhost:7687"} {
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), []string{"maillage", "serve", "--store", "neo4j", "--neo4j-uri", uri, "--addr", "127.0.0.1:0"},
			func(string) string { return "" }, &stdout, &stderr)
		var u usageError
		if !errors.As(err, &u) || exitCode(err) != 2 {
			t.Errorf("--neo4j-uri %s: error %v (exit %d), want a usage error", uri, err, exitCode(err))
			continue
		}
		if !strings.Contains(err.Error(), "--neo4j-uri") || strings.Contains(err.Error(), "secret") {
			t.Errorf("--neo4j-uri %s: error %q should name the flag and never show the password", uri, err)
		}
	}
}

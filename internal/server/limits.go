package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes (extensions.code) of the operations the limits reject before
// execution. Like gqlgen's GRAPHQL_VALIDATION_FAILED and
// COMPLEXITY_LIMIT_EXCEEDED, they answer HTTP 422.
const (
	CodeDepthLimit = "DEPTH_LIMIT_EXCEEDED"
	CodeAliasLimit = "ALIAS_LIMIT_EXCEEDED"
	// CodeIntrospectionDisabled refuses __schema and __type when
	// introspection is off.
	CodeIntrospectionDisabled = "INTROSPECTION_DISABLED"
	CodeComplexityLimit       = "COMPLEXITY_LIMIT_EXCEEDED" // set by gqlgen's extension.ComplexityLimit
)

// Introspection queries are bounded separately: GraphiQL's own
// introspection query is 15 levels deep (nine nested ofType), above any
// sensible limit for data queries, while the introspection schema allows
// queries whose answers grow exponentially (types → fields → type →
// fields …), which gqlgen's complexity does not count. Inside __schema and
// __type a path may be introspectionMaxDepth fields deep and go through at
// most introspectionMaxLists list fields (types, fields, args, …).
const (
	introspectionMaxDepth = 16
	introspectionMaxLists = 3
)

func init() {
	for _, code := range []string{CodeDepthLimit, CodeAliasLimit, CodeComplexityLimit, CodeIntrospectionDisabled} {
		errcode.RegisterErrorType(code, errcode.KindProtocol)
	}
}

// ShapeLimit is a gqlgen extension that rejects, after validation and before
// any resolver runs, an operation that is too deep or has too many aliased
// fields. Fragments are expanded (a spread or inline fragment adds no level;
// the fields inside it do); the depth of each named fragment is computed once,
// so a fragment spread many times costs nothing more.
type ShapeLimit struct {
	MaxDepth   int // deepest path of fields, introspection excluded
	MaxAliases int // aliased fields in the operation
	// NoIntrospection rejects operations that select __schema or __type
	// (__typename stays allowed).
	NoIntrospection bool
}

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = ShapeLimit{}

func (ShapeLimit) ExtensionName() string                   { return "ShapeLimit" }
func (ShapeLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (l ShapeLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	op := opCtx.Operation
	if op == nil {
		return nil
	}
	if info := requestInfoFrom(ctx); info != nil {
		info.setOperation(op.Name, string(op.Operation))
	}
	s := shapeOf(op.SelectionSet)
	if l.NoIntrospection && s.introDepth > 0 {
		err := gqlerror.Errorf("introspection is disabled on this server")
		errcode.Set(err, CodeIntrospectionDisabled)
		return err
	}
	if s.depth > l.MaxDepth {
		err := gqlerror.Errorf("query depth %d exceeds the limit of %d", s.depth, l.MaxDepth)
		errcode.Set(err, CodeDepthLimit)
		return err
	}
	if s.introDepth > introspectionMaxDepth {
		err := gqlerror.Errorf("introspection depth %d exceeds the limit of %d", s.introDepth, introspectionMaxDepth)
		errcode.Set(err, CodeDepthLimit)
		return err
	}
	if s.introLists > introspectionMaxLists {
		err := gqlerror.Errorf("introspection query nests %d lists, more than the limit of %d", s.introLists, introspectionMaxLists)
		errcode.Set(err, CodeDepthLimit)
		return err
	}
	if s.aliases > l.MaxAliases {
		err := gqlerror.Errorf("query has %d aliased fields, more than the limit of %d", s.aliases, l.MaxAliases)
		errcode.Set(err, CodeAliasLimit)
		return err
	}
	return nil
}

// shape measures a selection set with its fragments expanded.
type shape struct {
	depth      int // deepest path of data fields (introspection excluded)
	introDepth int // deepest path inside __schema / __type, counted from them
	introLists int // most list fields on one path inside __schema / __type
	aliases    int // aliased fields, fragments counted once per use
}

// shapeOf measures ss. Validation has already rejected fragment cycles;
// memo also guards against them.
func shapeOf(ss ast.SelectionSet) shape {
	w := shapeWalker{memo: map[memoKey]shape{}}
	return w.selectionSet(ss, false)
}

type memoKey struct {
	name  string
	intro bool
}

type shapeWalker struct {
	memo map[memoKey]shape
}

func (w *shapeWalker) selectionSet(ss ast.SelectionSet, intro bool) shape {
	var out shape
	for _, sel := range ss {
		var s shape
		switch sel := sel.(type) {
		case *ast.Field:
			s = w.field(sel, intro)
		case *ast.InlineFragment:
			s = w.selectionSet(sel.SelectionSet, intro)
		case *ast.FragmentSpread:
			s = w.fragment(sel, intro)
		}
		out.depth = max(out.depth, s.depth)
		out.introDepth = max(out.introDepth, s.introDepth)
		out.introLists = max(out.introLists, s.introLists)
		out.aliases = satAdd(out.aliases, s.aliases)
	}
	return out
}

func (w *shapeWalker) fragment(sp *ast.FragmentSpread, intro bool) shape {
	if sp.Definition == nil {
		return shape{}
	}
	key := memoKey{sp.Name, intro}
	if s, ok := w.memo[key]; ok {
		return s
	}
	w.memo[key] = shape{} // a cycle, which validation rejects anyway, ends here
	s := w.selectionSet(sp.Definition.SelectionSet, intro)
	w.memo[key] = s
	return s
}

func (w *shapeWalker) field(f *ast.Field, intro bool) shape {
	enters := !intro && (f.Name == "__schema" || f.Name == "__type")
	child := w.selectionSet(f.SelectionSet, intro || enters)
	s := shape{introDepth: child.introDepth, introLists: child.introLists, aliases: child.aliases}
	if f.Alias != "" && f.Alias != f.Name {
		s.aliases = satAdd(s.aliases, 1)
	}
	switch {
	case intro || enters:
		s.introDepth = 1 + child.introDepth
		if f.Definition != nil && isList(f.Definition.Type) {
			s.introLists = 1 + child.introLists
		}
	case strings.HasPrefix(f.Name, "__"): // __typename
		s.depth = 1
	default:
		s.depth = 1 + child.depth
	}
	return s
}

func isList(t *ast.Type) bool {
	for ; t != nil; t = t.Elem {
		if t.NamedType == "" {
			return true
		}
	}
	return false
}

func satAdd(a, b int) int {
	if a > int(^uint(0)>>2) || b > int(^uint(0)>>2) {
		return int(^uint(0) >> 2)
	}
	return a + b
}

// limitBody answers 413 with a JSON error to a request whose body is larger
// than limit bytes, without reading more than limit+1 bytes of it. A body
// that fits is read into memory and handed on, so the transports see a
// complete, bounded body.
func limitBody(limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		tooLarge := func() {
			writeJSONError(w, http.StatusRequestEntityTooLarge, "invalid",
				fmt.Sprintf("request body is larger than the limit of %s", byteSize(limit)))
		}
		if r.ContentLength > limit {
			tooLarge()
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
		if err != nil {
			writeJSONError(w, http.StatusBadRequest, "invalid", "could not read the request body")
			return
		}
		if int64(len(body)) > limit {
			tooLarge()
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

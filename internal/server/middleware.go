package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// RequestIDHeader is the header that carries the request id: taken from the
// request when it is a sane token, generated otherwise, always echoed in the
// response.
const RequestIDHeader = "X-Request-ID"

// requestInfo is what the middlewares learn about one request, shared
// through its context: the id, and the GraphQL operation once known (for
// the access log and the metrics).
type requestInfo struct {
	id    string
	route string

	mu        sync.Mutex
	operation string // operation name, "" when anonymous
	opType    string // query, mutation, subscription
	errors    int    // errors in the GraphQL response
}

func (i *requestInfo) setOperation(name, typ string) {
	i.mu.Lock()
	i.operation, i.opType = name, typ
	i.mu.Unlock()
}

func (i *requestInfo) addErrors(n int) {
	i.mu.Lock()
	i.errors += n
	i.mu.Unlock()
}

func (i *requestInfo) snapshot() (operation, opType string, errs int) {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.operation, i.opType, i.errors
}

type requestInfoKey struct{}

func requestInfoFrom(ctx context.Context) *requestInfo {
	i, _ := ctx.Value(requestInfoKey{}).(*requestInfo)
	return i
}

// RequestID returns the id of the request ctx belongs to ("" outside one).
func RequestID(ctx context.Context) string {
	if i := requestInfoFrom(ctx); i != nil {
		return i.id
	}
	return ""
}

// validRequestID accepts ids a client or proxy may send: 1 to 128 letters,
// digits, '-', '_', '.' or ':'. Anything else is replaced, so that logs
// cannot be forged through the header.
func validRequestID(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.', r == ':':
		default:
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe is the outermost middleware: it gives the request its id and
// info, recovers from panics (logged with the id and stack, answered with a
// masked 500), writes the access log line and records the HTTP metrics.
func (s *server) observe(route string, quiet bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get(RequestIDHeader)
		if !validRequestID(id) {
			id = newRequestID()
		}
		info := &requestInfo{id: id, route: route}
		ctx := context.WithValue(r.Context(), requestInfoKey{}, info)
		ctx = s.withRequestID(ctx, id)
		w.Header().Set(RequestIDHeader, id)
		sw := &statusWriter{ResponseWriter: w}

		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler { //nolint:errorlint // sentinel compared as net/http does
					panic(v)
				}
				s.logger.ErrorContext(ctx, "panic serving request", "requestId", id, "method", r.Method,
					"path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if sw.status == 0 {
					writeJSONError(sw, http.StatusInternalServerError, "internal", "internal error")
				}
			}
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			elapsed := time.Since(start)
			op, opType, errs := info.snapshot()
			s.metrics.observeHTTP(route, r.Method, status, elapsed)
			if route == routeGraphQL {
				s.metrics.observeOperation(op, opType, status, errs, elapsed)
			}
			level := slog.LevelInfo
			if quiet && status < 400 {
				level = slog.LevelDebug
			}
			attrs := []slog.Attr{
				slog.String("requestId", id),
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", status),
				slog.Int64("bytes", sw.bytes),
				slog.Float64("durationMs", float64(elapsed.Microseconds())/1000),
				slog.String("remote", r.RemoteAddr),
			}
			if opType != "" {
				attrs = append(attrs, slog.String("operation", op), slog.String("operationType", opType), slog.Int("graphqlErrors", errs))
			}
			s.logger.LogAttrs(ctx, level, "http request", attrs...)
		}()
		next.ServeHTTP(sw, r.WithContext(ctx))
	})
}

// authenticate checks the API key of a request, given as
// "Authorization: Bearer KEY" or "X-API-Key: KEY". A request without a key
// goes on anonymous (it may read; the GraphQL layer refuses its mutations);
// a request with a key that is not configured is answered 401. Keys are
// compared through their SHA-256 in constant time, every configured key
// being compared, so that timing tells nothing about them.
func (s *server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, given := apiKeyOf(r)
		if !given {
			next.ServeHTTP(w, r)
			return
		}
		sum := sha256.Sum256([]byte(key))
		match := 0
		for _, k := range s.keyHashes {
			match |= subtle.ConstantTimeCompare(sum[:], k[:])
		}
		if match != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="maillage"`)
			writeJSONError(w, http.StatusUnauthorized, "unauthorized", "invalid API key")
			return
		}
		next.ServeHTTP(w, r.WithContext(s.withAuthenticated(r.Context())))
	})
}

func apiKeyOf(r *http.Request) (string, bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, key, _ := strings.Cut(h, " ")
		if strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(key), true
		}
		return "", true // another scheme is a key we do not accept
	}
	if k := r.Header.Get("X-API-Key"); k != "" {
		return strings.TrimSpace(k), true
	}
	return "", false
}

// timeoutBody is the body answered when the backstop timeout fires.
func timeoutBody(d time.Duration) string {
	b, _ := json.Marshal(errorBody{Errors: []errorEntry{{
		Message:    fmt.Sprintf("request timed out after %s", d),
		Extensions: map[string]string{"code": "unavailable"},
	}}})
	return string(b)
}

// withTimeout gives each request a context deadline of d: store calls end
// with an unavailable error when it passes and the response says so. As a
// backstop for work that ignores its context, the response is cut one
// second later with a 503 and a JSON error.
func withTimeout(d time.Duration, next http.Handler) http.Handler {
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
	backstop := http.TimeoutHandler(inner, d+time.Second, timeoutBody(d))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// TimeoutHandler writes its body on w as is: set the type first.
		w.Header().Set("Content-Type", "application/json")
		backstop.ServeHTTP(w, r)
	})
}

type errorEntry struct {
	Message    string            `json:"message"`
	Extensions map[string]string `json:"extensions,omitempty"`
}

type errorBody struct {
	Errors []errorEntry `json:"errors"`
}

// writeJSONError answers a GraphQL-shaped error: {"errors":[{"message",
// "extensions":{"code"}}]}, so that clients handle every refusal alike.
func writeJSONError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(errorBody{Errors: []errorEntry{{Message: msg, Extensions: map[string]string{"code": code}}}})
}

var errNoStore = errors.New("server: nil store")

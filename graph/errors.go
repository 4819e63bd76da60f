package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/maillage/maillage/internal/kg"
)

type requestIDKey struct{}

// WithRequestID stores the request id the HTTP layer gave the request; the
// error presenter shows it to clients with masked internal errors and logs
// it with the real error.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the id stored by WithRequestID, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// requestIDOf returns the request id of ctx, or a fresh random one when
// the HTTP layer set none (so the client and the log still share an id).
func requestIDOf(ctx context.Context) string {
	if id := RequestID(ctx); id != "" {
		return id
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// ErrorPresenter returns the presenter that turns resolver errors into
// GraphQL errors:
//   - a *kg.Error (anywhere in the chain) gets extensions.code = its code and
//     its client-facing message (kg.ErrorMessage: the wrapped cause is not
//     shown);
//   - errors that gqlgen already coded (GRAPHQL_VALIDATION_FAILED,
//     GRAPHQL_PARSE_FAILED, COMPLEXITY_LIMIT_EXCEEDED…) are kept;
//   - an ended context becomes `unavailable` ("request timed out" or
//     "request canceled");
//   - everything else, and every Internal error, is masked: the client sees
//     "internal error" with extensions.code = "internal" and
//     extensions.requestId, and logger gets the real error with the same
//     request id and the path.
func ErrorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	if logger == nil {
		logger = slog.Default()
	}
	return func(ctx context.Context, err error) *gqlerror.Error {
		if err == nil {
			return nil
		}
		gerr := copyError(graphql.DefaultErrorPresenter(ctx, err))
		code := kg.ErrorCode(err)
		var kerr *kg.Error
		switch {
		case errors.As(err, &kerr) && code != kg.Internal:
			gerr.Message = kg.ErrorMessage(err)
			setCode(gerr, string(code))
			return gerr
		case kerr == nil && hasCode(gerr):
			return gerr
		case kerr == nil && errors.Is(err, context.DeadlineExceeded):
			gerr.Message = "request timed out"
			setCode(gerr, string(kg.Unavailable))
			return gerr
		case kerr == nil && errors.Is(err, context.Canceled):
			gerr.Message = "request canceled"
			setCode(gerr, string(kg.Unavailable))
			return gerr
		}
		id := requestIDOf(ctx)
		logger.ErrorContext(ctx, "graphql: internal error",
			"requestId", id, "path", gerr.Path.String(), "error", err.Error())
		return &gqlerror.Error{
			Message:    "internal error",
			Path:       gerr.Path,
			Locations:  gerr.Locations,
			Extensions: map[string]any{"code": string(kg.Internal), "requestId": id},
		}
	}
}

// copyError returns a shallow copy of e with its own extensions map, so that
// presenting never mutates an error value shared with gqlgen.
func copyError(e *gqlerror.Error) *gqlerror.Error {
	c := *e
	if e.Extensions != nil {
		c.Extensions = make(map[string]any, len(e.Extensions)+1)
		for k, v := range e.Extensions {
			c.Extensions[k] = v
		}
	}
	return &c
}

func hasCode(e *gqlerror.Error) bool {
	c, ok := e.Extensions["code"].(string)
	return ok && c != ""
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// RecoverFunc returns the gqlgen recover function: a panic in a resolver is
// logged with its stack and the request id, and becomes an Internal error
// (which ErrorPresenter masks).
func RecoverFunc(logger *slog.Logger) graphql.RecoverFunc {
	if logger == nil {
		logger = slog.Default()
	}
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "graphql: panic",
			"requestId", requestIDOf(ctx), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return kg.WrapError(kg.Internal, fmt.Errorf("panic: %v", p), "internal error")
	}
}

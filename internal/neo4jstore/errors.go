package neo4jstore

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/maillage/maillage/internal/kg"
)

// cause is what a failed transaction calls for.
type cause int

const (
	causeOther       cause = iota // not worth retrying: report it
	causeRetry                    // transient: deadlock, lost or stale connection; run again
	causeDown                     // the server refuses connections or cannot be resolved: fail now
	causeStaleSchema              // the database was recreated: migrate, then run again
	causeCtx                      // the request's context ended
)

// leaves returns err and the errors it wraps, including the driver's
// wrappers that do not implement Unwrap.
func leaves(err error) []error {
	var out []error
	var walk func(error, int)
	walk = func(e error, depth int) {
		if e == nil || depth > 16 {
			return
		}
		out = append(out, e)
		switch x := e.(type) {
		case *neo4j.TransactionExecutionLimit:
			if n := len(x.Errors); n > 0 {
				walk(x.Errors[n-1], depth+1)
			}
		case *neo4j.ConnectivityError:
			walk(x.Inner, depth+1)
		case interface{ Unwrap() []error }:
			for _, w := range x.Unwrap() {
				walk(w, depth+1)
			}
		default:
			walk(errors.Unwrap(e), depth+1)
		}
	}
	walk(err, 0)
	return out
}

// dialFailure returns the error of a connection that could not be opened
// (refused, unreachable, unknown host), or nil.
func dialFailure(err error) error {
	for _, e := range leaves(err) {
		var op *net.OpError
		if errors.As(e, &op) && op.Op == "dial" {
			return op
		}
		var dns *net.DNSError
		if errors.As(e, &dns) {
			return dns
		}
		if errors.Is(e, syscall.ECONNREFUSED) || errors.Is(e, syscall.EHOSTUNREACH) || errors.Is(e, syscall.ENETUNREACH) {
			return e
		}
	}
	return nil
}

// isConnectionLost reports whether err is a connection that broke while in
// use (or was found dead in the pool).
func isConnectionLost(err error) bool {
	if dialFailure(err) != nil {
		return false
	}
	for _, e := range leaves(err) {
		switch e.(type) {
		case *neo4j.ConnectivityError:
			return true
		}
		var ne net.Error
		if errors.As(e, &ne) || errors.Is(e, io.EOF) || errors.Is(e, io.ErrUnexpectedEOF) ||
			errors.Is(e, syscall.ECONNRESET) || errors.Is(e, syscall.EPIPE) {
			return true
		}
	}
	return false
}

// neo4jError returns the server error in err, or nil.
func neo4jError(err error) *neo4j.Neo4jError {
	for _, e := range leaves(err) {
		var ne *neo4j.Neo4jError
		if errors.As(e, &ne) {
			return ne
		}
	}
	return nil
}

// classify says what a failed transaction calls for.
func classify(ctx context.Context, err error) cause {
	if errors.Is(err, errStaleSchema) {
		return causeStaleSchema
	}
	var ke *kg.Error
	if errors.As(err, &ke) {
		return causeOther
	}
	if ctx.Err() != nil {
		return causeCtx
	}
	if dialFailure(err) != nil {
		return causeDown
	}
	if ne := neo4jError(err); ne != nil {
		if isTooLarge(ne) {
			return causeOther // the same transaction would fail again
		}
		if ne.IsRetriable() {
			return causeRetry
		}
		if isMissingIndex(ne) {
			return causeStaleSchema
		}
		return causeOther
	}
	if isConnectionLost(err) {
		return causeRetry
	}
	return causeOther
}

// isTooLarge reports a transaction that exceeded Neo4j's transaction
// memory (a transient error for Neo4j, but running it again fails again).
func isTooLarge(ne *neo4j.Neo4jError) bool {
	return strings.Contains(ne.Code, "MemoryPoolOutOfMemoryError") || strings.Contains(ne.Code, "TransactionMemoryLimit")
}

// isMissingIndex reports a query that needs an index the database does not
// have (the full-text index, after the database was recreated).
func isMissingIndex(ne *neo4j.Neo4jError) bool {
	return strings.Contains(ne.Msg, "no such fulltext schema index") || strings.Contains(ne.Msg, "There is no such index")
}

// mapError turns a driver error into a kg error with a message for the API
// client: Unavailable for everything that says the database cannot serve
// now, Internal for the rest (the cause is kept for the logs).
func (s *Store) mapError(ctx context.Context, err error) error {
	var ke *kg.Error
	if errors.As(err, &ke) {
		return err
	}
	if ctx.Err() != nil {
		return ctxErr(ctx)
	}
	if d := dialFailure(err); d != nil {
		return kg.WrapError(kg.Unavailable, err, "%s is unreachable: %s", s.where, shortCause(d))
	}
	if ne := neo4jError(err); ne != nil {
		switch {
		case ne.Code == "Neo.ClientError.Security.Unauthorized":
			return kg.WrapError(kg.Unavailable, err, "%s refused the credentials of user %q", s.where, s.cfg.User)
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Security."):
			return kg.WrapError(kg.Unavailable, err, "%s denied access: %s", s.where, ne.Msg)
		case ne.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return kg.WrapError(kg.Unavailable, err, "%s: the database does not exist", s.where)
		case isTooLarge(ne):
			return kg.WrapError(kg.Unavailable, err, "%s: the transaction needs more memory than the server allows (%s): write smaller batches or raise the server's transaction memory", s.where, ne.Code)
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Transaction.TransactionTimedOut"):
			return kg.WrapError(kg.Unavailable, err, "%s: the transaction timed out", s.where)
		case ne.IsRetriable():
			return kg.WrapError(kg.Unavailable, err, "%s is unavailable (%s), retry later", s.where, ne.Code)
		}
		return kg.WrapError(kg.Internal, err, "neo4j: query failed (%s)", ne.Code)
	}
	if errors.Is(err, errStaleSchema) {
		return kg.WrapError(kg.Unavailable, err, "%s: the database was recreated while writing, retry", s.where)
	}
	if isConnectionLost(err) {
		return kg.WrapError(kg.Unavailable, err, "%s: connection lost", s.where)
	}
	return kg.WrapError(kg.Internal, err, "neo4j: driver failure")
}

// shortCause is the readable end of a dial error ("connection refused").
func shortCause(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return msg
}

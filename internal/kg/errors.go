package kg

import (
	"errors"
	"fmt"
)

// Code classifies an error. The GraphQL layer translates codes once, at its
// boundary, into extensions.code; every other layer only creates or wraps.
type Code string

// Error codes. Their string values are part of the public API
// (extensions.code in GraphQL responses).
const (
	Invalid      Code = "invalid"      // the caller sent something wrong: bad id, argument, cursor, input
	NotFound     Code = "not_found"    // an explicitly requested thing does not exist
	Conflict     Code = "conflict"     // the request contradicts the current state
	Unauthorized Code = "unauthorized" // missing or wrong credentials
	Unavailable  Code = "unavailable"  // a dependency (database) is down or timed out; retrying may work
	Internal     Code = "internal"     // a bug or an unexpected failure; details are logged, not shown
)

// Error is the domain error value: a code, a message meant for the API
// client (it must not leak internals for Internal errors), and an optional
// wrapped cause for logs.
type Error struct {
	Code    Code
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		if e.Message == "" {
			return string(e.Code) + ": " + e.Err.Error()
		}
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error with a formatted client-facing message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WrapError builds an *Error with a message and a cause kept for logs.
func WrapError(code Code, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, Internal for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// ErrorMessage returns the client-facing message of err: the message of its
// *Error (for every code but Internal), or "internal error".
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal {
		if e.Message != "" {
			return e.Message
		}
		return string(e.Code)
	}
	return "internal error"
}

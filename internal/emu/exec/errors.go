package exec

import (
	"fmt"
	"net/http"
)

// Location is a line and column in the operation text, 1-based.
type Location struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Error is one entry of a response's errors array, in AniList's shape: a
// message, a numeric status (AniList's own field, not extensions), the
// locations of the failing field and, for input validation, a map from
// argument name to messages.
type Error struct {
	Message    string              `json:"message"`
	Status     int                 `json:"status"`
	Locations  []Location          `json:"locations,omitempty"`
	Validation map[string][]string `json:"validation,omitempty"`
}

// Error implements error.
func (e *Error) Error() string {
	return fmt.Sprintf("exec: %d %s", e.Status, e.Message)
}

// Errorf returns an *Error with the given status and formatted message.
func Errorf(status int, format string, args ...any) *Error {
	return &Error{Status: status, Message: fmt.Sprintf(format, args...)}
}

// NotFound is AniList's answer for a missing entity.
func NotFound() *Error { return &Error{Status: http.StatusNotFound, Message: "Not Found."} }

// Unauthorized is AniList's answer when a field needs a viewer and the
// request carries no token.
func Unauthorized() *Error {
	return &Error{Status: http.StatusUnauthorized, Message: "Unauthorized."}
}

// Validation is AniList's answer to mutation input that fails validation.
// It returns nil when v is empty, so callers can return it unconditionally.
func Validation(v map[string][]string) *Error {
	if len(v) == 0 {
		return nil
	}
	return &Error{Status: http.StatusBadRequest, Message: "validation", Validation: v}
}

// asError converts any error into an *Error, defaulting to status 500.
func asError(err error) *Error {
	if e, ok := err.(*Error); ok {
		return e
	}
	return &Error{Status: http.StatusInternalServerError, Message: err.Error()}
}

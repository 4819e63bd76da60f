package graph

import (
	"context"

	"github.com/maillage/maillage/internal/kg"
)

type authKey struct{}

// WithAuthenticated marks the request as coming from an authenticated
// caller (the HTTP layer's API-key middleware calls it once the key is
// checked). Mutations refuse requests without the mark.
func WithAuthenticated(ctx context.Context) context.Context {
	return context.WithValue(ctx, authKey{}, true)
}

// Authenticated reports whether WithAuthenticated marked ctx.
func Authenticated(ctx context.Context) bool {
	ok, _ := ctx.Value(authKey{}).(bool)
	return ok
}

// UnauthorizedMessage is the message of the error a mutation returns to an
// unauthenticated caller.
const UnauthorizedMessage = "mutations need an API key: send one as \"Authorization: Bearer <key>\"; the server accepts the keys listed in MAILLAGE_API_KEYS (mutations are refused when none is configured)"

func requireAuth(ctx context.Context) error {
	if !Authenticated(ctx) {
		return kg.Errorf(kg.Unauthorized, "%s", UnauthorizedMessage)
	}
	return nil
}

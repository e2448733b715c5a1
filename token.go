package orgledger

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"time"
)

// Role is what a token may do. Each role includes the ones before it.
type Role string

// The roles, from the least to the most trusted.
const (
	RoleViewer  Role = "viewer"  // reads the org up to today: nothing effective after today
	RolePlanner Role = "planner" // also reads future-dated changes, and makes plans
	RoleAdmin   Role = "admin"   // also writes to the ledger, applies plans and reads metrics
)

// Roles returns every role, least trusted first.
func Roles() []Role { return []Role{RoleViewer, RolePlanner, RoleAdmin} }

// ParseRole returns the role named s, or an EINVALID error.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles() {
		if string(r) == s {
			return r, nil
		}
	}
	return "", Errorf(EINVALID, "role %q: choose viewer, planner or admin", s)
}

// rank orders the roles; an unknown role ranks below every real one.
func (r Role) rank() int {
	for i, x := range Roles() {
		if x == r {
			return i + 1
		}
	}
	return 0
}

// Includes reports whether a token of role r may do what role need may do.
func (r Role) Includes(need Role) bool { return r.rank() > 0 && r.rank() >= need.rank() }

// SeesFuture reports whether r reads changes effective after today.
func (r Role) SeesFuture() bool { return r.Includes(RolePlanner) }

// Token is a named credential of the HTTP API. Its secret is shown once, when it is created;
// only its hash is kept. Names are never reused, because every event records the name of the
// token that wrote it.
type Token struct {
	Name     string    `json:"name"`
	Role     Role      `json:"role"`
	Hash     [32]byte  `json:"-"` // SHA-256 of the secret
	Created  time.Time `json:"created"`
	LastUsed time.Time `json:"last_used,omitzero"` // to the minute or so; zero when never used
	Revoked  time.Time `json:"revoked,omitzero"`   // zero while the token is valid
}

// Check refuses a token that no store may keep: a name that is not an id, or an unknown role.
func (t *Token) Check() error {
	if !ValidID(t.Name) {
		return Errorf(EINVALID, "token name %q: use letters, digits, '.', '_' and '-', at most 64, starting with a letter or digit", t.Name)
	}
	_, err := ParseRole(string(t.Role))
	return err
}

// Active reports whether the token may still be used.
func (t *Token) Active() bool { return t.Revoked.IsZero() }

// TokenPrefix starts every token secret, so that a leaked one is easy to recognize (secret
// scanners look for such prefixes) and easy to tell from other credentials.
const TokenPrefix = "olg_"

// tokenBytes is the entropy of a secret: 256 bits from crypto/rand.
const tokenBytes = 32

// NewTokenSecret returns a new random secret and its hash.
func NewTokenSecret() (secret string, hash [32]byte, err error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", hash, fmt.Errorf("token secret: %w", err)
	}
	secret = TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashToken(secret), nil
}

// HashToken returns the hash under which a secret is stored. A plain SHA-256 is enough here,
// unlike for passwords: a secret holds 256 random bits, so there is no dictionary to try and
// a slow, salted hash would only cost every request time without making a guess likelier.
func HashToken(secret string) [32]byte { return sha256.Sum256([]byte(secret)) }

// LooksLikeToken reports whether s has the shape of a secret NewTokenSecret makes, so that
// malformed credentials are turned away without a look-up.
func LooksLikeToken(s string) bool {
	return len(s) == len(TokenPrefix)+base64.RawURLEncoding.EncodedLen(tokenBytes) &&
		strings.HasPrefix(s, TokenPrefix)
}

// TokenStore keeps the API's tokens. Implementations: sqlite.TokenStore.
type TokenStore interface {
	// CreateToken stores t. A name that any token, revoked or not, already has is ECONFLICT; a
	// name that is not a valid id, or an unknown role, is EINVALID.
	CreateToken(ctx context.Context, t *Token) error

	// Tokens returns every token, revoked ones included, ordered by name.
	Tokens(ctx context.Context) ([]*Token, error)

	// RevokeToken marks the token revoked at the time given; a token already revoked keeps its
	// first revocation time. An unknown name is ENOTFOUND.
	RevokeToken(ctx context.Context, name string, at time.Time) error

	// TouchToken records that the token was used at the time given.
	TouchToken(ctx context.Context, name string, at time.Time) error
}

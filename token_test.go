package orgledger_test

import (
	"testing"

	"github.com/orgledger/orgledger"
)

// TestRoles checks that each role includes the ones before it, and only those.
func TestRoles(t *testing.T) {
	roles := orgledger.Roles()
	for i, have := range roles {
		for j, need := range roles {
			if got := have.Includes(need); got != (i >= j) {
				t.Errorf("%s includes %s: %v", have, need, got)
			}
		}
	}
	if orgledger.Role("root").Includes(orgledger.RoleViewer) || orgledger.Role("").Includes("") {
		t.Error("an unknown role includes something")
	}
	if orgledger.RoleViewer.SeesFuture() || !orgledger.RolePlanner.SeesFuture() {
		t.Error("only planners and admins see the future")
	}
	if _, err := orgledger.ParseRole("Admin"); orgledger.ErrorCode(err) != orgledger.EINVALID {
		t.Errorf("ParseRole(Admin): %v", err)
	}
}

// TestNewTokenSecret checks the shape, entropy and hash of new secrets.
func TestNewTokenSecret(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		secret, hash, err := orgledger.NewTokenSecret()
		if err != nil {
			t.Fatal(err)
		}
		if !orgledger.LooksLikeToken(secret) || len(secret) != 47 || seen[secret] {
			t.Fatalf("secret %q", secret)
		}
		if hash != orgledger.HashToken(secret) {
			t.Fatal("the hash is not the secret's")
		}
		seen[secret] = true
	}
}

package schema

import (
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
)

func TestKnown(t *testing.T) {
	embedded := []string{"migrations/001_a.sql", "migrations/002_b.sql"}
	for _, applied := range [][]string{nil, embedded[:1], embedded} {
		if err := Known(applied, embedded); err != nil {
			t.Errorf("%v: %v", applied, err)
		}
	}
	err := Known([]string{"migrations/001_a.sql", "migrations/003_c.sql"}, embedded)
	if orgledger.ErrorCode(err) != orgledger.EINVALID || !strings.Contains(orgledger.ErrorMessage(err), "newer orgledger") ||
		!strings.Contains(orgledger.ErrorMessage(err), "003_c.sql") {
		t.Errorf("a migration this release lacks: %v", err)
	}
}

package plans

import (
	"context"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// Preview calls fn with the plan and the org as it would be with it, for a caller who may see
// the plan, so that a reader can ask of the planned org what it asks of the ledger (the web
// UI draws its chart on the plan's date). pv is nil when the plan has no changes yet: the
// ledger alone answers then. pv holds the ledger's read lock and lives only inside fn. A plan
// the ledger would refuse returns the refusal, with the plan's change numbers, and fn is not
// called.
func (s *Service) Preview(ctx context.Context, c Caller, name string, fn func(p *orgledger.Plan, pv *ledger.Preview) error) error {
	return s.preview(ctx, c, name, func(p *orgledger.Plan, _ resolved, pv *ledger.Preview) error {
		return fn(p, pv)
	})
}

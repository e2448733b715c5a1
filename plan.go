package orgledger

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
)

// PlanStatus is where a plan is in its life.
type PlanStatus string

// The statuses of a plan.
const (
	PlanDraft PlanStatus = "draft"
	// PlanApplying is a plan whose changes an apply is recording: it claims the plan before it
	// writes to the ledger, so that nothing is added to it meanwhile (see plans.Service.Apply).
	PlanApplying PlanStatus = "applying"
	PlanApplied  PlanStatus = "applied"
	PlanDropped  PlanStatus = "dropped"
)

// Plan is a reorganization drafted in private: changes on top of the ledger with an effective
// date of their own, kept outside the ledger until an admin applies them. A plan is visible
// to its owner, to the token names it is shared with, and to admins; to anyone else it does
// not exist.
type Plan struct {
	Name      string     `json:"name"`
	Owner     string     `json:"owner"`
	Effective Date       `json:"effective"`
	Base      int64      `json:"base"`      // the ledger's last event when the plan was drafted
	BaseTime  time.Time  `json:"base_time"` // and its recorded time
	Status    PlanStatus `json:"status"`
	Shared    []string   `json:"shared_with"`
	Changes   []Change   `json:"-"` // the plan's changes, in order
	Created   time.Time  `json:"created"`
	Updated   time.Time  `json:"updated"`
	Commit    int64      `json:"commit,omitempty"` // the commit it was applied as
	// Waiting holds the indexes of the changes that wait on an event not yet recorded (a
	// when: {leaves: …}) after the plan was applied.
	Waiting []int `json:"waiting,omitempty"`
	// Releasing holds the claims of releases under way: waiting changes whose leaving is
	// recorded, taken off Waiting by a process to record them. One that process leaves when it
	// stops is settled from the ledger by the next release (plans.Service).
	Releasing []ReleaseClaim `json:"releasing,omitempty"`
	// Withdrawn holds the waiting changes an admin withdrew after the plan was applied: they
	// wait no more, and no leaving records them (plans.Service.Withdraw).
	Withdrawn []Withdrawal `json:"withdrawn,omitempty"`
	// Revision counts the plan's writes since it was made: a write is refused unless the
	// stored plan is still at the revision it was read at (PlanStore.UpdatePlan).
	Revision int64 `json:"-"`
}

// ReleaseClaim is a claim of waiting changes of an applied plan that a process is recording.
type ReleaseClaim struct {
	Changes []int     `json:"changes"` // indexes of the plan's changes, in order
	Since   time.Time `json:"since"`   // when they were claimed
	After   int64     `json:"after"`   // the ledger's last event then: their events come after it
}

// Withdrawal is a waiting change of an applied plan withdrawn: which, by whom and when.
type Withdrawal struct {
	Change int       `json:"change"` // the index of the plan's change
	By     string    `json:"by"`     // the name of the token (or the command line's user) that withdrew it
	At     time.Time `json:"at"`
}

// WithdrawalOf returns the withdrawal of change i of the plan, or nil when it was not withdrawn.
func (p *Plan) WithdrawalOf(i int) *Withdrawal {
	for k := range p.Withdrawn {
		if p.Withdrawn[k].Change == i {
			return &p.Withdrawn[k]
		}
	}
	return nil
}

// Released returns the indexes of the plan's changes that waited for a leaving and were
// recorded when it came: neither waiting, claimed nor withdrawn.
func (p *Plan) Released() []int {
	var out []int
	unreleased := p.Unreleased()
	for i, ch := range p.Changes {
		if ch.When != nil && !slices.Contains(unreleased, i) && p.WithdrawalOf(i) == nil {
			out = append(out, i)
		}
	}
	return out
}

// Same reports whether r is the claim c.
func (r ReleaseClaim) Same(c ReleaseClaim) bool {
	return r.Since.Equal(c.Since) && slices.Equal(r.Changes, c.Changes)
}

// HasUnreleased reports whether changes of the plan wait for a leaving, or are being released.
func (p *Plan) HasUnreleased() bool { return len(p.Waiting) > 0 || len(p.Releasing) > 0 }

// Unreleased returns the indexes of the plan's changes not yet recorded that wait for a
// leaving: those waiting, and those claimed by a release under way, in order.
func (p *Plan) Unreleased() []int {
	out := slices.Clone(p.Waiting)
	for _, r := range p.Releasing {
		out = append(out, r.Changes...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// PlanChanged is the error of a write of a plan that another write came before: a conflict,
// marked ErrPlanChanged, so that a write whose caller named no revision can read the plan
// again and retry.
func PlanChanged(p *Plan) error {
	return WithCause(Errorf(ECONFLICT, "plan %s was changed by another write after it was read; read it again and retry", p.Name), ErrPlanChanged)
}

// ErrPlanChanged marks the error of a plan's write refused because another write came first
// (PlanChanged): nothing was written.
var ErrPlanChanged = errors.New("the plan was written by another write after it was read")

// NoSuchPlan is the error of a write of a plan that is not stored.
func NoSuchPlan(p *Plan) error {
	return Errorf(ENOTFOUND, "no plan named %s", p.Name)
}

// VisibleTo reports whether the caller may see the plan: its owner, the names it is shared
// with, and admins; never a viewer, who reads nothing effective after today, even under a name
// the plan is shared with.
func (p *Plan) VisibleTo(name string, role Role) bool {
	if !role.SeesFuture() {
		return false
	}
	return role.Includes(RoleAdmin) || p.Owner == name || slices.Contains(p.Shared, name)
}

// ValidPlanName reports whether s may name a plan: an id.
func ValidPlanName(s string) bool { return ValidID(s) }

// Ref returns how a plan is named when its name alone is not enough: NAME@OWNER. A plan's
// name is its owner's, so that making one tells nothing of plans its maker may not see; two
// owners may each have a plan of one name, and a caller who sees both names one by its ref.
func (p *Plan) Ref() string { return p.Name + "@" + p.Owner }

// ParsePlanRef splits NAME or NAME@OWNER.
func ParsePlanRef(ref string) (name, owner string) {
	name, owner, _ = strings.Cut(ref, "@")
	return name, owner
}

// OnlyPlan returns the one plan of a read by name and owner, nil for none: what a PlanStore's
// PlanOwned answers from the rows it read.
func OnlyPlan(ps []*Plan, err error) (*Plan, error) {
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	return ps[0], nil
}

// PlanStore keeps plans, outside the ledger. Implementations: sqlite.PlanStore, and the
// PostgreSQL store.
type PlanStore interface {
	// CreatePlan stores a new plan, at its revision (0 for a plan just made; a copy keeps its
	// source's); ECONFLICT when its owner has a plan of that name already (of any status,
	// since events of an applied plan carry its name).
	CreatePlan(ctx context.Context, p *Plan) error
	// PlansNamed returns the plans of that name, of every owner, by owner.
	PlansNamed(ctx context.Context, name string) ([]*Plan, error)
	// PlanOwned returns the plan of that name and owner, nil when there is none: the one plan a
	// caller may see, read without decoding another's.
	PlanOwned(ctx context.Context, name, owner string) (*Plan, error)
	// Plans returns every plan, by name and owner.
	Plans(ctx context.Context) ([]*Plan, error)
	// PendingPlans returns, by name and owner, the plans being applied and the applied plans
	// with changes waiting for a leaving or claimed by a release under way (HasUnreleased):
	// those a leaving may release, and that a plan being applied is checked against. It reads
	// no other plan, and a store decodes none: a leaving or a plan's check in an org of many
	// drafted and applied plans pays for the few still pending.
	PendingPlans(ctx context.Context) ([]*Plan, error)
	// AppliedPlans returns, by name and owner, the plans being applied and the applied ones:
	// those a process that stopped may have left to settle. It reads no draft and no dropped
	// plan, and a store decodes none.
	AppliedPlans(ctx context.Context) ([]*Plan, error)
	// PlanHeads returns every plan, by name and owner, without its changes (Changes nil): who
	// may see which plan, for answers that name plans, without decoding any.
	PlanHeads(ctx context.Context) ([]*Plan, error)
	// UpdatePlan replaces the stored plan of p's owner and name if it is still at p.Revision, and
	// advances p.Revision; ECONFLICT when another write came first (from another process:
	// plans.Service orders its own), ENOTFOUND when there is no such plan.
	UpdatePlan(ctx context.Context, p *Plan) error
}

package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
)

// PlanStore is the orgledger.PlanStore on a SQLite database: the plans table of
// migrations/005_plans.sql.
type PlanStore struct {
	db *DB
}

var _ orgledger.PlanStore = (*PlanStore)(nil)

// NewPlanStore returns the plan store of db.
func NewPlanStore(db *DB) *PlanStore { return &PlanStore{db: db} }

// CreatePlan stores a new plan at its revision; ECONFLICT when its owner has a plan of that name.
func (s *PlanStore) CreatePlan(ctx context.Context, p *orgledger.Plan) error {
	row, err := planRow(p)
	if err != nil {
		return err
	}
	res, err := s.db.db.ExecContext(ctx, `INSERT INTO plans (name, owner, effective, base, base_recorded, status, shared_with, changes, waiting, commit_id, created, updated, releasing, withdrawn, revision)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (owner, name) DO NOTHING`, append(row, p.Revision)...)
	if err != nil {
		return s.db.actionable(fmt.Errorf("create plan %s: %w", p.Name, err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return orgledger.Errorf(orgledger.ECONFLICT, "%s has a plan named %s already", p.Owner, p.Name)
	}
	return nil
}

// UpdatePlan replaces the stored plan of p's owner and name if it is still at p.Revision.
func (s *PlanStore) UpdatePlan(ctx context.Context, p *orgledger.Plan) error {
	row, err := planRow(p)
	if err != nil {
		return err
	}
	res, err := s.db.db.ExecContext(ctx, `UPDATE plans SET effective = ?, base = ?, base_recorded = ?, status = ?,
		shared_with = ?, changes = ?, waiting = ?, commit_id = ?, created = ?, updated = ?, releasing = ?, withdrawn = ?, revision = revision + 1
		WHERE name = ? AND owner = ? AND revision = ?`, append(row[2:], row[0], row[1], p.Revision)...)
	if err != nil {
		return s.db.actionable(fmt.Errorf("update plan %s: %w", p.Name, err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return s.notUpdated(ctx, p)
	}
	p.Revision++
	return nil
}

// notUpdated says why no plan was updated: another write came first, or there is no such plan.
func (s *PlanStore) notUpdated(ctx context.Context, p *orgledger.Plan) error {
	var n int
	if err := s.db.db.QueryRowContext(ctx, `SELECT count(*) FROM plans WHERE name = ? AND owner = ?`, p.Name, p.Owner).Scan(&n); err != nil {
		return s.db.actionable(fmt.Errorf("update plan %s: %w", p.Name, err))
	}
	if n > 0 {
		return orgledger.PlanChanged(p)
	}
	return orgledger.NoSuchPlan(p)
}

// planRow returns the columns of a plan, name first.
func planRow(p *orgledger.Plan) ([]any, error) {
	c, err := changeset.EncodePlan(p)
	if err != nil {
		return nil, err
	}
	return []any{p.Name, p.Owner, p.Effective.String(), p.Base, p.BaseTime.UnixMicro(), string(p.Status),
		c.Shared, c.Changes, c.Waiting, p.Commit, p.Created.UnixMicro(), p.Updated.UnixMicro(), c.Releasing, c.Withdrawn}, nil
}

const selectPlans = `SELECT name, owner, effective, base, base_recorded, status, shared_with, changes, waiting, commit_id, created, updated, revision, releasing, withdrawn FROM plans`

// selectPlanHeads selects plans as selectPlans does, but for their changes, selected empty so that none is decoded.
const selectPlanHeads = `SELECT name, owner, effective, base, base_recorded, status, shared_with, '' AS changes, waiting, commit_id, created, updated, revision, releasing, withdrawn FROM plans`

// PlanHeads returns every plan without its changes, by name and owner.
func (s *PlanStore) PlanHeads(ctx context.Context) ([]*orgledger.Plan, error) {
	return s.query(ctx, selectPlanHeads+` ORDER BY name, owner`)
}

// PlansNamed returns the plans of that name, by owner.
func (s *PlanStore) PlansNamed(ctx context.Context, name string) ([]*orgledger.Plan, error) {
	return s.query(ctx, selectPlans+` WHERE name = ? ORDER BY owner`, name)
}

// PlanOwned returns the plan of that name and owner, nil when there is none.
func (s *PlanStore) PlanOwned(ctx context.Context, name, owner string) (*orgledger.Plan, error) {
	return orgledger.OnlyPlan(s.query(ctx, selectPlans+` WHERE name = ? AND owner = ?`, name, owner))
}

// Plans returns every plan, by name and owner.
func (s *PlanStore) Plans(ctx context.Context) ([]*orgledger.Plan, error) {
	return s.query(ctx, selectPlans+` ORDER BY name, owner`)
}

// PendingPlans returns the plans being applied, and the applied ones with changes waiting or
// claimed, by name and owner. An empty list is stored as [] or, written from a nil slice, null.
func (s *PlanStore) PendingPlans(ctx context.Context) ([]*orgledger.Plan, error) {
	return s.query(ctx, selectPlans+` WHERE status = 'applying'
		OR status = 'applied' AND (waiting NOT IN ('[]', 'null') OR releasing NOT IN ('[]', 'null'))
		ORDER BY name, owner`)
}

// AppliedPlans returns the plans being applied and the applied ones, by name and owner.
func (s *PlanStore) AppliedPlans(ctx context.Context) ([]*orgledger.Plan, error) {
	return s.query(ctx, selectPlans+` WHERE status IN ('applying', 'applied') ORDER BY name, owner`)
}

func (s *PlanStore) query(ctx context.Context, query string, args ...any) ([]*orgledger.Plan, error) {
	rows, err := s.db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read plans: %w", err)
	}
	defer rows.Close()
	var out []*orgledger.Plan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

type scanner interface{ Scan(...any) error }

func scanPlan(r scanner) (*orgledger.Plan, error) {
	var p orgledger.Plan
	var effective, status string
	var c changeset.PlanColumns
	var base, created, updated int64
	if err := r.Scan(&p.Name, &p.Owner, &effective, &p.Base, &base, &status, &c.Shared, &c.Changes, &c.Waiting, &p.Commit, &created, &updated, &p.Revision, &c.Releasing, &c.Withdrawn); err != nil {
		return nil, err
	}
	p.Status = orgledger.PlanStatus(status)
	p.BaseTime, p.Created, p.Updated = time.UnixMicro(base).UTC(), time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	if err := p.Effective.UnmarshalText([]byte(effective)); err != nil {
		return nil, fmt.Errorf("plan %s: %w", p.Name, err)
	}
	if err := changeset.DecodePlan(&p, c); err != nil {
		return nil, err
	}
	return &p, nil
}

package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
)

// PlanStore is the orgledger.PlanStore on PostgreSQL.
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
	tag, err := s.db.pool.Exec(ctx, `INSERT INTO plans (name, owner, effective, base, base_recorded, status, shared_with, changes, waiting, commit_id, created, updated, releasing, withdrawn, revision)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (owner, name) DO NOTHING`, append(row, p.Revision)...)
	if err != nil {
		return notWritable(fmt.Errorf("create plan %s: %w", p.Name, err))
	}
	if tag.RowsAffected() == 0 {
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
	tag, err := s.db.pool.Exec(ctx, `UPDATE plans SET effective = $3, base = $4, base_recorded = $5, status = $6,
		shared_with = $7, changes = $8, waiting = $9, commit_id = $10, created = $11, updated = $12, releasing = $13, withdrawn = $14, revision = revision + 1
		WHERE name = $1 AND owner = $2 AND revision = $15`, append(row, p.Revision)...)
	if err != nil {
		return notWritable(fmt.Errorf("update plan %s: %w", p.Name, err))
	}
	if tag.RowsAffected() == 0 {
		return s.notUpdated(ctx, p)
	}
	p.Revision++
	return nil
}

// notUpdated says why no plan was updated: another write came first, or there is no such plan.
func (s *PlanStore) notUpdated(ctx context.Context, p *orgledger.Plan) error {
	var n int
	if err := s.db.pool.QueryRow(ctx, `SELECT count(*) FROM plans WHERE name = $1 AND owner = $2`, p.Name, p.Owner).Scan(&n); err != nil {
		return fmt.Errorf("update plan %s: %w", p.Name, err)
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
	return []any{p.Name, p.Owner, p.Effective.Time(), p.Base, p.BaseTime, string(p.Status),
		c.Shared, c.Changes, c.Waiting, p.Commit, p.Created, p.Updated, c.Releasing, c.Withdrawn}, nil
}

const selectPlans = `SELECT name, owner, effective, base, base_recorded, status, shared_with, changes, waiting, commit_id, created, updated, revision, releasing, withdrawn FROM plans`

// selectPlanHeads selects plans as selectPlans does, but for their changes, selected empty so that none is decoded.
const selectPlanHeads = `SELECT name, owner, effective, base, base_recorded, status, shared_with, '' AS changes, waiting, commit_id, created, updated, revision, releasing, withdrawn FROM plans`

// PlanHeads returns every plan without its changes, by name and owner.
func (s *PlanStore) PlanHeads(ctx context.Context) ([]*orgledger.Plan, error) {
	return s.query(ctx, selectPlanHeads+` ORDER BY name COLLATE "C", owner COLLATE "C"`)
}

// PlansNamed returns the plans of that name, by owner.
func (s *PlanStore) PlansNamed(ctx context.Context, name string) ([]*orgledger.Plan, error) {
	return s.query(ctx, selectPlans+` WHERE name = $1 ORDER BY owner COLLATE "C"`, name)
}

// PlanOwned returns the plan of that name and owner, nil when there is none.
func (s *PlanStore) PlanOwned(ctx context.Context, name, owner string) (*orgledger.Plan, error) {
	return orgledger.OnlyPlan(s.query(ctx, selectPlans+` WHERE name = $1 AND owner = $2`, name, owner))
}

// Plans returns every plan, by name and owner.
func (s *PlanStore) Plans(ctx context.Context) ([]*orgledger.Plan, error) {
	return s.query(ctx, selectPlans+` ORDER BY name COLLATE "C", owner COLLATE "C"`)
}

// PendingPlans returns the plans being applied, and the applied ones with changes waiting or
// claimed, by name and owner. An empty list is stored as [] (or null, by a writer of a nil slice).
func (s *PlanStore) PendingPlans(ctx context.Context) ([]*orgledger.Plan, error) {
	return s.query(ctx, selectPlans+` WHERE status = 'applying'
		OR status = 'applied' AND (waiting NOT IN ('[]', 'null') OR releasing NOT IN ('[]', 'null'))
		ORDER BY name COLLATE "C", owner COLLATE "C"`)
}

// AppliedPlans returns the plans being applied and the applied ones, by name and owner.
func (s *PlanStore) AppliedPlans(ctx context.Context) ([]*orgledger.Plan, error) {
	return s.query(ctx, selectPlans+` WHERE status IN ('applying', 'applied') ORDER BY name COLLATE "C", owner COLLATE "C"`)
}

func (s *PlanStore) query(ctx context.Context, query string, args ...any) ([]*orgledger.Plan, error) {
	return againFor(ctx, s.db, func() ([]*orgledger.Plan, error) {
		rows, err := s.db.pool.Query(ctx, query, args...)
		if err != nil {
			return nil, fmt.Errorf("read plans: %w", err)
		}
		return pgx.CollectRows(rows, scanPlan)
	})
}

func scanPlan(row pgx.CollectableRow) (*orgledger.Plan, error) {
	var p orgledger.Plan
	var effective time.Time
	var status string
	var c changeset.PlanColumns
	if err := row.Scan(&p.Name, &p.Owner, &effective, &p.Base, &p.BaseTime, &status, &c.Shared, &c.Changes, &c.Waiting, &p.Commit, &p.Created, &p.Updated, &p.Revision, &c.Releasing, &c.Withdrawn); err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	p.Effective, p.Status = orgledger.DateOf(effective.UTC()), orgledger.PlanStatus(status)
	p.BaseTime, p.Created, p.Updated = p.BaseTime.UTC(), p.Created.UTC(), p.Updated.UTC()
	if err := changeset.DecodePlan(&p, c); err != nil {
		return nil, err
	}
	return &p, nil
}

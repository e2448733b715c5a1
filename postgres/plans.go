package postgres

import (
	"context"
	"encoding/json"
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

// CreatePlan stores a new plan; ECONFLICT when its owner has a plan of that name.
func (s *PlanStore) CreatePlan(ctx context.Context, p *orgledger.Plan) error {
	row, err := planRow(p)
	if err != nil {
		return err
	}
	tag, err := s.db.pool.Exec(ctx, `INSERT INTO plans (name, owner, effective, base, base_recorded, status, shared_with, changes, waiting, commit_id, created, updated, releasing, withdrawn)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (owner, name) DO NOTHING`, row...)
	if err != nil {
		return notWritable(fmt.Errorf("create plan %s: %w", p.Name, err))
	}
	if tag.RowsAffected() == 0 {
		return orgledger.Errorf(orgledger.ECONFLICT, "%s has a plan named %s already", p.Owner, p.Name)
	}
	p.Revision = 0
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
	changes, err := changeset.EncodeChanges(p.Effective, p.Changes)
	if err != nil {
		return nil, fmt.Errorf("plan %s: %w", p.Name, err)
	}
	shared, _ := json.Marshal(orEmpty(p.Shared))
	waiting, _ := json.Marshal(orEmpty(p.Waiting))
	releasing, _ := json.Marshal(orEmpty(p.Releasing))
	withdrawn, _ := json.Marshal(orEmpty(p.Withdrawn))
	return []any{p.Name, p.Owner, p.Effective.Time(), p.Base, p.BaseTime, string(p.Status),
		string(shared), changes, string(waiting), p.Commit, p.Created, p.Updated, string(releasing), string(withdrawn)}, nil
}

func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
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
	rows, err := s.db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read plans: %w", err)
	}
	return pgx.CollectRows(rows, scanPlan)
}

func scanPlan(row pgx.CollectableRow) (*orgledger.Plan, error) {
	var p orgledger.Plan
	var effective time.Time
	var status, shared, changes, waiting, releasing, withdrawn string
	if err := row.Scan(&p.Name, &p.Owner, &effective, &p.Base, &p.BaseTime, &status, &shared, &changes, &waiting, &p.Commit, &p.Created, &p.Updated, &p.Revision, &releasing, &withdrawn); err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	p.Effective, p.Status = orgledger.DateOf(effective.UTC()), orgledger.PlanStatus(status)
	p.BaseTime, p.Created, p.Updated = p.BaseTime.UTC(), p.Created.UTC(), p.Updated.UTC()
	if err := json.Unmarshal([]byte(shared), &p.Shared); err != nil {
		return nil, fmt.Errorf("plan %s: shared_with: %w", p.Name, err)
	}
	if err := json.Unmarshal([]byte(waiting), &p.Waiting); err != nil {
		return nil, fmt.Errorf("plan %s: waiting: %w", p.Name, err)
	}
	if len(p.Waiting) == 0 {
		p.Waiting = nil
	}
	if err := json.Unmarshal([]byte(releasing), &p.Releasing); err != nil {
		return nil, fmt.Errorf("plan %s: releasing: %w", p.Name, err)
	}
	if len(p.Releasing) == 0 {
		p.Releasing = nil
	}
	if err := json.Unmarshal([]byte(withdrawn), &p.Withdrawn); err != nil {
		return nil, fmt.Errorf("plan %s: withdrawn: %w", p.Name, err)
	}
	if len(p.Withdrawn) == 0 {
		p.Withdrawn = nil
	}
	var err error
	if changes == "" {
		return &p, nil // a head: selectPlanHeads
	}
	if p.Changes, err = changeset.DecodeChanges("plan "+p.Name, changes); err != nil {
		return nil, fmt.Errorf("plan %s: %w", p.Name, err)
	}
	return &p, nil
}

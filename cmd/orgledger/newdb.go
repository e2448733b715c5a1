package main

import (
	"context"
	"sync"
	"time"

	"github.com/orgledger/orgledger"
)

// newDB is a SQLite database that does not exist yet and is created by the first write into
// it: a ledger's first append or a plan's first save. The ledger and the plans service check a
// write before they make it, so a refused first command creates nothing, and an accepted one
// is checked once. Until then it reads as empty. Another process that creates the file first
// is no harm: the append then finds a head other than the one it checked against, and the
// ledger catches up and checks again, as with any write.
type newDB struct {
	path string

	mu sync.Mutex
	db *database // nil until the first write
}

// opened returns the database once it exists, nil before.
func (n *newDB) opened() *database {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.db
}

// create creates the database, once.
func (n *newDB) create(ctx context.Context) (*database, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.db == nil {
		db, err := openDatabase(ctx, n.path, true)
		if err != nil {
			return nil, err
		}
		n.db = db
	}
	return n.db, nil
}

// newDBStore is the ledger's store on a newDB.
type newDBStore struct{ n *newDB }

var (
	_ orgledger.Store        = newDBStore{}
	_ orgledger.Checkpointer = newDBStore{}
	_ orgledger.PlanStore    = newDBPlans{}
)

func (s newDBStore) Append(ctx context.Context, head int64, c *orgledger.Commit) error {
	db, err := s.n.create(ctx)
	if err != nil {
		return err
	}
	return db.store.Append(ctx, head, c)
}

func (s newDBStore) Commits(ctx context.Context, after int64, fn func(*orgledger.Commit) error) error {
	if db := s.n.opened(); db != nil {
		return db.store.Commits(ctx, after, fn)
	}
	return nil
}

func (s newDBStore) Events(ctx context.Context, after int64, fn func(*orgledger.Event) error) error {
	if db := s.n.opened(); db != nil {
		return db.store.Events(ctx, after, fn)
	}
	return nil
}

func (s newDBStore) EventsBySeq(ctx context.Context, seqs []int64) ([]orgledger.Event, error) {
	if db := s.n.opened(); db != nil {
		return db.store.EventsBySeq(ctx, seqs)
	}
	return nil, nil
}

func (s newDBStore) Head(ctx context.Context) (int64, time.Time, error) {
	if db := s.n.opened(); db != nil {
		return db.store.Head(ctx)
	}
	return 0, time.Time{}, nil
}

// Close closes the database, if it was created.
func (s newDBStore) Close() error {
	if db := s.n.opened(); db != nil {
		return db.close()
	}
	return nil
}

func (s newDBStore) SaveCheckpoint(ctx context.Context, seq int64, data []byte) error {
	db, err := s.n.create(ctx)
	if err != nil {
		return err
	}
	if cp, ok := db.store.(orgledger.Checkpointer); ok {
		return cp.SaveCheckpoint(ctx, seq, data)
	}
	return nil
}

func (s newDBStore) LoadCheckpoint(ctx context.Context) (int64, []byte, error) {
	if cp, ok := s.store().(orgledger.Checkpointer); ok {
		return cp.LoadCheckpoint(ctx)
	}
	return 0, nil, nil
}

// store returns the database's store once it exists, nil before.
func (s newDBStore) store() orgledger.Store {
	if db := s.n.opened(); db != nil {
		return db.store
	}
	return nil
}

// newDBPlans is the plans' store on a newDB.
type newDBPlans struct{ n *newDB }

func (p newDBPlans) CreatePlan(ctx context.Context, plan *orgledger.Plan) error {
	db, err := p.n.create(ctx)
	if err != nil {
		return err
	}
	return db.plans.CreatePlan(ctx, plan)
}

func (p newDBPlans) PlansNamed(ctx context.Context, name string) ([]*orgledger.Plan, error) {
	if db := p.n.opened(); db != nil {
		return db.plans.PlansNamed(ctx, name)
	}
	return nil, nil
}

func (p newDBPlans) PlanOwned(ctx context.Context, name, owner string) (*orgledger.Plan, error) {
	if db := p.n.opened(); db != nil {
		return db.plans.PlanOwned(ctx, name, owner)
	}
	return nil, nil
}

func (p newDBPlans) Plans(ctx context.Context) ([]*orgledger.Plan, error) {
	return p.list(ctx, orgledger.PlanStore.Plans)
}

func (p newDBPlans) PendingPlans(ctx context.Context) ([]*orgledger.Plan, error) {
	return p.list(ctx, orgledger.PlanStore.PendingPlans)
}

func (p newDBPlans) AppliedPlans(ctx context.Context) ([]*orgledger.Plan, error) {
	return p.list(ctx, orgledger.PlanStore.AppliedPlans)
}

func (p newDBPlans) PlanHeads(ctx context.Context) ([]*orgledger.Plan, error) {
	return p.list(ctx, orgledger.PlanStore.PlanHeads)
}

// list reads plans as read does from the database once it is made; none before.
func (p newDBPlans) list(ctx context.Context, read func(orgledger.PlanStore, context.Context) ([]*orgledger.Plan, error)) ([]*orgledger.Plan, error) {
	if db := p.n.opened(); db != nil {
		return read(db.plans, ctx)
	}
	return nil, nil
}

func (p newDBPlans) UpdatePlan(ctx context.Context, plan *orgledger.Plan) error {
	if db := p.n.opened(); db != nil {
		return db.plans.UpdatePlan(ctx, plan)
	}
	return orgledger.Errorf(orgledger.ENOTFOUND, "no plan named %s", plan.Name)
}

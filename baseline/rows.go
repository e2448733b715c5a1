package baseline

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/orgledger/orgledger"
)

// Forever is the valid_to of a version still current.
const Forever = orgledger.MaxDate // 9999-12-31

// Row is one version of a position: what it was from From (inclusive) to To (exclusive).
type Row struct {
	Position, ReportsTo, Holder, Title, Unit string
	From, To                                 orgledger.Date
}

// ErrUnsupported is returned for a ledger the table cannot represent.
var ErrUnsupported = errors.New("baseline: the ledger has backdated or retracted events")

// version is a position's current version, being built.
type version struct {
	Row
	holders []string
}

// builder turns events, in effective order, into rows.
type builder struct {
	open map[string]*version
	rows []Row
	day  orgledger.Date
}

// Rows returns the table of the store's ledger: every version of every position, in the order
// the versions ended (current ones last).
func Rows(ctx context.Context, store orgledger.Store) ([]Row, error) {
	b := &builder{open: make(map[string]*version)}
	err := store.Events(ctx, 0, func(e *orgledger.Event) error {
		if e.Effective < b.day || e.Op.Verb() == orgledger.VerbRetract {
			return fmt.Errorf("%w: event %d", ErrUnsupported, e.Seq)
		}
		b.day = e.Effective
		b.event(e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(b.open))
	for id := range b.open {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		b.end(id, Forever)
	}
	return b.rows, nil
}

// event applies one event to the open versions.
func (b *builder) event(e *orgledger.Event) {
	switch c := e.Op.(type) {
	case *orgledger.CreatePosition:
		b.open[c.ID] = &version{Row: Row{Position: c.ID, ReportsTo: c.ReportsTo, Title: c.Title, Unit: c.Unit, From: b.day}}
	case *orgledger.Retitle:
		b.change(c.Position, func(v *version) { v.Title = c.Title })
	case *orgledger.MovePosition:
		b.change(c.Position, func(v *version) { v.Unit = c.Unit })
	case *orgledger.Report:
		b.change(c.Position, func(v *version) { v.ReportsTo = c.To })
	case *orgledger.MergeUnits:
		for _, p := range e.Effects.Positions {
			b.change(p, func(v *version) { v.Unit = c.Into })
		}
	case *orgledger.ClosePosition:
		b.end(c.Position, b.day)
		delete(b.open, c.Position)
	case *orgledger.Assign:
		b.change(c.Position, func(v *version) {
			if c.Replace {
				v.holders = nil
			}
			v.holders = append(v.holders, c.Person)
		})
	case *orgledger.Unassign:
		b.change(c.Position, func(v *version) { v.holders = without(v.holders, c.Person) })
	case *orgledger.Leave:
		for _, p := range e.Effects.Vacated {
			b.change(p, func(v *version) { v.holders = without(v.holders, c.Person) })
		}
	}
}

// change ends the position's version and starts the next, as edit leaves it.
func (b *builder) change(id string, edit func(*version)) {
	v, ok := b.open[id]
	if !ok {
		return
	}
	b.end(id, b.day)
	edit(v)
	v.Holder = ""
	if len(v.holders) > 0 {
		v.Holder = slices.Min(v.holders)
	}
	v.From = b.day
}

// end writes the position's current version as a row ending on to; a version that ends the
// day it starts (a position created and filled the same day) was never seen, and is dropped.
func (b *builder) end(id string, to orgledger.Date) {
	v := b.open[id]
	if v.From < to {
		r := v.Row
		r.To = to
		b.rows = append(b.rows, r)
	}
}

func without(xs []string, x string) []string {
	return slices.DeleteFunc(xs, func(s string) bool { return s == x })
}

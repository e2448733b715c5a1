package ledger

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/orgledger/orgledger"
)

// alreadyApplied returns, for a changeset the ledger refused, a refusal that says plainly
// that the ledger holds its changes already, as one commit, when it does: a file applied a
// second time is refused for every change it makes again (a hire of someone hired, a recorded
// time the ledger is past), which hides the cause. It returns refused as it is otherwise, or
// when the store cannot be read.
func (l *Ledger) alreadyApplied(ctx context.Context, cs *orgledger.Changeset, refused error) error {
	want := changeKeys(cs)
	for _, id := range l.lookalikes(cs, want) {
		c, err := l.storedCommit(ctx, id)
		if err != nil {
			return refused
		}
		if slices.Equal(eventKeys(c.Events), want) {
			return orgledger.Refused(refusal(cs), []orgledger.Problem{{File: cs.File, Reason: fmt.Sprintf(
				"these changes are all in the ledger already, as commit %d (%s, recorded %s): the changeset was applied before",
				c.ID, eventNumbers(c.Events), c.Recorded.UTC().Format(time.RFC3339Nano))}})
		}
	}
	return refused
}

// eventNumbers names the events of a commit: "event 7", or "events 7–12".
func eventNumbers(events []orgledger.Event) string {
	first, last := events[0].Seq, events[len(events)-1].Seq
	if first == last {
		return fmt.Sprintf("event %d", first)
	}
	return fmt.Sprintf("events %d–%d", first, last)
}

// changeKeys returns the changes of cs as keys that eventKeys gives the events they make:
// verb, date, fields, source and note, sorted, since a commit takes them in effective order.
func changeKeys(cs *orgledger.Changeset) []string {
	keys := make([]string, len(cs.Changes))
	for i, ch := range cs.Changes {
		keys[i] = eventKey(&orgledger.Event{Op: ch.Op, Effective: cmpOr(ch.Effective, cs.Effective),
			Source: or(ch.Source, cs.Source), Note: or(ch.Note, cs.Note)})
	}
	slices.Sort(keys)
	return keys
}

func eventKeys(events []orgledger.Event) []string {
	keys := make([]string, len(events))
	for i := range events {
		keys[i] = eventKey(&events[i])
	}
	slices.Sort(keys)
	return keys
}

func eventKey(e *orgledger.Event) string {
	data, _, err := orgledger.EncodeEvent(e)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s %s %s\x00%s\x00%s", e.Op.Verb(), e.Effective, data, e.Source, e.Note)
}

func cmpOr(d, otherwise orgledger.Date) orgledger.Date {
	if d == 0 {
		return otherwise
	}
	return d
}

// lookalikes returns the commits, by id, that the index says may hold exactly the changes of
// cs: as many events, none retracted, of the same verbs on the same dates, recorded when cs
// says if it says. The store has the rest to compare.
func (l *Ledger) lookalikes(cs *orgledger.Changeset, want []string) []int64 {
	wantShape := make([]string, len(cs.Changes))
	for i, ch := range cs.Changes {
		wantShape[i] = fmt.Sprintf("%s %s", ch.Op.Verb(), cmpOr(ch.Effective, cs.Effective))
	}
	slices.Sort(wantShape)
	recorded := cs.Recorded.UTC().Truncate(time.Microsecond)
	l.mu.RLock()
	defer l.mu.RUnlock()
	s := &state{index: l.x}
	var out []int64
	for i, c := range l.x.commits {
		first, end := c.first, l.x.head()+1
		if i+1 < len(l.x.commits) {
			end = l.x.commits[i+1].first
		}
		if int(end-first) != len(want) || (!cs.Recorded.IsZero() && !c.recorded.Equal(recorded)) {
			continue
		}
		if shape, ok := commitShape(s, first, end); ok && slices.Equal(shape, wantShape) {
			out = append(out, c.id)
		}
	}
	return out
}

// commitShape returns the verbs and dates of the events first to end (not included), sorted;
// false when one of them is retracted: its changes are not all in the ledger then.
func commitShape(s *state, first, end uint32) ([]string, bool) {
	shape := make([]string, 0, end-first)
	for seq := first; seq < end; seq++ {
		m := s.ev(seq)
		if m.gone != 0 {
			return nil, false
		}
		shape = append(shape, fmt.Sprintf("%s %s", orgledger.Verbs[m.verb], orgledger.Date(m.day)))
	}
	slices.Sort(shape)
	return shape, true
}

// storedCommit reads commit id, with its events, from the store.
func (l *Ledger) storedCommit(ctx context.Context, id int64) (*orgledger.Commit, error) {
	var c *orgledger.Commit
	err := l.store.Commits(ctx, id-1, func(h *orgledger.Commit) error {
		c = h
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	if c == nil || c.ID != id {
		return nil, fmt.Errorf("commit %d is not in the store", id)
	}
	err = l.store.Events(ctx, c.First-1, func(e *orgledger.Event) error {
		if e.Commit != id {
			return errStop
		}
		c.Events = append(c.Events, *e)
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	return c, nil
}

package ledger

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
)

// alreadyApplied returns, for a changeset the ledger refused, a refusal that says plainly
// that the ledger holds its changes already, as one commit, when it does: a file applied a
// second time is refused for every change it makes again (a hire of someone hired, a recorded
// time the ledger is past), which hides the cause. It returns refused as it is otherwise, or
// when the store cannot be read. It looks at the last maxLookalikes commits up to event head
// (where the refusal was made) that the index says may be such a commit, newest first,
// reading each one's events from the store.
func (l *Ledger) alreadyApplied(ctx context.Context, cs *orgledger.Changeset, refused error, head uint32) error {
	var want []string
	for _, c := range l.lookalikes(cs, head) {
		events, err := l.store.EventsBySeq(ctx, seqRange(c.first, c.end))
		if err != nil || len(events) != int(c.end-c.first) {
			return refused
		}
		if want == nil {
			want = changeKeys(cs)
		}
		if slices.Equal(eventKeys(events), want) {
			return orgledger.Refused(refusal(cs), []orgledger.Problem{{File: cs.File, Reason: fmt.Sprintf(
				"these changes are all in the ledger already, as commit %d (%s, recorded %s): the changeset was applied before",
				c.id, eventNumbers(events), c.recorded.UTC().Format(time.RFC3339Nano))}})
		}
	}
	return refused
}

// maxLookalikes bounds the commits alreadyApplied reads from the store: a file applied again is
// most often one of the last few, and a refusal should not wait on a scan of the history (an
// integration that records one hire a request makes thousands of commits of the same shape).
const maxLookalikes = 8

// seqRange returns the numbers from first to end, end not included.
func seqRange(first, end uint32) []int64 {
	out := make([]int64, 0, end-first)
	for seq := first; seq < end; seq++ {
		out = append(out, int64(seq))
	}
	return out
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
		keys[i] = eventKey(&orgledger.Event{Op: ch.Op, Effective: cmp.Or(ch.Effective, cs.Effective),
			Source: cmp.Or(ch.Source, cs.Source), Note: cmp.Or(ch.Note, cs.Note)})
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

// lookalike is a commit that may hold exactly the changes of a changeset: its events are
// first to end, end not included.
type lookalike struct {
	id         int64
	first, end uint32
	recorded   time.Time
}

// lookalikes returns, newest first and at most maxLookalikes, the commits up to event head that
// the index says may hold exactly the changes of cs: as many events, none retracted, of the
// same verbs on the same dates, recorded when cs says if it says. The store has the rest to
// compare.
func (l *Ledger) lookalikes(cs *orgledger.Changeset, head uint32) []lookalike {
	want := make([]shapeKey, len(cs.Changes))
	for i, ch := range cs.Changes {
		want[i] = shapeKey{ch.Op.Verb(), cmp.Or(ch.Effective, cs.Effective)}
	}
	slices.SortFunc(want, compareShape)
	recorded := cs.Recorded.UTC().Truncate(time.Microsecond)
	l.mu.RLock()
	defer l.mu.RUnlock()
	s := &state{index: l.x}
	var out []lookalike
	shape := make([]shapeKey, 0, len(want))
	end := l.x.head() + 1
	for i := len(l.x.commits) - 1; i >= 0 && len(out) < maxLookalikes; i-- {
		c := l.x.commits[i]
		first := c.first
		n := end - first
		end = first
		if first+n > head+1 {
			continue // recorded after the refusal
		}
		if int(n) != len(want) || (!cs.Recorded.IsZero() && !c.recorded.Equal(recorded)) {
			continue
		}
		if ok := commitShape(s, first, first+n, &shape); ok && slices.Equal(shape, want) {
			out = append(out, lookalike{id: c.id, first: first, end: first + n, recorded: c.recorded})
		}
	}
	return out
}

// shapeKey is a change's or an event's verb and effective date.
type shapeKey struct {
	verb orgledger.Verb
	day  orgledger.Date
}

func compareShape(a, b shapeKey) int {
	return cmp.Or(strings.Compare(string(a.verb), string(b.verb)), cmp.Compare(a.day, b.day))
}

// commitShape puts in shape the verbs and dates of the events first to end (not included),
// sorted; false when one of them is retracted: its changes are not all in the ledger then.
func commitShape(s *state, first, end uint32, shape *[]shapeKey) bool {
	*shape = (*shape)[:0]
	for seq := first; seq < end; seq++ {
		m := s.ev(seq)
		if m.gone != 0 {
			return false
		}
		*shape = append(*shape, shapeKey{orgledger.Verbs[m.verb], orgledger.Date(m.day)})
	}
	slices.SortFunc(*shape, compareShape)
	return true
}

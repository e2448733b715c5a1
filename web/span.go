package web

import (
	"context"
	"sync"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// spanCache keeps the first and last effective dates of the ledger's events, which the date
// slider runs between. The ledger has no index of them, so they are read from its log, once,
// and then only from the events recorded since.
type spanCache struct {
	mu          sync.Mutex
	seq         int64 // the events read so far
	first, last orgledger.Date
}

// spanPage is how many events are read from the log at a time.
const spanPage = 20000

// get returns the span of the events up to the ledger's head.
func (s *spanCache) get(ctx context.Context, l *ledger.Ledger) (first, last orgledger.Date, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	head, _ := l.Head()
	for s.seq < head {
		lg, err := l.Log(ctx, ledger.LogOptions{After: s.seq, Limit: spanPage})
		if err != nil {
			return 0, 0, err
		}
		if len(lg.Events) == 0 {
			break
		}
		for _, e := range lg.Events {
			if s.first == 0 || e.Effective < s.first {
				s.first = e.Effective
			}
			s.last = max(s.last, e.Effective)
		}
		s.seq = lg.Events[len(lg.Events)-1].Event
	}
	return s.first, s.last, nil
}

// spanAnswer is the range of the date controls: from the first effective date to the last
// one the caller may see (and at least today).
type spanAnswer struct {
	First string `json:"first"`
	Last  string `json:"last"`
	Today string `json:"today"`
}

func (u *UI) spanOf(c *call) error {
	first, last, err := u.span.get(c.r.Context(), u.cfg.Ledger)
	if err != nil {
		return err
	}
	today := u.cfg.Ledger.Today()
	if first == 0 || first > today {
		first = today
	}
	last = max(last, today)
	if h := c.horizon(); h != 0 && last > h {
		last = h
	}
	return c.writeJSON(spanAnswer{First: first.String(), Last: last.String(), Today: today.String()})
}

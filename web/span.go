package web

import (
	"sync"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// spanCache keeps the first and last effective dates of the ledger's events, which the date
// slider runs between, and asks the ledger again only for the events recorded since.
type spanCache struct {
	mu          sync.Mutex
	seq         int64 // the events taken in so far
	first, last orgledger.Date
}

// get returns the span of the events up to the ledger's head.
func (s *spanCache) get(l *ledger.Ledger) (first, last orgledger.Date) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, la, head := l.EffectiveSpan(s.seq)
	if f != 0 && (s.first == 0 || f < s.first) {
		s.first = f
	}
	s.last, s.seq = max(s.last, la), head
	return s.first, s.last
}

// spanAnswer is the range of the date controls: from the first effective date to the last
// one the caller may see (and at least today).
type spanAnswer struct {
	First string `json:"first"`
	Last  string `json:"last"`
	Today string `json:"today"`
}

func (u *UI) spanOf(c *call) error {
	first, last := u.span.get(u.cfg.Ledger)
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

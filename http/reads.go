package http

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// timeParams place a question in time.
type timeParams struct {
	At      orgledger.Date `query:"at" doc:"the date to look at, YYYY-MM-DD; default today. A viewer's dates stop at today."`
	KnownAt knownAt        `query:"known_at" doc:"as known at this RFC 3339 time, or at the end of this date (UTC); default now"`
}

// knownAt is a known_at parameter: a time, or a date meaning the end of that day, UTC.
type knownAt struct{ time.Time }

func (k *knownAt) UnmarshalText(b []byte) error {
	t, err := orgledger.ParseKnownAt(string(b))
	k.Time = t
	return err
}

func (*knownAt) jsonSchema() *schema {
	return &schema{AnyOf: []*schema{{Type: "string", Format: "date-time"}, {Type: "string", Format: "date"}}}
}

type chartParams struct {
	timeParams
	Root  string `query:"root" doc:"a person, position or unit id: the chart below it; default the whole org"`
	Depth int    `query:"depth" default:"-1" minimum:"-1" doc:"levels below the root; -1 for all"`
}

func (s *Server) chart(c *call, p *chartParams) ([]orgledger.ChartNode, error) {
	return s.ledger.Chart(c.query(p.timeParams), ledger.ChartOptions{Root: p.Root, Depth: p.Depth})
}

type showParams struct {
	ID string `path:"id" doc:"the id of the person, position or unit"`
	timeParams
}

// show answers the show route of one kind: T is orgledger.PersonInfo, PositionInfo or
// UnitInfo. An id that does not exist then is not found, as show says it (with the id it
// likely misspells, among those the caller may see), without saying whether the id exists on
// another date; an id of another kind is not found either, and the answer says what it is.
func show[T any](kind string) func(c *call, p *showParams) (*T, error) {
	return func(c *call, p *showParams) (*T, error) {
		q := c.query(p.timeParams)
		info, err := c.s.ledger.Show(p.ID, q)
		if err != nil {
			return nil, err
		}
		if v, ok := info.(*T); ok {
			return v, nil
		}
		known := ""
		if !q.KnownAt.IsZero() {
			known = " as known at " + orgledger.FormatKnownAt(q.KnownAt)
		}
		return nil, orgledger.Errorf(orgledger.ENOTFOUND, "%s is a %s, not a %s, on %s%s", p.ID, kindOf(info), kind, q.At, known)
	}
}

// kindOf names the kind of what show answers.
func kindOf(info any) string {
	switch info.(type) {
	case *orgledger.PersonInfo:
		return "person"
	case *orgledger.PositionInfo:
		return "position"
	}
	return "unit"
}

type historyParams struct {
	ID      string  `path:"id" doc:"the id of the person, position or unit"`
	KnownAt knownAt `query:"known_at" doc:"as known at this time or date: the events recorded by then; default now"`
}

// history answers every event touching the id and, for a caller who may see them, the
// changes of plans that wait for someone's leaving and name it: now, not as known at a time
// asked about, so only for a history as known now.
func (s *Server) history(c *call, p *historyParams) (*orgledger.History, error) {
	h, err := s.ledger.History(c.ctx(), p.ID, ledger.HistoryOptions{Horizon: c.horizon(), KnownAt: p.KnownAt.Time})
	if err != nil {
		return nil, err
	}
	s.hidePlans(c, h.Events)
	if p.KnownAt.IsZero() {
		h.Waiting, err = s.plans.WaitingFor(c.ctx(), c.caller(), p.ID)
	}
	return h, err
}

type diffParams struct {
	From    orgledger.Date `query:"from" required:"true" doc:"the date to compare from, YYYY-MM-DD"`
	To      orgledger.Date `query:"to" required:"true" doc:"the date to compare to, YYYY-MM-DD"`
	KnownAt knownAt        `query:"known_at" doc:"both as known at this time or date; default now"`
}

func (s *Server) diff(c *call, p *diffParams) (*orgledger.Diff, error) {
	return s.ledger.Diff(c.date(p.From), c.date(p.To), p.KnownAt.Time, c.horizon())
}

type logParams struct {
	After   int64   `query:"after" default:"0" minimum:"0" doc:"only events after this event number"`
	Limit   int     `query:"limit" default:"1000" minimum:"1" maximum:"10000" doc:"at most this many events"`
	KnownAt knownAt `query:"known_at" doc:"as known at this time or date: the events recorded by then; default now"`
}

// LogPage is a page of the log: log's JSON, and the path of the next page when this one is
// full (the Link header's too).
type LogPage struct {
	orgledger.Log
	Next string `json:"next,omitempty" doc:"when the page holds as many events as its limit, the path of the next"`
}

func (s *Server) events(c *call, p *logParams) (*LogPage, error) {
	lg, err := s.ledger.Log(c.ctx(), ledger.LogOptions{After: p.After, Limit: p.Limit, Horizon: c.horizon(), KnownAt: p.KnownAt.Time})
	if err != nil {
		return nil, err
	}
	s.hidePlans(c, lg.Events)
	page := &LogPage{Log: *lg}
	if n := len(lg.Events); n == p.Limit {
		next := url.Values{"after": {strconv.FormatInt(lg.Events[n-1].Event, 10)}, "limit": {strconv.Itoa(p.Limit)}}
		if !p.KnownAt.IsZero() {
			next.Set("known_at", p.KnownAt.UTC().Format(time.RFC3339Nano))
		}
		page.Next = c.rt.path + "?" + next.Encode()
		c.w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next"`, page.Next))
	}
	return page, nil
}

// hidePlans blanks the plans of the events the caller may not see: those its tag was made of,
// when it has one that depends on them; when the plans cannot be read, every plan, and the
// answer goes out all the same, but not to be kept.
func (s *Server) hidePlans(c *call, events []orgledger.HistoryEvent) {
	if c.plans != nil {
		c.plans.Hide(events)
		return
	}
	if err := s.plans.HidePlans(c.ctx(), c.caller(), events); err != nil {
		s.log.Warn("plans unreadable: their names left out of the answer", "err", err)
		c.w.Header().Del("ETag")
		c.w.Header().Set("Cache-Control", "no-store")
	}
}

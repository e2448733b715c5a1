package web

import (
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orgledger/orgledger"
	orghttp "github.com/orgledger/orgledger/http"
)

// timeParams place a question in time, as the API's do: at a date (zero: today), as known at a
// time (zero: now).
type timeParams struct {
	at      orgledger.Date
	knownAt time.Time
}

// onceEach refuses a query that gives a parameter more than once, as the API does: which of the
// values was meant is not for the server to guess.
func onceEach(q url.Values) error {
	for _, name := range slices.Sorted(maps.Keys(q)) {
		if n := len(q[name]); n > 1 {
			return orghttp.BadRequest("query parameter %s is given %d times; give it once", name, n)
		}
	}
	return nil
}

// parseDate reads an optional date parameter.
func parseDate(q url.Values, name string) (orgledger.Date, error) {
	s := q.Get(name)
	if s == "" {
		return 0, nil
	}
	d, err := orgledger.ParseDate(s)
	if err != nil {
		return 0, orghttp.BadRequest("query parameter %s: %v", name, err)
	}
	return d, nil
}

// parseTime reads at and known_at; known_at is a time or a date (the end of that day, UTC).
func parseTime(q url.Values) (timeParams, error) {
	var t timeParams
	var err error
	if t.at, err = parseDate(q, "at"); err != nil {
		return t, err
	}
	if s := q.Get("known_at"); s != "" {
		if t.knownAt, err = orgledger.ParseKnownAt(s); err != nil {
			return t, orghttp.BadRequest("query parameter known_at: %v", err)
		}
	}
	return t, nil
}

// viewParams choose what of a chart is shown: the levels open from the roots (-1 for all, and
// absent for the default, which depends on the chart's size), and the positions whose
// subtrees are toggled from that default.
type viewParams struct {
	depth  int
	given  bool // depth was given
	toggle []string
}

// maxToggles bounds the positions a view may toggle, and so the length of a URL's work.
const maxToggles = 2000

func parseView(q url.Values) (viewParams, error) {
	v := viewParams{depth: -1}
	switch s := q.Get("depth"); s {
	case "":
	case "all":
		v.given = true
	default:
		n, err := strconv.Atoi(s)
		if err != nil || n < -1 || n > 10000 {
			return v, orghttp.BadRequest("query parameter depth: %q is not a number of levels (-1 to 10000) or all", s)
		}
		v.depth, v.given = n, true
	}
	if s := q.Get("toggle"); s != "" {
		v.toggle = strings.Split(s, ",")
		if len(v.toggle) > maxToggles {
			return v, orghttp.BadRequest("query parameter toggle names %d positions; at most %d", len(v.toggle), maxToggles)
		}
	}
	return v, nil
}

// dateString is d as YYYY-MM-DD, or "" for zero.
func dateString(d orgledger.Date) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

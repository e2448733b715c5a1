package orgledger

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date: the valid time of a change. It counts days since 0001-01-01, so that
// the zero Date means "no date" and dates compare with < and ==.
type Date int32

// epochOffset is the Date of 1970-01-01.
const epochOffset = 719162

// minYear is the first year of MinDate, maxYear the last of MaxDate.
const (
	minYear = 1000
	maxYear = 9999
)

// MinDate (1000-01-01, the first day of minYear) and MaxDate (9999-12-31) bound the dates
// orgledger accepts; HR exports use years outside this range only by mistake.
const (
	MinDate Date = 364877
	MaxDate Date = 3652058
)

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()
	return Date(u/86400 + epochOffset)
}

// ParseDate parses a YYYY-MM-DD date.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("date %s is not YYYY-MM-DD%s", quoteClipped(s), dateHint(s))
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("date %q is not a calendar date", s)
	}
	d := DateOf(t)
	if d < MinDate || d > MaxDate {
		return 0, fmt.Errorf("date %q is outside the years 1000 to 9999", s)
	}
	return d, nil
}

// dateHint says how to write a date given in another form: one with a time of day, one with
// "/" or "." between its parts, or without leading zeros, year first, is written again as
// YYYY-MM-DD; one with the year last is told to put it first (day and month cannot be told
// apart). "" for anything else.
func dateHint(s string) string {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return fmt.Sprintf(": a date has no time of day; write %s", t.Format(time.DateOnly))
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) != 3 {
		return ""
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return ""
		}
		n[i] = v
	}
	switch {
	case len(parts[0]) == 4 && n[1] >= 1 && n[1] <= 12 && n[2] >= 1 && n[2] <= 31:
		return fmt.Sprintf("; write %04d-%02d-%02d", n[0], n[1], n[2])
	case len(parts[2]) == 4:
		return ": write the year first, then the month and the day, such as 2022-04-12"
	}
	return ""
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time {
	return time.Unix(int64(d-epochOffset)*86400, 0).UTC()
}

// FormatKnownAt formats a known-at time for messages, in UTC: the end of a day (what known at
// a date means, its last microsecond) as "the end of 2022-02-05 UTC", since 23:59:59 would
// leave out the events of its last second; any other time with the fractions of a second it
// has.
func FormatKnownAt(t time.Time) string {
	t = t.UTC()
	if d := DateOf(t); t.Equal(d.EndOfDay()) {
		return "the end of " + d.String() + " UTC"
	}
	return t.Format(time.RFC3339Nano)
}

// EndOfDay returns the last microsecond of d, UTC: what "known at" a date means.
func (d Date) EndOfDay() time.Time {
	return d.Time().Add(24*time.Hour - time.Microsecond)
}

// AddDays returns the date n days after d.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// IsZero reports whether d is the zero Date, meaning no date.
func (d Date) IsZero() bool { return d == 0 }

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseKnownAt parses a "known at" value: an RFC 3339 time (whose "T" and "Z" may be written
// lower case, as RFC 3339 allows), or a date meaning the end of that day, UTC.
func ParseKnownAt(s string) (time.Time, error) {
	if len(s) == len(time.DateOnly) {
		d, err := ParseDate(s)
		if err != nil {
			return time.Time{}, err
		}
		return d.EndOfDay(), nil
	}
	t, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s))
	if pe := (*time.ParseError)(nil); errors.As(err, &pe) && strings.HasSuffix(pe.Message, " out of range") {
		// Written as RFC 3339, a field out of range: say which (a leap second's 60 among them).
		return time.Time{}, fmt.Errorf("time %q: %s", s, strings.TrimPrefix(pe.Message, ": "))
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q is neither RFC 3339 nor YYYY-MM-DD", s)
	}
	if err := CheckTimeText(s); err != nil {
		return time.Time{}, err
	}
	// As for dates; and the zero time, in year 1, stands for "now" in a query.
	if t.UTC().Year() < minYear {
		return time.Time{}, fmt.Errorf("time %q is before the year %d", s, minYear)
	}
	if t.UTC().Year() > maxYear { // in UTC, as it is kept and told
		return time.Time{}, fmt.Errorf("time %q is after the year %d (in UTC: %s)", s, maxYear, t.UTC().Format(time.RFC3339Nano))
	}
	return t.UTC(), nil
}

// CheckTimeText refuses a time that time.Parse read but RFC 3339 does not allow: a fraction of
// a second after a comma, and an offset of hours over 23 or minutes over 59 ("+24:00" would
// move the time a whole day, "+05:60" is +06:00 written wrong), which the parser takes.
func CheckTimeText(s string) error {
	if strings.Contains(s, ",") {
		return fmt.Errorf("time %q writes the fraction of a second after a comma; RFC 3339 writes a point: %s", s, strings.Replace(s, ",", ".", 1))
	}
	return checkOffset(s)
}

// checkOffset refuses an offset of hours over 23 or minutes over 59; any other ending is left
// to the parser.
func checkOffset(s string) error {
	if len(s) < 6 {
		return nil
	}
	off := s[len(s)-6:]
	if off[0] != '+' && off[0] != '-' || off[3] != ':' {
		return nil
	}
	h, herr := strconv.Atoi(off[1:3])
	m, merr := strconv.Atoi(off[4:])
	if herr == nil && merr == nil && (h > 23 || m > 59) {
		return fmt.Errorf("time %q has the offset %s; an offset runs from -23:59 to +23:59", s, off)
	}
	return nil
}

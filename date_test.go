package orgledger

import (
	"strings"
	"testing"
	"time"
)

func TestParseKnownAt(t *testing.T) {
	for in, want := range map[string]time.Time{
		"2022-04-13":                time.Date(2022, 4, 13, 23, 59, 59, 999999000, time.UTC),
		"2022-04-13T10:00:00+02:00": time.Date(2022, 4, 13, 8, 0, 0, 0, time.UTC),
		"1000-01-01T00:00:00Z":      time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC),
		"2022-04-13t10:00:00z":      time.Date(2022, 4, 13, 10, 0, 0, 0, time.UTC), // RFC 3339 5.6: "t" and "z" may be lower case
		"9999-12-31T23:00:00Z":      time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC),
		"1000-01-01T00:30:00-01:00": time.Date(1000, 1, 1, 1, 30, 0, 0, time.UTC),
	} {
		if got, err := ParseKnownAt(in); err != nil || !got.Equal(want) {
			t.Errorf("ParseKnownAt(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	// Year 1 would be the zero time, which a query reads as "now": refused, as dates are.
	// An offset of 24 hours or of 60 minutes, which time.Parse takes, is not RFC 3339's; nor is
	// a comma before the fraction of a second.
	for _, in := range []string{"0001-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "0999-12-31", "yesterday",
		"2022-04-13T10:00:00+24:00", "2022-04-13T10:00:00-24:00", "2022-04-13T10:00:00+05:60",
		"2022-04-13T10:00:00,5Z",      // a comma before the fraction, which time.Parse takes too (found by QA)
		"9999-12-31T23:00:00-02:00"} { // in the year 10000 in UTC, as it would be told (found by QA)
		if got, err := ParseKnownAt(in); err == nil {
			t.Errorf("ParseKnownAt(%q) = %v, want an error", in, got)
		}
	}
}

// TestParseKnownAtSaysWhatIsOutOfRange: a time written as RFC 3339 with a field out of range
// is refused naming the field, not as neither RFC 3339 nor a date (found by QA: a leap second's
// 60, which RFC 3339 writes, was told as not RFC 3339).
func TestParseKnownAtSaysWhatIsOutOfRange(t *testing.T) {
	for in, want := range map[string]string{
		"2024-05-01T23:59:60Z":     `time "2024-05-01T23:59:60Z": second out of range`,
		"2024-05-01T24:00:00Z":     `time "2024-05-01T24:00:00Z": hour out of range`,
		"2024-13-01T00:00:00Z":     `time "2024-13-01T00:00:00Z": month out of range`,
		"2024-02-30T00:00:00Z":     `time "2024-02-30T00:00:00Z": day out of range`,
		"yesterday":                `time "yesterday" is neither RFC 3339 nor YYYY-MM-DD`,
		"2024-05-01T10:00:00Zjunk": `time "2024-05-01T10:00:00Zjunk" is neither RFC 3339 nor YYYY-MM-DD`, // found by a review: "extra text: "JUNK"", upper-cased
	} {
		if _, err := ParseKnownAt(in); err == nil || err.Error() != want {
			t.Errorf("ParseKnownAt(%q): %v, want %s", in, err, want)
		}
	}
}

func TestFormatKnownAt(t *testing.T) {
	d, _ := ParseDate("2022-02-05")
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{d.EndOfDay(), "the end of 2022-02-05 UTC"}, // not 23:59:59Z, which is before its last second's events
		{d.EndOfDay().Add(-time.Microsecond), "2022-02-05T23:59:59.999998Z"},
		{time.Date(2022, 2, 5, 23, 59, 59, 700_000_000, time.UTC), "2022-02-05T23:59:59.7Z"},
		{time.Date(2022, 2, 5, 9, 0, 0, 0, time.FixedZone("", 3600)), "2022-02-05T08:00:00Z"},
	} {
		if got := FormatKnownAt(tc.t); got != tc.want {
			t.Errorf("FormatKnownAt(%v) = %s, want %s", tc.t, got, tc.want)
		}
	}
}

// TestParseDateHints: a date written in another form is refused with the form to write.
// (Found by an analyst's review.)
func TestParseDateHints(t *testing.T) {
	for in, want := range map[string]string{
		"2022-4-12":            "; write 2022-04-12",
		"2022/04/12":           "; write 2022-04-12",
		"2022.04.12":           "; write 2022-04-12",
		"12-04-2022":           "write the year first",
		"12/04/2022":           "write the year first",
		"2022-04-12T09:00:00Z": "a date has no time of day; write 2022-04-12",
		"April 12":             "is not YYYY-MM-DD",
	} {
		if _, err := ParseDate(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseDate(%q) = %v, want it to say %q", in, err, want)
		}
	}
}

// TestDateBounds holds the constant bounds to the days they name.
func TestDateBounds(t *testing.T) {
	if got := DateOf(time.Date(minYear, 1, 1, 0, 0, 0, 0, time.UTC)); got != MinDate {
		t.Errorf("MinDate is %d, the first day of %d %d", MinDate, minYear, got)
	}
	if got := DateOf(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)); got != MaxDate {
		t.Errorf("MaxDate is %d, 9999-12-31 %d", MaxDate, got)
	}
}

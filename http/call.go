package http

import (
	"bytes"
	"context"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/plans"
)

// call is one request to one route, as the steps that answer it see it.
type call struct {
	s      *Server
	w      http.ResponseWriter
	r      *http.Request
	rt     *route
	token  *orgledger.Token  // the caller's; nil on a route that needs none
	status int               // of success; 0 for the route's usual one
	plans  *plans.Visibility // the plans the caller may see, once read for the answer's tag
	placed bool              // it holds a place among the answers being worked out (answering.go)
}

func (c *call) ctx() context.Context { return c.r.Context() }

// statusOK is the status a successful answer has.
func (c *call) statusOK() int {
	switch {
	case c.status != 0:
		return c.status
	case len(c.rt.status) > 0:
		return c.rt.status[0]
	}
	return http.StatusOK
}

// seesFuture reports whether the caller may read changes effective after today.
func (c *call) seesFuture() bool { return c.token != nil && c.token.Role.SeesFuture() }

// horizon is the last date the caller may see: today for a viewer, no limit for the others.
// Every read passes it to the ledger, which hides what is effective after it.
func (c *call) horizon() orgledger.Date {
	if c.seesFuture() {
		return 0
	}
	return c.s.ledger.Today()
}

// date returns the date a question about d is answered for: today when d is zero, and never
// after the caller's horizon. An answer for the horizon in place of a later date asked says
// so in its Orgledger-Horizon header, which an answer otherwise lacks: a chart is a bare list,
// and a script must be able to tell that it is not of the date it asked.
func (c *call) date(d orgledger.Date) orgledger.Date {
	if d == 0 {
		d = c.s.ledger.Today()
	}
	if h := c.horizon(); h != 0 && d > h {
		d = h
		c.w.Header().Set(horizonHeader, h.String())
	}
	return d
}

// horizonHeader names the date an answer is for when the caller asked for a later one than
// they may see.
const horizonHeader = "Orgledger-Horizon"

// query returns the ledger query that the time parameters ask, within the caller's horizon.
func (c *call) query(t timeParams) ledger.Query {
	return ledger.Query{At: c.date(t.At), KnownAt: t.KnownAt.Time, Horizon: c.horizon()}
}

// checkBody checks the body's type and announced length before anything reads it, and bounds
// what may be read, so that a large body costs the server nothing but the refusal.
func (c *call) checkBody() error {
	b := c.rt.body
	if b == nil {
		return nil
	}
	if c.r.ContentLength > b.limit {
		return TooLarge(b.limit)
	}
	if ce := codings(c.r.Header.Values("Content-Encoding")); len(ce) > 0 {
		c.w.Header().Set("Accept-Encoding", "identity") // as RFC 9110 asks of a 415 for a coding
		return errorf(eUnsupportedType, "a body encoded as %q is not read here; send it as it is, without Content-Encoding", strings.Join(ce, ", "))
	}
	if ct := c.r.Header.Get("Content-Type"); ct != "" {
		if mt := c.mediaType(); !slices.Contains(b.types, mt) {
			return errorf(eUnsupportedType, "a body of type %q is not read here; send %s", ct, strings.Join(b.types, " or "))
		}
	}
	c.r.Body = http.MaxBytesReader(c.w, c.r.Body, b.limit)
	return nil
}

// mediaType returns the media type of the body as its Content-Type names it, "" where it
// names none or is malformed.
func (c *call) mediaType() string {
	mt, _, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return mt
}

// codings returns the content codings the Content-Encoding header values list, but for empty
// elements and identity, which are no coding (RFC 9110).
func codings(values []string) []string {
	var out []string
	for _, v := range values {
		for c := range strings.SplitSeq(v, ",") {
			if c = strings.TrimSpace(c); c != "" && !strings.EqualFold(c, "identity") {
				out = append(out, c)
			}
		}
	}
	return out
}

// readBody reads the whole body, within the route's limit.
func (c *call) readBody() ([]byte, error) {
	data, err := io.ReadAll(c.r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, TooLarge(c.rt.body.limit)
	} else if err != nil {
		return nil, errorf(eBadRequest, "the body could not be read: %v", err)
	}
	return data, c.s.stillAuthorized(c)
}

// BadRequest is the error of a malformed query parameter or header: 400, as the API answers
// one (the web UI's routes answer theirs so too).
func BadRequest(format string, args ...any) error { return errorf(eBadRequest, format, args...) }

// TooLarge is the error of a body over a route's limit of limit bytes: 413.
func TooLarge(limit int64) error {
	return errorf(eTooLarge, "the body is larger than the %d KiB this route reads", limit>>10)
}

// bodyError says why a JSON body did not decode into v: where it is not JSON, at which line
// and column; else naming the field whose value is wrong where one is: a value's own error (a
// date that is not one, say) does not say which field it was in, so each field is decoded
// again alone to find it.
func bodyError(data []byte, v any, err error) error {
	if notJSON := syntaxError(data); notJSON != nil {
		return notJSON
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok { // DisallowUnknownFields's error, which has no type
		if name, uerr := strconv.Unquote(name); uerr == nil {
			return orgledger.Refused("the body is not the JSON this route reads",
				[]orgledger.Problem{{Field: name, Reason: "is not a field this route reads"}})
		}
	}
	var fields map[string]json.RawMessage
	if t := reflect.TypeOf(v).Elem(); t.Kind() == reflect.Struct && json.Unmarshal(data, &fields) == nil {
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			raw, ok := fields[name]
			if !ok || name == "" {
				continue
			}
			if ferr := json.Unmarshal(raw, reflect.New(t.Field(i).Type).Interface()); ferr != nil {
				return orgledger.Refused("the body is not the JSON this route reads",
					[]orgledger.Problem{{Field: name, Reason: valueError(ferr)}})
			}
		}
	}
	return orgledger.Errorf(orgledger.EINVALID, "the body is not the JSON this route reads: %s", valueError(err))
}

// syntaxError returns the error of a body that is not JSON at all, with the line and column
// where it stops being JSON; nil for one that is.
func syntaxError(data []byte) error {
	line, col, why, bad := orgledger.JSONMistake(data)
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return orgledger.Errorf(orgledger.EINVALID, "the body is empty: this route reads a JSON object")
	case !bad:
		return nil
	case col == 0:
		return orgledger.Errorf(orgledger.EINVALID, "the body is not JSON: %s", why)
	}
	return orgledger.Errorf(orgledger.EINVALID, "the body is not JSON: at line %d, column %d: %s", line, col, why)
}

// valueError says what a JSON value of the wrong type is, and what was wanted, in the words of
// JSON rather than of Go's types.
func valueError(err error) string {
	var typ *json.UnmarshalTypeError
	if !errors.As(err, &typ) {
		return err.Error()
	}
	return fmt.Sprintf("wants %s, not %s", jsonKind(typ.Type), jsonValue(typ.Value))
}

// jsonValue names the JSON value encoding/json describes as "bool", "number -5", "array" and
// so on.
func jsonValue(described string) string {
	kind, _, _ := strings.Cut(described, " ")
	switch kind {
	case "bool":
		return "a boolean"
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "string", "number":
		return "a " + kind
	}
	return described
}

// jsonKind names the JSON value a Go type decodes from: a type that reads itself from text
// (a date) from a string.
func jsonKind(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem() // as encoding/json names a type that reads itself
	}
	switch {
	case t == reflect.TypeFor[orgledger.Date]():
		return "a date, a string YYYY-MM-DD"
	case reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]()):
		return "a string"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	}
	return "an object"
}

// decodeJSON reads a JSON body into v, refusing fields v does not have and anything after
// the value.
func (c *call) decodeJSON(v any) error {
	data, err := c.readBody()
	if err != nil {
		return err
	}
	// A byte order mark, which editors on Windows write and RFC 8259 lets a parser ignore, is
	// taken as a changeset's is (found by QA: "invalid character 'ï'").
	// Byte offsets told are of the body as sent, the mark counted.
	sent := len(data)
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	skipped := int64(sent - len(data))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bodyError(data, v, err)
	}
	end := dec.InputOffset() + skipped
	if _, err := dec.Token(); err != io.EOF {
		return orgledger.Errorf(orgledger.EINVALID, "the body goes on after its JSON value, which ends at byte %d", end)
	}
	if key, at := duplicateKey(data); key != "" {
		return orgledger.Refused("the body is not the JSON this route reads",
			[]orgledger.Problem{{Field: key, Reason: fmt.Sprintf("given twice in one object, again at byte %d: which is meant?", at+skipped)}})
	}
	if missing := missingFields(data, v); len(missing) > 0 {
		return orgledger.Refused("the body is not the JSON this route reads", missing)
	}
	return nil
}

// missingFields returns a problem for each field of the struct v points to that its schema
// requires (requiredFields) and that the JSON object in data, which decodes into v, lacks (its
// keys matched without regard to case, as encoding/json matches them).
func missingFields(data []byte, v any) []orgledger.Problem {
	t := reflect.TypeOf(v).Elem()
	var given map[string]json.RawMessage
	if t.Kind() != reflect.Struct || json.Unmarshal(data, &given) != nil {
		return nil
	}
	var missing []orgledger.Problem
	for _, name := range requiredFields(t) {
		if !hasKey(given, name) {
			missing = append(missing, orgledger.Problem{Field: name, Reason: "is required"})
		}
	}
	return missing
}

// hasKey reports whether object has the key name, in any case.
func hasKey(object map[string]json.RawMessage, name string) bool {
	for k := range object {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// duplicateKey returns the first key given twice in one object of a JSON value that decodes,
// and the byte after its second name; "" when there is none. encoding/json keeps the last
// value of such a key, where another reader of the same body may keep the first; and it
// matches a struct's fields without regard to case, so "name" and "Name" are one key twice
// (the bodies it reads are structs, without maps whose keys the case tells apart).
func duplicateKey(data []byte) (string, int64) {
	type container struct {
		keys    map[string]bool // nil in an array
		wantKey bool            // in an object, whether the next token is a key
	}
	var open []container // innermost last
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", 0
		}
		switch tok {
		case json.Delim('{'):
			open = append(open, container{keys: map[string]bool{}, wantKey: true})
			continue
		case json.Delim('['):
			open = append(open, container{})
			continue
		case json.Delim('}'), json.Delim(']'):
			open = open[:len(open)-1]
		}
		if len(open) == 0 || open[len(open)-1].keys == nil {
			continue
		}
		c := &open[len(open)-1]
		if key, ok := tok.(string); ok && c.wantKey {
			folded := strings.ToLower(strings.ToUpper(key)) // as strings.EqualFold compares: ſ is s, K is k
			if c.keys[folded] {
				return key, dec.InputOffset()
			}
			c.keys[folded], c.wantKey = true, false
			continue
		}
		c.wantKey = true // a value ended: a key comes next
	}
}

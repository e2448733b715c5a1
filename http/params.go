package http

import (
	"encoding"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// A route's parameters are the fields of one struct, tagged with where each comes from:
//
//	ID    string `path:"id" doc:"…"`
//	Depth int    `query:"depth" default:"-1" minimum:"-1" doc:"…"`
//
// The same paramSet decodes a request into the struct and writes the parameters into the
// OpenAPI document, so the document cannot say other than what the handler reads. Supported
// field types: string, bool, int, int64 and encoding.TextUnmarshaler; an embedded struct adds
// its fields.

// param is one parameter of a route.
type param struct {
	name     string
	in       string // "path" or "query"
	index    []int  // of the field in the struct
	typ      reflect.Type
	doc      string
	def      string // default, as the URL would give it
	required bool
	// bare is a boolean given without a value taken as true: ?dry_run alone asks for a dry
	// run, never the write it was written to avoid. Any other turned on so would be a guard
	// turned off by a script's unset variable (?allow_mass_leaving=$ALLOW).
	bare     bool
	min, max *int64
}

// paramSet is the parameters of a route.
type paramSet struct {
	params []param
	query  []string // names of the query parameters, sorted
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// newParamSet reads the parameters from the tags of struct type t.
func newParamSet(t reflect.Type) (*paramSet, error) {
	ps := &paramSet{}
	if err := ps.add(t, nil); err != nil {
		return nil, fmt.Errorf("parameters %s: %w", t, err)
	}
	slices.Sort(ps.query)
	return ps, nil
}

func (ps *paramSet) add(t reflect.Type, index []int) error {
	for i := range t.NumField() {
		f := t.Field(i)
		at := append(slices.Clone(index), i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			if err := ps.add(f.Type, at); err != nil {
				return err
			}
			continue
		}
		p, err := newParam(f, at)
		if err != nil {
			return err
		}
		ps.params = append(ps.params, p)
		if p.in == "query" {
			ps.query = append(ps.query, p.name)
		}
	}
	return nil
}

func newParam(f reflect.StructField, index []int) (param, error) {
	p := param{index: index, typ: f.Type, doc: f.Tag.Get("doc"), def: f.Tag.Get("default"),
		required: f.Tag.Get("required") == "true", bare: f.Tag.Get("bare") == "true"}
	if n, ok := f.Tag.Lookup("path"); ok {
		p.name, p.in, p.required = n, "path", true
	} else if n, ok := f.Tag.Lookup("query"); ok {
		p.name, p.in = n, "query"
	} else {
		return p, fmt.Errorf("field %s has neither a path nor a query tag", f.Name)
	}
	if !reflect.PointerTo(f.Type).Implements(textUnmarshaler) {
		switch f.Type.Kind() {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int64:
		case reflect.Slice: // a query parameter that may be given several times, each a string
			if f.Type.Elem().Kind() != reflect.String || p.in != "query" {
				return p, fmt.Errorf("field %s: type %s cannot be a parameter", f.Name, f.Type)
			}
		default:
			return p, fmt.Errorf("field %s: type %s cannot be a parameter", f.Name, f.Type)
		}
	}
	var err error
	if p.min, err = intTag(f, "minimum"); err != nil {
		return p, err
	}
	p.max, err = intTag(f, "maximum")
	return p, err
}

func intTag(f reflect.StructField, key string) (*int64, error) {
	s, ok := f.Tag.Lookup(key)
	if !ok {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("field %s: %s tag: %w", f.Name, key, err)
	}
	return &n, nil
}

// decode fills dst, a struct of the set's type, from the request. Any mistake, such as an
// unknown or repeated query parameter or a value of the wrong form, is a bad request.
func (ps *paramSet) decode(r *http.Request, dst reflect.Value) error {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return errorf(eBadRequest, "the query string is malformed: %v", err)
	}
	for _, name := range slices.Sorted(maps.Keys(q)) { // the first unknown one by name, the same at every ask
		if _, ok := slices.BinarySearch(ps.query, name); !ok {
			return errorf(eBadRequest, "unknown query parameter %q; %s", name, ps.takes())
		}
	}
	for i := range ps.params {
		if err := ps.params[i].decode(r, q, dst); err != nil {
			return err
		}
	}
	return nil
}

func (ps *paramSet) takes() string {
	if len(ps.query) == 0 {
		return "this route takes none"
	}
	return "this route takes " + strings.Join(ps.query, ", ")
}

func (p *param) decode(r *http.Request, q url.Values, dst reflect.Value) error {
	raw := r.PathValue(p.name)
	if p.typ.Kind() == reflect.Slice {
		dst.FieldByIndex(p.index).Set(reflect.ValueOf(slices.Clone(q[p.name])).Convert(p.typ))
		return nil
	}
	if p.in == "query" {
		vs := q[p.name]
		switch {
		case len(vs) > 1:
			return errorf(eBadRequest, "query parameter %s is given %d times; give it once", p.name, len(vs))
		case len(vs) == 1 && vs[0] == "" && p.bare:
			raw = "true"
		case len(vs) == 1 && vs[0] == "":
			// A script's unset variable (?at=$DAY) must not quietly ask for the default: today's
			// chart for a day's, or no guard where the default turns one off.
			return errorf(eBadRequest, "query parameter %s is given empty; give its value, or leave it out", p.name)
		case len(vs) == 1:
			raw = vs[0]
		}
	}
	if raw == "" && p.required {
		return errorf(eBadRequest, "%s parameter %s is required", p.in, p.name)
	} else if raw == "" && p.def == "" {
		return nil // left out: the default
	} else if raw == "" {
		raw = p.def
	}
	if err := p.set(dst.FieldByIndex(p.index), raw); err != nil {
		return errorf(eBadRequest, "%s parameter %s: %v", p.in, p.name, err)
	}
	return nil
}

// set parses raw into the field v.
func (p *param) set(v reflect.Value, raw string) error {
	if u, ok := v.Addr().Interface().(encoding.TextUnmarshaler); ok {
		return u.UnmarshalText([]byte(raw))
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(raw)
	case reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("%q is not true or false", raw)
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a whole number", raw)
		}
		if (p.min != nil && n < *p.min) || (p.max != nil && n > *p.max) {
			return fmt.Errorf("%d is out of range (%s)", n, p.bounds())
		}
		v.SetInt(n)
	}
	return nil
}

func (p *param) bounds() string {
	switch {
	case p.min != nil && p.max != nil:
		return fmt.Sprintf("%d to %d", *p.min, *p.max)
	case p.min != nil:
		return fmt.Sprintf("at least %d", *p.min)
	case p.max != nil:
		return fmt.Sprintf("at most %d", *p.max)
	}
	return "any"
}

package http

import (
	"reflect"
	"strings"
	"time"
	"unicode"

	"github.com/orgledger/orgledger"
)

// schema is a JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1), as far as orgledger's
// answers need one.
type schema struct {
	Ref                  string             `json:"$ref,omitempty"`
	Type                 any                `json:"type,omitempty"` // a name, or [name, "null"]
	Format               string             `json:"format,omitempty"`
	Description          string             `json:"description,omitempty"`
	Enum                 []string           `json:"enum,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`
	Default              any                `json:"default,omitempty"`
	Minimum              *int64             `json:"minimum,omitempty"`
	Maximum              *int64             `json:"maximum,omitempty"`
	Items                *schema            `json:"items,omitempty"`
	Properties           map[string]*schema `json:"properties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	AdditionalProperties any                `json:"additionalProperties,omitempty"` // *schema or false
	AnyOf                []*schema          `json:"anyOf,omitempty"`
	OneOf                []*schema          `json:"oneOf,omitempty"`
}

// schemas builds JSON Schemas from Go types the way encoding/json writes them: field names
// from json tags, a field without omitempty is always there (required), and a nil pointer,
// slice or map without omitempty is null. Named structs become components, referred to by $ref.
type schemas struct {
	defs  map[string]*schema
	names map[reflect.Type]string
}

func newSchemas() *schemas {
	return &schemas{defs: map[string]*schema{}, names: map[reflect.Type]string{}}
}

var (
	timeType = reflect.TypeFor[time.Time]()
	dateType = reflect.TypeFor[orgledger.Date]()
	verbType = reflect.TypeFor[orgledger.Verb]()
	roleType = reflect.TypeFor[orgledger.Role]()
)

// schemaProvider is a type of this package that describes itself.
type schemaProvider interface{ jsonSchema() *schema }

// of returns the schema of values of type t, never null at the top.
func (g *schemas) of(t reflect.Type) *schema {
	if p, ok := reflect.New(t).Interface().(schemaProvider); ok {
		return p.jsonSchema()
	}
	switch t {
	case timeType:
		return &schema{Type: "string", Format: "date-time"}
	case dateType:
		return &schema{Type: "string", Format: "date", Description: "YYYY-MM-DD"}
	case verbType:
		return &schema{Type: "string", Enum: verbNames()}
	case roleType:
		var roles []string
		for _, r := range orgledger.Roles() {
			roles = append(roles, string(r))
		}
		return &schema{Type: "string", Enum: roles}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.of(t.Elem())
	case reflect.Interface:
		return &schema{}
	case reflect.Bool:
		return &schema{Type: "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &schema{Type: "integer"}
	case reflect.Float32, reflect.Float64:
		return &schema{Type: "number"}
	case reflect.String:
		return &schema{Type: "string"}
	case reflect.Slice, reflect.Array:
		return &schema{Type: "array", Items: g.field(t.Elem(), false)}
	case reflect.Map:
		return &schema{Type: "object", AdditionalProperties: g.field(t.Elem(), false)}
	case reflect.Struct:
		return g.named(t)
	}
	return &schema{}
}

// field returns the schema of a struct field (or an element) of type t: null is allowed where
// encoding/json writes it, for nil pointers, slices and maps that are not left out.
func (g *schemas) field(t reflect.Type, omitted bool) *schema {
	s := g.of(t)
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		if !omitted {
			return nullable(s)
		}
	}
	return s
}

func nullable(s *schema) *schema {
	if name, ok := s.Type.(string); ok && s.Ref == "" {
		c := *s
		c.Type = []string{name, "null"}
		return &c
	}
	return &schema{AnyOf: []*schema{s, {Type: "null"}}}
}

// named returns a reference to the component of a named struct, building it the first time;
// an unnamed struct is described in place.
func (g *schemas) named(t reflect.Type) *schema {
	if t.Name() == "" {
		return g.object(t, "json")
	}
	name, ok := g.names[t]
	if !ok {
		name = g.nameFor(t)
		g.names[t] = name
		g.defs[name] = &schema{} // a placeholder, so that a recursive type refers to itself
		*g.defs[name] = *g.object(t, "json")
	}
	return &schema{Ref: "#/components/schemas/" + name}
}

// nameFor names a component after its type; a second type of the same name takes its
// package's name as a prefix.
func (g *schemas) nameFor(t reflect.Type) string {
	name := t.Name()
	if _, taken := g.defs[name]; taken {
		pkg := t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:]
		name = string(unicode.ToUpper(rune(pkg[0]))) + pkg[1:] + name
	}
	return name
}

// object describes a struct's fields, named by the tag given (json, or yaml for what the
// changeset decoder reads).
func (g *schemas) object(t reflect.Type, tag string) *schema {
	s := &schema{Type: "object", Properties: map[string]*schema{}}
	g.addFields(s, t, tag)
	return s
}

// requiredFields returns the names of the fields of struct type t that its schema requires of
// a JSON object, as addFields has them.
func requiredFields(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			names = append(names, requiredFields(f.Type)...)
		} else if name, omitted, ok := fieldName(f, "json"); ok && !omitted {
			names = append(names, name)
		}
	}
	return names
}

// fieldName returns the name field f goes by under tag (json, yaml), and whether it may be
// left out (omitempty, omitzero); ok is false for a field not encoded.
func fieldName(f reflect.StructField, tag string) (name string, omitted, ok bool) {
	name, opts, _ := strings.Cut(f.Tag.Get(tag), ",")
	if !f.IsExported() || name == "-" {
		return "", false, false
	}
	if name == "" {
		name = f.Name
	}
	return name, strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero"), true
}

func (g *schemas) addFields(s *schema, t reflect.Type, tag string) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			g.addFields(s, f.Type, tag)
			continue
		}
		name, omitted, ok := fieldName(f, tag)
		if !ok {
			continue
		}
		fs := g.field(f.Type, omitted)
		if tag == "yaml" {
			fs = g.of(f.Type) // the changeset decoder reads an optional field's null as its absence
			if omitted {
				fs = nullable(fs)
			}
		}
		if doc := f.Tag.Get("doc"); doc != "" {
			fs = withDescription(fs, doc)
		}
		s.Properties[name] = fs
		if !omitted {
			s.Required = append(s.Required, name)
		}
	}
}

// withDescription returns s described. In OpenAPI 3.1 a $ref may have siblings.
func withDescription(s *schema, doc string) *schema {
	c := *s
	c.Description = doc
	return &c
}

func verbNames() []string {
	out := make([]string, len(orgledger.Verbs))
	for i, v := range orgledger.Verbs {
		out[i] = string(v)
	}
	return out
}

package orgledger

import (
	"reflect"
	"strings"
)

// FieldOf returns the name of the field of a change that holds id, as a changeset file spells
// it ("person", "to", "units"), "" when none does: the field a problem with that id is in.
func FieldOf(op Op, id string) string {
	if fields := FieldsOf(op, id); len(fields) > 0 {
		return fields[0]
	}
	return ""
}

// FieldsOf returns the name of each field of op that holds id, in the order of the fields: an
// assign of zz to zz holds it in person and in position.
func FieldsOf(op Op, id string) []string {
	v := reflect.ValueOf(op)
	if id == "" || v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	v = v.Elem()
	var out []string
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
		if f := v.Field(i); holds(f, id) {
			out = append(out, name)
		}
	}
	return out
}

// holds reports whether a field's value is id, or a list holding it.
func holds(f reflect.Value, id string) bool {
	switch {
	case f.Kind() == reflect.String:
		return f.String() == id
	case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
		for j := range f.Len() {
			if f.Index(j).String() == id {
				return true
			}
		}
	}
	return false
}

// FieldLine returns the line of the change's field, its own line where the field's is not
// known.
func (c Change) FieldLine(field string) int {
	if line, ok := c.FieldLines[field]; ok {
		return line
	}
	return c.Line
}

// CreatedID returns the id a change creates, "" for one that creates none.
func CreatedID(op Op) string {
	switch c := op.(type) {
	case *Hire:
		return c.ID
	case *CreatePosition:
		return c.ID
	case *CreateUnit:
		return c.ID
	}
	return ""
}

// ReferencedIDs returns the ids a change refers to, besides the one it creates (CreatedID): for
// a change that cannot stand without them, say, or that clashes with another naming them.
func ReferencedIDs(op Op) []string {
	switch c := op.(type) {
	case *Leave:
		return []string{c.Person}
	case *UpdatePerson:
		return []string{c.Person}
	case *CreateUnit:
		return []string{c.Parent}
	case *RenameUnit:
		return []string{c.Unit}
	case *MoveUnit:
		return []string{c.Unit, c.Parent}
	case *MergeUnits:
		return append([]string{c.Into}, c.Units...)
	case *CloseUnit:
		return []string{c.Unit}
	case *SetHead:
		return []string{c.Unit, c.Position}
	case *CreatePosition:
		return []string{c.Unit, c.ReportsTo}
	case *Retitle:
		return []string{c.Position}
	case *MovePosition:
		return []string{c.Position, c.Unit}
	case *Report:
		return []string{c.Position, c.To}
	case *Dotted:
		return []string{c.Position, c.To}
	case *Undotted:
		return []string{c.Position, c.To}
	case *ClosePosition:
		return []string{c.Position}
	case *Assign:
		return []string{c.Person, c.Position}
	case *Unassign:
		return []string{c.Person, c.Position}
	}
	return nil // a hire names no one else; a retraction names an event
}

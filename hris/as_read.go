package hris

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// asRead returns a cell's text as the reader takes it: "\r\n" inside it as "\n" (what
// encoding/csv makes of a quoted one), no space at either end, in Unicode's composed form.
func asRead(v string) string {
	for i := 0; i < len(v); i++ {
		if v[i] >= utf8.RuneSelf || v[i] == '\r' {
			return norm.NFC.String(strings.TrimSpace(foldCRLF(v)))
		}
	}
	return strings.TrimSpace(v) // ASCII without a carriage return: composed already
}

// readOrg is an org whose text reads as the file's rows do once exported and read back
// (asRead): a name a changeset recorded with its accents as combining marks, a location with a
// "\r\n" in it or an attribute with a space at its end is the file's own, and importing the
// org's export records nothing. The planner compares the file with the org through it.
type readOrg struct{ org }

// asReadOrg returns o read so, once.
func asReadOrg(o org) org {
	if r, ok := o.(readOrg); ok {
		return r
	}
	return readOrg{o}
}

func (r readOrg) Employees(q ledger.Query) []orgledger.Employee {
	people, copied := r.org.Employees(q), false
	for i := range people {
		e := employeeAsRead(people[i])
		if e == people[i] {
			continue
		}
		if !copied { // the org may keep the slice it answered with
			people, copied = slices.Clone(people), true
		}
		people[i] = e
	}
	return people
}

func employeeAsRead(e orgledger.Employee) orgledger.Employee {
	e.Name, e.Title, e.Department = asRead(e.Name), asRead(e.Title), asRead(e.Department)
	e.Location, e.Email, e.StartDate = asRead(e.Location), asRead(e.Email), asRead(e.StartDate)
	return e
}

func (r readOrg) Units(q ledger.Query) []orgledger.UnitInfo {
	units, copied := r.org.Units(q), false
	for i := range units {
		name := asRead(units[i].Name)
		if name == units[i].Name {
			continue
		}
		if !copied {
			units, copied = slices.Clone(units), true
		}
		units[i].Name = name
	}
	return units
}

// Show answers as the org does, with the name of a unit, the title of a position and the name
// of a person as read.
func (r readOrg) Show(id string, q ledger.Query) (any, error) {
	v, err := r.org.Show(id, q)
	if err != nil {
		return v, err
	}
	switch info := v.(type) {
	case *orgledger.UnitInfo:
		read := *info
		read.Name = asRead(info.Name)
		return &read, err
	case *orgledger.PositionInfo:
		read := *info
		read.Title = asRead(info.Title)
		return &read, err
	case *orgledger.PersonInfo:
		read := *info
		read.Name, read.Email, read.Location = asRead(info.Name), asRead(info.Email), asRead(info.Location)
		return &read, err
	}
	return v, err
}

package changeset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/orgledger/orgledger"
)

// A store keeps a plan's changes as a JSON array, a change an object: its verb, its fields as
// an event's JSON has them, and what it says of its own (effective, source, note, when, and the
// ledger's last event when it was added to its plan, base). Every
// read of a plan decodes them, and a leaving, a release or an apply reads the applied plans:
// twenty thousand changes written as a changeset file took 0.8 s to decode (the YAML parser's
// tree of every scalar); as JSON they take a few hundredths of that. Releases before this one
// wrote the changeset file's text (Encode), which DecodeChanges still reads.

// storedChange is one change as a store keeps it.
type storedChange struct {
	Verb      orgledger.Verb  `json:"verb"`
	Op        json.RawMessage `json:"op"`
	Effective string          `json:"effective,omitempty"`
	Source    string          `json:"source,omitempty"`
	Note      string          `json:"note,omitempty"`
	When      *orgledger.When `json:"when,omitempty"`
	Base      int64           `json:"base,omitempty"`
}

// EncodeChanges writes changes as a store keeps a plan's; "" for no changes, which a plan just
// drafted has. Like Encode, it refuses strings that are not UTF-8, which JSON would replace.
func EncodeChanges(changes []orgledger.Change) (string, error) {
	if len(changes) == 0 {
		return "", nil
	}
	stored := make([]storedChange, len(changes))
	for i, c := range changes {
		s, err := storeChange(c)
		if err != nil {
			return "", fmt.Errorf("changeset: encode change %d: %w", i+1, err)
		}
		stored[i] = s
	}
	b, err := json.Marshal(stored)
	return string(b), err
}

// storeChange returns change c as a store keeps it.
func storeChange(c orgledger.Change) (storedChange, error) {
	if c.Op == nil || reflect.ValueOf(c.Op).IsNil() {
		return storedChange{}, errors.New("no op")
	}
	e := &encoder{}
	if _, err := e.fields(c.Op); err != nil {
		return storedChange{}, err
	}
	e.scalar(c.Source)
	e.scalar(c.Note)
	if c.When != nil {
		e.scalar(c.When.Leaves)
	}
	if e.err != nil {
		return storedChange{}, e.err
	}
	op, err := json.Marshal(c.Op)
	if err != nil {
		return storedChange{}, err
	}
	s := storedChange{Verb: c.Op.Verb(), Op: op, Source: c.Source, Note: c.Note, When: c.When, Base: c.Base}
	if !c.Effective.IsZero() {
		s.Effective = c.Effective.String()
	}
	return s, nil
}

// DecodeChanges reads what EncodeChanges wrote, or what releases before it wrote: the text of
// a changeset file. name says whose changes they are, in errors.
func DecodeChanges(name, text string) ([]orgledger.Change, error) {
	if text == "" {
		return nil, nil
	}
	if !strings.HasPrefix(text, "[") {
		cs, err := Decode(name, []byte(text))
		if err != nil {
			return nil, err
		}
		return cs.Changes, nil
	}
	var stored []storedChange
	if err := json.Unmarshal([]byte(text), &stored); err != nil {
		return nil, fmt.Errorf("%s: changes: %w", name, err)
	}
	changes := make([]orgledger.Change, len(stored))
	for i, s := range stored {
		c, err := s.change()
		if err != nil {
			return nil, fmt.Errorf("%s: change %d (%s): %w", name, i+1, s.Verb, err)
		}
		changes[i] = c
	}
	return changes, nil
}

// change returns the change s keeps. As Decode, it checks the form alone: the ledger checks
// the change, alone and against the org, when it is applied.
func (s storedChange) change() (orgledger.Change, error) {
	op := orgledger.NewOp(s.Verb)
	if op == nil {
		return orgledger.Change{}, errors.New("unknown verb")
	}
	d := json.NewDecoder(bytes.NewReader(s.Op))
	d.DisallowUnknownFields()
	if err := d.Decode(op); err != nil {
		return orgledger.Change{}, err
	}
	if s.When != nil && s.When.Leaves == "" {
		return orgledger.Change{}, errors.New("when: needs leaves")
	}
	c := orgledger.Change{Op: op, Source: s.Source, Note: s.Note, When: s.When, Base: s.Base}
	if s.Effective != "" {
		day, err := orgledger.ParseDate(s.Effective)
		if err != nil {
			return orgledger.Change{}, fmt.Errorf("effective: %w", err)
		}
		c.Effective = day
	}
	return c, nil
}

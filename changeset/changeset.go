package changeset

import (
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
	"github.com/orgledger/orgledger"
)

// topKeys are the keys of a changeset, in the order Encode writes them.
var topKeys = []string{"effective", "recorded", "source", "note", "changes"}

// changeKeys are the keys a change may have beside its verb.
var changeKeys = []string{"effective", "source", "note", "when"}

// changeset decodes the top-level mapping of a file.
func (d *decoder) changeset(body ast.Node) *orgledger.Changeset {
	top := at{}
	cs := &orgledger.Changeset{}
	line := lineOf(body, 1)
	v, ok := d.resolve(body, line, top, "")
	if !ok {
		return cs
	}
	ps, isMap := d.pairs(v, top, "")
	if !isMap {
		d.problem(line, top, "", "must be a mapping with the keys %s, not %s", list(topKeys), d.describe(v))
		return cs
	}
	var changes *pair
	cs.FieldLines = map[string]int{}
	for i, p := range ps {
		cs.FieldLines[p.key] = p.line
		switch p.key {
		case "effective":
			cs.Effective = d.date(p, top)
		case "recorded":
			cs.Recorded = d.recorded(p, top)
		case "source":
			cs.Source, _ = d.text(p, top)
			d.provenance(p, orgledger.CheckProvenance(cs.Source, ""))
		case "note":
			cs.Note, _ = d.text(p, top)
			d.provenance(p, orgledger.CheckProvenance("", cs.Note))
		case "changes":
			changes = &ps[i]
		default:
			d.problem(p.line, top, "", "unknown key %s%s; a changeset has the keys %s",
				quote(p.key), suggest(p.key, topKeys), list(topKeys))
		}
	}
	if changes == nil {
		d.problem(line, top, "changes", "is missing: a changeset needs a list of changes")
		return cs
	}
	cs.Changes = d.changes(*changes)
	if cs.Effective != 0 && onlyRetractions(cs.Changes) {
		d.problem(cs.FieldLines["effective"], top, "effective", "does not apply to retractions, the only changes here, which take their events back on every date from when they are recorded; leave it out, or, to undo from a date what an event did, record the opposite change effective then")
	}
	return cs
}

// onlyRetractions reports whether the changes are retractions, all of them, and at least one.
func onlyRetractions(changes []orgledger.Change) bool {
	for _, c := range changes {
		if c.Op == nil || c.Op.Verb() != orgledger.VerbRetract {
			return false
		}
	}
	return len(changes) > 0
}

// provenance tells the problem of the changeset's source or note at its line, as the problems
// of the other keys are told, so that one refusal lists them all.
func (d *decoder) provenance(p pair, pr *orgledger.Problem) {
	if pr != nil {
		d.problem(p.line, at{}, pr.Field, "%s", pr.Reason)
	}
}

// changes decodes the list of changes.
func (d *decoder) changes(p pair) []orgledger.Change {
	top := at{}
	v, ok := d.resolve(p.value, p.line, top, p.key)
	if !ok {
		return nil
	}
	seq, isSeq := v.(*ast.SequenceNode)
	if !isSeq {
		d.problem(lineOf(v, p.line), top, "changes", "must be a list of changes, not %s", d.describe(v))
		return nil
	}
	if len(seq.Values) == 0 {
		d.problem(lineOf(v, p.line), top, "changes", "is empty: list at least one change")
		return nil
	}
	out := make([]orgledger.Change, 0, len(seq.Values))
	for i, item := range seq.Values {
		out = append(out, d.change(item, i+1, entryLine(seq, i, p.line)))
	}
	return out
}

// entryLine returns the line of the i-th item of a list: the line of its "-" in a block list,
// the line where the item starts in a flow list.
func entryLine(seq *ast.SequenceNode, i, fallback int) int {
	if !seq.IsFlowStyle && i < len(seq.Entries) && seq.Entries[i] != nil {
		if tk := seq.Entries[i].Start; tk != nil && tk.Type == token.SequenceEntryType {
			return tokenLine(tk, fallback)
		}
	}
	if i < len(seq.Values) {
		return lineOf(seq.Values[i], lineOf(seq, fallback))
	}
	return fallback
}

// text decodes an optional string. present is false when the key's value is null.
func (d *decoder) text(p pair, a at) (s string, present bool) {
	v, ok := d.resolve(p.value, p.line, a, p.key)
	if !ok || isNull(v) {
		return "", false
	}
	s, ok = d.stringText(v)
	if !ok {
		d.problem(lineOf(v, p.line), a, p.key, "must be a string, not %s", d.describe(v))
		return "", false
	}
	return s, true
}

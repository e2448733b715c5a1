package changeset

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/orgledger/orgledger"
)

// change decodes the index-th change (1-based), whose list item starts at line.
func (d *decoder) change(item ast.Node, index, line int) orgledger.Change {
	c := orgledger.Change{Line: line}
	a := at{change: index}
	v, ok := d.resolve(item, line, a, "")
	if !ok {
		return c
	}
	ps, isMap := d.pairs(v, a, "")
	if !isMap {
		d.problem(line, a, "", "must be a mapping with one verb, such as \"- leave: {person: ID}\", not %s", d.describe(v))
		return c
	}
	c.FieldLines = map[string]int{}
	verb, ok := d.verb(ps, a, line)
	if ok {
		a.verb = orgledger.Verb(verb.key)
		c.Op = d.op(verb, a, c.FieldLines)
	}
	for _, p := range ps {
		if p.key == "when" || p.key == "source" || p.key == "note" { // problems of them are told at their lines
			c.FieldLines[p.key] = p.line
		}
		switch p.key {
		case "effective":
			c.Effective = d.date(p, a)
			if a.verb == orgledger.VerbRetract {
				d.problem(p.line, a, "effective", "does not apply to a retraction, which takes the event back on every date from when it is recorded; to undo from a date what the event did, record the opposite change effective then")
			}
		case "source":
			c.Source, _ = d.text(p, a)
		case "note":
			c.Note, _ = d.text(p, a)
		case "when":
			c.When = d.when(p, a, c.FieldLines)
		}
	}
	return c
}

// verb finds the one verb among the keys of a change and reports the keys that are neither a
// verb nor one of changeKeys.
func (d *decoder) verb(ps []pair, a at, line int) (pair, bool) {
	var verbs, unknown []pair
	for _, p := range ps {
		switch {
		case slices.Contains(changeKeys, p.key):
		case orgledger.NewOp(orgledger.Verb(p.key)) != nil:
			verbs = append(verbs, p)
		default:
			unknown = append(unknown, p)
		}
	}
	if len(verbs) == 0 {
		d.noVerb(unknown, a, line)
		return pair{}, false
	}
	a.verb = orgledger.Verb(verbs[0].key)
	for _, p := range verbs[1:] {
		d.problem(p.line, a, "", "has a second verb %s beside %s (line %d); write each change as its own list item",
			quote(p.key), quote(verbs[0].key), verbs[0].line)
	}
	flow := false
	if m, ok := verbs[0].value.(*ast.MappingNode); ok {
		flow = m.IsFlowStyle
	}
	for _, p := range unknown {
		d.problem(p.line, a, "", "%s", unknownChangeKey(p.key, verbs[0].key, flow))
	}
	return verbs[0], true
}

// noVerb reports a change without a verb. A key that is close to a verb is taken for a
// misspelling of it; otherwise the change is reported once, with the verbs it could have.
func (d *decoder) noVerb(unknown []pair, a at, line int) {
	verbs := verbNames()
	reported := false
	for _, p := range unknown {
		if hint := verbFor(p.key); hint != "" {
			d.problem(p.line, a, "", "unknown verb %s; %s", quote(p.key), hint)
			reported = true
		} else if hint := suggest(p.key, verbs); hint != "" {
			d.problem(p.line, a, "", "unknown verb %s%s", quote(p.key), hint)
			reported = true
		}
	}
	switch {
	case reported:
	case len(unknown) == 1:
		d.problem(unknown[0].line, a, "", "unknown verb %s; the verbs are %s", quote(unknown[0].key), list(verbs))
	case len(unknown) > 1:
		keys := make([]string, len(unknown))
		for i, p := range unknown {
			keys[i] = quote(p.key)
		}
		d.problem(line, a, "", "has no verb: none of %s is a verb; the verbs are %s", list(keys), list(verbs))
	default:
		d.problem(line, a, "", "has no verb; a change needs one of %s", list(verbs))
	}
}

// verbFor tells which verb says what a word people use for a change of an org means, "" for a
// word it does not know: spelled close to another verb ("resign" to "assign", "fire" to
// "hire"), such a word would otherwise be suggested its opposite.
func verbFor(word string) string {
	switch strings.ToLower(word) {
	case "resign", "retire", "fire", "quit", "depart", "terminate", "dismiss", "leaver":
		return "a person who leaves is written \"- leave: {person: ID}\""
	case "appoint", "promote", "nominate", "succeed":
		return "a person who takes a position is written \"- assign: {person: ID, position: ID}\" (with replace: true for a filled one)"
	case "join", "onboard", "start", "recruit", "add-person":
		return "a person who joins is written \"- hire: {id: ID, name: NAME}\""
	case "rename":
		return "a unit is renamed with rename-unit, a position with retitle"
	case "move":
		return "a position moves to another unit with move-position, a unit under another with move-unit, a solid line with report"
	case "close":
		return "a unit closes with close-unit, a position with close-position"
	case "create", "add", "open":
		return "a unit opens with create-unit, a position with create-position, a person joins with hire"
	case "undo", "delete", "remove", "revert", "cancel":
		return "a change recorded by mistake is taken back with \"- retract: {event: N, reason: WHY}\" (orgledger log gives N)"
	}
	return ""
}

// unknownChangeKey explains an unknown key beside a verb. A field of the verb written there
// was most likely meant to be among its fields: indented under it, or, where the verb's
// fields are written in braces (flow), inside them.
func unknownChangeKey(key, verb string, flow bool) string {
	fields := fieldNames(orgledger.NewOp(orgledger.Verb(verb)))
	switch {
	case slices.Contains(fields, key) && flow:
		return fmt.Sprintf("%s is a field of %s, not of the change: move it inside the braces, as in %s: {..., %s: ...}", quote(key), verb, verb, key)
	case slices.Contains(fields, key):
		return fmt.Sprintf("%s is a field of %s, not of the change: indent it under %s", quote(key), verb, verb)
	}
	return fmt.Sprintf("unknown key %s%s; beside its verb a change may have %s",
		quote(key), suggest(key, changeKeys), list(changeKeys))
}

// when decodes the condition a change in a plan waits for.
func (d *decoder) when(p pair, a at, lines map[string]int) *orgledger.When {
	v, ok := d.resolve(p.value, p.line, a, "when")
	if !ok || isNull(v) {
		return nil
	}
	ps, isMap := d.pairs(v, a, "when")
	if !isMap {
		d.problem(lineOf(v, p.line), a, "when", "must be a mapping {leaves: PERSON-ID}, not %s", d.describe(v))
		return nil
	}
	w := &orgledger.When{}
	found := false
	for _, q := range ps {
		if q.key != "leaves" {
			d.problem(q.line, a, "when", "unknown key %s; when has only leaves", quote(q.key))
			continue
		}
		before := len(d.problems)
		w.Leaves, found = d.text(q, a)
		found = found || len(d.problems) > before // told already: not a string
		lines["when.leaves"] = q.line
	}
	if !found {
		d.problem(p.line, a, "when", "needs leaves: PERSON-ID, the person whose leaving the change waits for")
	}
	return w
}

// date decodes a YYYY-MM-DD date; null means none.
func (d *decoder) date(p pair, a at) orgledger.Date {
	s, ok := d.text(p, a)
	if !ok {
		return 0
	}
	date, err := orgledger.ParseDate(s)
	if err != nil {
		d.problem(lineOf(p.value, p.line), a, p.key, "%v", err)
	}
	return date
}

// recordedLayouts are the forms of recorded: RFC 3339, and the YAML timestamp that separates
// the date from the time with a space. Both may write "T" and "Z" lower case, which recorded
// reads upper case.
var recordedLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 Z07:00",
}

// recorded decodes the time a changeset became known, in UTC; null means now.
func (d *decoder) recorded(p pair, a at) time.Time {
	s, ok := d.text(p, a)
	if !ok {
		return time.Time{}
	}
	line := lineOf(p.value, p.line)
	for _, layout := range recordedLayouts {
		t, err := time.Parse(layout, strings.ToUpper(s))
		if err != nil {
			continue
		}
		if t.Year() < 1000 {
			d.problem(line, a, p.key, "time %s is before the year 1000", quote(s))
		}
		if err := orgledger.CheckTimeText(s); err != nil {
			d.problem(line, a, p.key, "%v", err)
		}
		return t.UTC()
	}
	if _, err := orgledger.ParseDate(s); err == nil {
		d.problem(line, a, p.key, "%s is a date; recorded needs a time of day too, such as %sT09:00:00Z", quote(s), s)
	} else if _, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
		d.problem(line, a, p.key, "time %s has no time zone: add Z for UTC (%sZ) or an offset such as +08:00", quote(s), s)
	} else {
		d.problem(line, a, p.key, "time %s is not RFC 3339, such as 2022-04-13T09:00:00Z", quote(s))
	}
	return time.Time{}
}

// verbNames returns the verbs as strings, in the order of the documentation.
func verbNames() []string {
	names := make([]string, len(orgledger.Verbs))
	for i, v := range orgledger.Verbs {
		names[i] = string(v)
	}
	return names
}

// list joins names for a message: "a, b and c".
func list(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

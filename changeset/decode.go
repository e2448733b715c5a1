package changeset

import (
	"fmt"
	"sort"
	"strings"

	"github.com/orgledger/orgledger"
)

// MaxSize is the largest file Decode reads, in bytes: tens of thousands of changes. The parser
// needs a hundred times the size of its input in memory, and up to four hundred times for
// YAML dense with tokens (a flow list of one-letter items), so callers that take files from
// the network should set their own, smaller limit before reading the body.
const MaxSize = 8 << 20

// maxProblems bounds the problems one refusal lists: a broken file of many megabytes would
// otherwise produce an answer larger than itself, and nobody reads past the first screens.
const maxProblems = 1000

// Decode reads one changeset from data. file names it in error messages: a path, or a name
// such as "<stdin>". The Changeset it returns has File set to file and each Change has Line set
// to the line of its list item.
//
// A file that is not a well-formed changeset is refused with an *orgledger.Error of code
// orgledger.EINVALID whose Problems list every problem found, each with its line; the changes
// of such a file that were read without a problem are checked alone too (orgledger.Op.Check),
// so that the refusal lists theirs. A file that is read whole is not checked: the ledger
// checks its changes, alone and against the org they apply to.
func Decode(file string, data []byte) (*orgledger.Changeset, error) {
	return decode(&decoder{file: file}, data)
}

// DecodeJSON reads one changeset from data as Decode does, where data must be JSON, as a
// body sent as application/json says it is: text that is not JSON is refused at the line
// where it stops being JSON, and a string field given a number or a boolean is refused
// rather than read as its text (YAML's "title: 2024" is a title; JSON's 2024 is a number).
func DecodeJSON(file string, data []byte) (*orgledger.Changeset, error) {
	return decode(&decoder{file: file, json: true}, data)
}

func decode(d *decoder, data []byte) (*orgledger.Changeset, error) {
	file := d.file
	body := d.parse(data)
	var cs *orgledger.Changeset
	if body != nil {
		cs = d.changeset(body)
	}
	if d.internal != nil {
		return nil, d.internal
	}
	if len(d.problems) > 0 || cs == nil {
		d.checkTheRest(cs)
		return nil, d.refusal()
	}
	cs.File = file
	return cs, nil
}

// decoder collects the problems of one file as it walks the file's syntax tree.
type decoder struct {
	file     string
	json     bool // the file must be JSON (DecodeJSON)
	problems []orgledger.Problem
	dropped  int   // problems past maxProblems, counted but not kept
	internal error // a fault of this package rather than of the file
}

// at is where in the changeset a problem is: the change (1-based, 0 for the changeset itself)
// and its verb, when known.
type at struct {
	change int
	verb   orgledger.Verb
}

// problem records one reason to refuse the file.
func (d *decoder) problem(line int, a at, field, format string, args ...any) {
	if len(d.problems) >= maxProblems {
		d.dropped++
		return
	}
	d.problems = append(d.problems, orgledger.Problem{
		File:   d.file,
		Line:   line,
		Change: a.change,
		Verb:   string(a.verb),
		Field:  field,
		Reason: fmt.Sprintf(format, args...),
	})
}

// checkTheRest checks alone the changes of a refused file, as the ledger would
// (orgledger.Change.Check), so that one refusal lists the problems of all: a misspelt field of
// one change does not hide a missing field of another, nor a bad id its empty name. A field
// whose reading was refused already is not told of again.
func (d *decoder) checkTheRest(cs *orgledger.Changeset) {
	if cs == nil {
		return
	}
	told := map[int]map[string]bool{} // by change, the fields a problem was told of ("" for the change)
	for _, p := range d.problems {
		if told[p.Change] == nil {
			told[p.Change] = map[string]bool{}
		}
		field := p.Field
		if field == "leaves" { // the reading of when names its key alone
			field = "when.leaves"
		}
		told[p.Change][field] = true
	}
	for i := range cs.Changes {
		ch := &cs.Changes[i]
		if ch.Op == nil || told[i+1][""] {
			continue
		}
		for _, pr := range ch.Check() {
			if !toldOf(told[i+1], pr.Field) {
				d.problem(ch.FieldLine(pr.Field), at{change: i + 1, verb: ch.Op.Verb()}, pr.Field, "%s", pr.Reason)
			}
		}
	}
}

// toldOf reports whether a problem was told of the field, or of one it is part of or that is
// part of it ("when" and "when.leaves").
func toldOf(told map[string]bool, field string) bool {
	for t := range told {
		if t == field || strings.HasPrefix(field, t+".") || strings.HasPrefix(t, field+".") {
			return true
		}
	}
	return false
}

// refusal returns the error that refuses the file, its problems in the order of their lines.
func (d *decoder) refusal() error {
	ps := d.problems
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	if d.dropped > 0 {
		ps = append(ps, orgledger.Problem{File: d.file,
			Reason: fmt.Sprintf("%d more problems are not listed; fix these first", d.dropped)})
	}
	if len(ps) == 0 {
		// Unreachable when the decoder reports what it refuses; kept so that a refusal
		// always explains itself.
		ps = append(ps, orgledger.Problem{File: d.file, Reason: "is not a changeset"})
	}
	msg := "changeset refused; none of it was written"
	if d.file != "" {
		msg = d.file + ": " + msg
	}
	return orgledger.Refused(msg, ps)
}

package ledger_test

// Retractions that would break a later event, each as the smallest history that shows it: the
// property test found the ledger accepting them once, and these hold it to refusing them.

import (
	"context"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// laterEventCase is a history whose last changeset retracts an event, which makes a later
// event of the history invalid: the ledger should refuse the retraction.
type laterEventCase struct {
	name    string
	history []*orgledger.Changeset // accepted
	retract int64                  // the seq of the event to retract
	broken  string                 // the later event that the retraction breaks, and why
}

// changesetOn returns a changeset of ops effective on day.
func changesetOn(day string, ops ...orgledger.Op) *orgledger.Changeset {
	cs := &orgledger.Changeset{Effective: date(day)}
	for _, op := range ops {
		cs.Changes = append(cs.Changes, orgledger.Change{Op: op})
	}
	return cs
}

// retractionOrg: ann and bob; units u and v (w under v); boss in u, aide reporting to boss,
// x in u, y in v: events 1 to 9, on 2022-01-01.
func retractionOrg() *orgledger.Changeset {
	return changesetOn("2022-01-01",
		&orgledger.Hire{ID: "ann", Name: "Ann"}, &orgledger.Hire{ID: "bob", Name: "Bob"},
		&orgledger.CreateUnit{ID: "u", Name: "U"}, &orgledger.CreateUnit{ID: "v", Name: "V"},
		&orgledger.CreateUnit{ID: "w", Name: "W", Parent: "v"},
		&orgledger.CreatePosition{ID: "boss", Title: "Boss", Unit: "u"},
		&orgledger.CreatePosition{ID: "aide", Title: "Aide", Unit: "u", ReportsTo: "boss"},
		&orgledger.CreatePosition{ID: "x", Title: "X", Unit: "u"},
		&orgledger.CreatePosition{ID: "y", Title: "Y", Unit: "v"})
}

// The ledger checks a retraction against later events that name the same records as the
// retracted event, but not against those that a record the retraction brings back (a
// leaver's positions, a reopened position, an old unit, manager or parent) hangs from.
var retractionCases = []laterEventCase{
	{"leave, then the position is taken without replace", []*orgledger.Changeset{retractionOrg(),
		changesetOn("2022-01-02", &orgledger.Assign{Person: "ann", Position: "x"}), // 10
		changesetOn("2022-01-03", &orgledger.Leave{Person: "ann"}),                 // 11
		changesetOn("2022-01-04", &orgledger.Assign{Person: "bob", Position: "x"})},
		11, "bob takes x on 2022-01-04, when ann holds it again, without replace or share"},
	{"leave, then the position closes", []*orgledger.Changeset{retractionOrg(),
		changesetOn("2022-01-02", &orgledger.Assign{Person: "ann", Position: "x"}), // 10
		changesetOn("2022-01-03", &orgledger.Leave{Person: "ann"}),                 // 11
		changesetOn("2022-01-04", &orgledger.ClosePosition{Position: "x"})},
		11, "x closes on 2022-01-04 while ann holds it"},
	{"close-position, then its manager position closes", []*orgledger.Changeset{retractionOrg(),
		changesetOn("2022-01-02", &orgledger.ClosePosition{Position: "aide"}), // 10
		changesetOn("2022-01-03", &orgledger.ClosePosition{Position: "boss"})},
		10, "boss closes on 2022-01-03 while aide reports to it"},
	{"close-position, then its unit closes", []*orgledger.Changeset{retractionOrg(),
		changesetOn("2022-01-02", &orgledger.ClosePosition{Position: "y"}), // 10
		changesetOn("2022-01-03", &orgledger.CloseUnit{Unit: "w"}, &orgledger.CloseUnit{Unit: "v"})},
		10, "v closes on 2022-01-03 while y is open in it"},
	{"close-position, then its unit is merged", []*orgledger.Changeset{retractionOrg(),
		changesetOn("2022-01-02", &orgledger.ClosePosition{Position: "y"}), // 10
		changesetOn("2022-01-03", &orgledger.MergeUnits{Units: []string{"v"}, Into: "u"})},
		10, "the merge of v on 2022-01-03 leaves y behind in a closed unit"},
	{"move-position, then its old unit closes", []*orgledger.Changeset{retractionOrg(),
		changesetOn("2022-01-02", &orgledger.MovePosition{Position: "y", Unit: "u"}), // 10
		changesetOn("2022-01-03", &orgledger.CloseUnit{Unit: "w"}, &orgledger.CloseUnit{Unit: "v"})},
		10, "v closes on 2022-01-03 while y is open in it"},
	{"report, then the old manager position closes", []*orgledger.Changeset{retractionOrg(),
		changesetOn("2022-01-02", &orgledger.Report{Position: "aide", To: "x"}), // 10
		changesetOn("2022-01-03", &orgledger.ClosePosition{Position: "boss"})},
		10, "boss closes on 2022-01-03 while aide reports to it"},
	{"move-unit, then the old parent closes", []*orgledger.Changeset{retractionOrg(),
		changesetOn("2022-01-02", &orgledger.MoveUnit{Unit: "w", Parent: "u"}), // 10
		changesetOn("2022-01-03", &orgledger.ClosePosition{Position: "y"}, &orgledger.CloseUnit{Unit: "v"})},
		10, "v closes on 2022-01-03 while w is open under it"},
	{"close-unit, then its parent closes", []*orgledger.Changeset{retractionOrg(),
		changesetOn("2022-01-02", &orgledger.CloseUnit{Unit: "w"}), // 10
		changesetOn("2022-01-03", &orgledger.ClosePosition{Position: "y"}, &orgledger.CloseUnit{Unit: "v"})},
		10, "v closes on 2022-01-03 while w is open under it"},
}

// The model agrees with each case: the history is valid, and the retraction breaks it.
func TestModelRefusesRetractionCases(t *testing.T) {
	for _, c := range retractionCases {
		m := &model{}
		for i, cs := range c.history {
			v := m.try(cs)
			if v.why != "" {
				t.Fatalf("%s: changeset %d: %s", c.name, i+1, v.why)
			}
			m.commit(v.add, recordedBase)
		}
		cs := changesetOn("2022-03-01", &orgledger.Retract{Event: c.retract, Reason: "entered by mistake"})
		if v := m.try(cs); v.broken == nil {
			t.Errorf("%s: the model does not find a later event broken (%q)", c.name, v.why)
		}
	}
}

// TestRetractionBreaksLaterEvent checks that a retraction is checked against the later events
// on what the retracted event had changed: the state before it comes back.
func TestRetractionBreaksLaterEvent(t *testing.T) {
	for _, c := range retractionCases {
		t.Run(c.name, func(t *testing.T) {
			l, _ := mustOpen(t)
			for i, cs := range c.history {
				if _, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{}); err != nil {
					t.Fatalf("changeset %d: %v", i+1, err)
				}
			}
			cs := changesetOn("2022-03-01", &orgledger.Retract{Event: c.retract, Reason: "entered by mistake"})
			_, err := l.Apply(context.Background(), cs, ledger.ApplyOptions{})
			if orgledger.ErrorCode(err) != orgledger.EINVALID {
				t.Fatalf("retracting event %d was accepted (error %v), but then %s", c.retract, err, c.broken)
			}
		})
	}
}

// TestRetractedIDKeepsItsKind checks the rule doc.go states: an id whose creation was
// retracted may be created again, but only as the same kind of record, so that a question
// asked as known before the retraction still finds what the id was then.
func TestRetractedIDKeepsItsKind(t *testing.T) {
	l, _ := mustOpen(t)
	ctx := context.Background()
	if _, err := l.Apply(ctx, changesetOn("2022-01-01", &orgledger.CreateUnit{ID: "sales", Name: "Sales"}), ledger.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	cs := changesetOn("2022-01-02", &orgledger.Retract{Event: 1, Reason: "entered by mistake"},
		&orgledger.Hire{ID: "sales", Name: "Sales Person"})
	_, err := l.Apply(ctx, cs, ledger.ApplyOptions{})
	wantReason(t, orgledger.ErrorProblems(err), "id sales was a unit (since retracted); an id is never reused for another kind")
	cs = changesetOn("2022-01-02", &orgledger.Retract{Event: 1, Reason: "entered by mistake"},
		&orgledger.CreateUnit{ID: "sales", Name: "Sales and Marketing"})
	if _, err := l.Apply(ctx, cs, ledger.ApplyOptions{}); err != nil {
		t.Fatalf("the retracted unit's id cannot be created again as a unit: %v", err)
	}
}

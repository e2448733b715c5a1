package ledger_test

import (
	"context"
	"testing"

	"github.com/orgledger/orgledger"
	csfile "github.com/orgledger/orgledger/changeset"
	"github.com/orgledger/orgledger/ledger"
)

// FuzzApply checks that any changeset the decoder reads, however wrong against the org, is
// either applied or refused with every problem placed on a change or on the file, never a
// panic; and that a refused one leaves the ledger as it was.
func FuzzApply(f *testing.F) {
	for _, s := range []string{
		"effective: 2022-03-01\nchanges:\n  - assign: {person: nobody, position: cto}\n  - hire: {id: \"bad id\", name: X}\n  - close-unit: {unit: nounit}\n",
		"effective: 2022-03-01\nchanges:\n  - hire: {id: dan, name: \"\"}\n  - assign: {person: dan, position: cto, replace: true}\n  - report: {position: cto, to: ceo}\n",
		"effective: 2022-03-01\nchanges:\n  - report: {position: ceo, to: cto}\n  - report: {position: cto}\n  - retract: {event: 3, reason: x}\n",
		"changes:\n  - create-unit: {id: u, name: U}\n    effective: 2022-02-01\n  - create-position: {id: p, title: \"\", unit: u}\n  - merge-units: {units: [u, co], into: u}\n    effective: 2022-04-01\n",
		"effective: 2021-12-01\nchanges:\n  - leave: {person: ann}\n  - set-head: {unit: co, position: ceo}\n  - dotted: {position: cto, to: cto}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := csfile.Decode("f.yaml", data)
		if err != nil {
			return
		}
		l := base(t)
		head, _ := l.Head()
		_, err = l.Apply(context.Background(), cs, ledger.ApplyOptions{Actor: "fuzz"})
		if err == nil {
			return
		}
		if orgledger.ErrorCode(err) != orgledger.EINVALID {
			t.Fatalf("refused as %s: %v", orgledger.ErrorCode(err), err)
		}
		for _, p := range orgledger.ErrorProblems(err) {
			if p.File != "f.yaml" || p.Reason == "" || p.Change < 0 || p.Change > len(cs.Changes) {
				t.Errorf("a problem without its place: %+v", p)
			}
		}
		if after, _ := l.Head(); after != head {
			t.Errorf("a refused changeset moved the head from %d to %d", head, after)
		}
	})
}

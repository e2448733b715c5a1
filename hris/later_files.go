package hris

import (
	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// asExported turns files, what each imported date after at exports now, into what it should
// export once cs is recorded. They differ where a change recorded by hand since that date's
// export was imported set, before at, a value that holds through to the date, where the
// export had the value it had on at then: the file supersedes the hand change on at, and the
// later date goes back to what its export said, rather than being recorded again, in this
// export's name, with a value no export gave. Only such a value, the same on at and on the
// date when the date's export was imported, is given back: one the date's own events set (and
// that a retraction by hand took back since) stays as the ledger has it now, and so does one a
// change by hand dated after at set. Who is in the org on each date stays as it is now; only
// fields are given back.
func asExported(l *ledger.Ledger, cs *orgledger.Changeset, at orgledger.Date, later []orgledger.Date, files [][]orgledger.Employee) error {
	head, _ := l.Head()
	var was, now map[string]orgledger.Employee // the rows on at without cs and with it
	for i, d := range later {
		known := l.LastImportOf(d)
		if known == 0 || known == head {
			continue // nothing recorded since the date's export was imported
		}
		if was == nil {
			was = byID(l.Employees(ledger.Query{At: at}))
			err := l.Draft(cs, ledger.ApplyOptions{Import: at}, func(pv *ledger.Preview) error {
				now = byID(pv.Employees(ledger.Query{At: at}))
				return nil
			})
			if err != nil {
				return err
			}
		}
		said := byID(l.Employees(ledger.Query{At: d, KnownAfter: known}))
		saidOnAt := byID(l.Employees(ledger.Query{At: at, KnownAfter: known}))
		for j := range files[i] {
			e := &files[i][j]
			if exported, ok := said[e.ID]; ok {
				givenBack(e, rows{exported: exported, then: saidOnAt[e.ID], was: was[e.ID], now: now[e.ID]})
			}
		}
	}
	return nil
}

// rows are what a person's row on a later date is given back from: what its export said
// (exported), the row on at as known then (then), the row on at before this import (was) and
// with it (now).
type rows struct{ exported, then, was, now orgledger.Employee }

// givenBack sets each field of e (a later date's row as the ledger has it) to what that
// date's export said of it, where the value came through at unchanged (was), the export's
// came through at too (then) and a change by hand set the one on at since, and the import
// changes it there (now).
func givenBack(e *orgledger.Employee, r rows) {
	back := func(field func(*orgledger.Employee) *string) bool {
		v, said, then := field(e), *field(&r.exported), *field(&r.then)
		if *v != said && *field(&r.was) == *v && said == then && then != *v && *field(&r.now) != *v {
			*v = said
			return true
		}
		return false
	}
	back(func(x *orgledger.Employee) *string { return &x.Name })
	back(func(x *orgledger.Employee) *string { return &x.Title })
	back(func(x *orgledger.Employee) *string { return &x.ManagerID })
	back(func(x *orgledger.Employee) *string { return &x.Location })
	back(func(x *orgledger.Employee) *string { return &x.Email })
	back(func(x *orgledger.Employee) *string { return &x.StartDate })
	if back(func(x *orgledger.Employee) *string { return &x.Unit }) {
		e.Department = r.exported.Department
	} else {
		back(func(x *orgledger.Employee) *string { return &x.Department }) // the unit renamed
	}
}

// byID indexes people by id.
func byID(people []orgledger.Employee) map[string]orgledger.Employee {
	out := make(map[string]orgledger.Employee, len(people))
	for _, e := range people {
		out[e.ID] = e
	}
	return out
}

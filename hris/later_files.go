package hris

import (
	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// asExported turns files, what each imported date after at exports now, into what it should
// export once cs is recorded. They differ where a change recorded by hand since the last
// import set a value before at that held through to a later date, where that date's export
// had said otherwise, and cs changes the value on at: the file supersedes the hand change
// there, and the later date goes back to what its own export said (the ledger as the last
// import that set that date left it), rather than being recorded again, in this export's
// name, with a value no export gave. Who is in the org on each date stays as it is now; only
// fields are given back.
func asExported(l *ledger.Ledger, cs *orgledger.Changeset, at orgledger.Date, later []orgledger.Date, files [][]orgledger.Employee) error {
	head, _ := l.Head()
	var was, now map[string]orgledger.Employee // the rows on at without cs and with it
	for i, d := range later {
		last := l.LastImportedBy(d)
		if last == 0 || last == head {
			continue // nothing recorded since the import that set d: it exports its file
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
		said := byID(l.Employees(ledger.Query{At: d, KnownAfter: last}))
		for j := range files[i] {
			e := &files[i][j]
			if exported, ok := said[e.ID]; ok {
				givenBack(e, exported, was[e.ID], now[e.ID])
			}
		}
	}
	return nil
}

// givenBack sets each field of e (a later date's row as the ledger has it) to what that
// date's export said of it, where it differs and the value came through at unchanged (was,
// the row on at before the import) and the import changes it there (now).
func givenBack(e *orgledger.Employee, exported, was, now orgledger.Employee) {
	back := func(field func(*orgledger.Employee) *string) {
		v := field(e)
		if *v != *field(&exported) && *field(&was) == *v && *field(&now) != *v {
			*v = *field(&exported)
		}
	}
	back(func(r *orgledger.Employee) *string { return &r.Name })
	back(func(r *orgledger.Employee) *string { return &r.Title })
	back(func(r *orgledger.Employee) *string { return &r.ManagerID })
	back(func(r *orgledger.Employee) *string { return &r.Location })
	back(func(r *orgledger.Employee) *string { return &r.Email })
	back(func(r *orgledger.Employee) *string { return &r.StartDate })
	if e.Unit != exported.Unit && was.Unit == e.Unit && now.Unit != e.Unit {
		e.Department, e.Unit = exported.Department, exported.Unit
	} else if e.Department != exported.Department && was.Department == e.Department && now.Department != e.Department {
		e.Department = exported.Department // the unit renamed
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

package hris_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
)

// FuzzRead checks what the reader promises for any bytes: it never panics; a refusal is an
// *orgledger.Error whose problems each have a line, except the two about the whole file; and a
// file it accepts is an org (valid ids, names and titles, managers in the file, no cycle) that
// WriteCSV writes and Read reads back unchanged.
func FuzzRead(f *testing.F) {
	examples, err := filepath.Glob("../examples/hris/*.csv")
	if err != nil || len(examples) == 0 {
		f.Fatalf("no example files: %v", err)
	}
	for _, name := range examples {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"\ufeff" + strings.ReplaceAll(canonical, "\n", "\r\n"),
		strings.ReplaceAll(canonical, ",", ";"),
		strings.ReplaceAll(canonical, ",", "\t"),
		canonicalEmail,
		"Employee ID;First Name;Last Name;Job Title;Email;Reports To\nE1;Amara;Okafor;CEO;a@example.com;\nE2;Dan;\"Reyes;\nJr\";CTO;d@example.com;A@example.com\n",
		"employee_id,name,title,manager_id\nE1,\"Okafor, \"\"A\"\"\",CEO,\nE2,李飞飞,\"VP\nData\",E1\n,,,\n",
		// encoding/csv reads "\r\r\n" in quotes as "\r\n", which WriteCSV wrote back and
		// read as "\n": the reader folds it.
		"employee_id,name,title,manager_id\nE1,\"a\r\r\nb\",\"C\r\r\r\nEO\r\",\n",
		// Broken ones: a cycle, a bad quote, bad UTF-8, a short row, no header.
		"employee_id,name,title,manager_id\nE1,A,CEO,E2\nE2,B,CTO,E1\n",
		"employee_id,name,title,manager_id\nE1,\"A,CEO,\n",
		"employee_id,name,title,manager_id\nE1,Zo\xeb,CEO,\n",
		"employee_id,name,title,manager_id\nE1,A\n",
		utf16("employee_id,name,title,manager_id\nE1,A,CEO,\n", false), // no byte order mark
		"PK\x03\x04\x14\x00employee_id",                                // a workbook
		"employee_id,name,title,supervisor id,supervisor email,email\nE1,A,CEO,,,a@x.com\nE2,B,CTO,E9,a@x.com,b@x.com\n",
		"\ufeff\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := hris.Read(fileName, data, hris.Options{})
		if err != nil {
			checkRefusal(t, data, err)
			return
		}
		checkOrg(t, file.Rows)
		again, err := hris.Read(fileName, []byte(writeCSV(t, employeesOf(file.Rows))), hris.Options{})
		if err != nil {
			t.Fatalf("the export of an accepted file is refused: %v", err)
		}
		if got, want := employeesOf(again.Rows), employeesOf(file.Rows); !reflect.DeepEqual(got, want) {
			t.Fatalf("read back:\n%q\nwant:\n%q", got, want)
		}
	})
}

// checkRefusal checks that err is a refusal each of whose problems has a line, but for the two
// problems about the whole file, each allowed only when it is true.
func checkRefusal(t *testing.T, data []byte, err error) {
	t.Helper()
	var e *orgledger.Error
	if !errors.As(err, &e) || e.Code != orgledger.EINVALID || len(e.Problems) == 0 {
		t.Fatalf("Read error = %#v; want an EINVALID *orgledger.Error with problems", err)
	}
	for _, p := range e.Problems {
		switch {
		case p.File != fileName:
			t.Fatalf("problem %q names file %q", p.Reason, p.File)
		case p.Line > 0:
		case p.Reason == "the file has no header row":
			// csv skips blank lines, so only a file of line breaks (after a BOM) has no header.
			if strings.Trim(strings.TrimPrefix(string(data), "\ufeff"), "\r\n") != "" {
				t.Fatalf("%q: no header row, in a file with text", data)
			}
		case strings.HasPrefix(p.Reason, "the file is larger than"):
			if len(data) <= hris.MaxSize {
				t.Fatalf("a file of %d bytes is too large", len(data))
			}
		default:
			t.Fatalf("problem without a line: %q", p.Reason)
		}
	}
}

// checkOrg checks that accepted rows make an org: valid ids, names, titles (none only for
// someone who holds no position, with no manager or department either), departments and
// locations as the ledger checks them, each manager a row of the file that holds a position,
// and no cycle of managers.
func checkOrg(t *testing.T, rows []hris.Row) {
	t.Helper()
	byID := make(map[string]hris.Row, len(rows))
	for _, r := range rows {
		// Ids stop at 60 characters to leave room for the "pos-" of the person's position.
		if !orgledger.ValidID(r.ID) || len(r.ID) > 60 || r.Name == "" || r.Title == "" && (r.Manager != "" || r.Department != "") {
			t.Fatalf("accepted row %+v", r)
		}
		ops := []orgledger.Op{&orgledger.Hire{ID: r.ID, Name: r.Name, Email: r.Email, Location: r.Location}}
		if r.Title != "" {
			ops = append(ops, &orgledger.CreatePosition{ID: "pos-" + r.ID, Title: r.Title, Unit: "u"})
		}
		if r.Department != "" {
			ops = append(ops, &orgledger.CreateUnit{ID: "u", Name: r.Department})
		}
		for _, op := range ops {
			if p := op.Check(); p != nil {
				t.Fatalf("accepted row %+v, which the ledger refuses: %s", r, p)
			}
		}
		if _, dup := byID[r.ID]; dup {
			t.Fatalf("accepted id %s twice", r.ID)
		}
		byID[r.ID] = r
	}
	for _, r := range rows {
		steps := 0
		for m := r.Manager; m != ""; m = byID[m].Manager {
			if mr, ok := byID[m]; !ok || mr.Title == "" {
				t.Fatalf("row %s: manager %q is not a row of the file that holds a position", r.ID, m)
			}
			if steps++; steps > len(rows) {
				t.Fatalf("row %s: managers form a cycle", r.ID)
			}
		}
	}
}

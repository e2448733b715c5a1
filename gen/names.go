package gen

import "fmt"

// The words the generator names people, units and positions with. Names repeat, as they do in
// a real org of a million people; ids never do.

var firstNames = []string{
	"Aaliyah", "Aarav", "Abigail", "Adrian", "Aisha", "Alejandro", "Amara", "Amir", "Ana", "Andrei",
	"Anita", "Arjun", "Ava", "Benjamin", "Bianca", "Carlos", "Chen", "Chloe", "Daniel", "Deepa",
	"Diego", "Dmitri", "Elena", "Elijah", "Emma", "Fatima", "Felix", "Gabriel", "Grace", "Hana",
	"Hiro", "Ibrahim", "Isabella", "Ivan", "Jamal", "James", "Jia", "Jonas", "Julia", "Kenji",
	"Kwame", "Laila", "Leo", "Li", "Lucas", "Maria", "Mateo", "Mei", "Mohammed", "Nadia",
	"Noah", "Nora", "Olivia", "Omar", "Priya", "Rafael", "Ravi", "Sara", "Sofia", "Tomas",
	"Valentina", "Wei", "Yara", "Yusuf", "Zara", "Zoe",
}

var lastNames = []string{
	"Abe", "Adeyemi", "Ahmed", "Alvarez", "Anderson", "Bauer", "Brown", "Chen", "Cohen", "Costa",
	"Da Silva", "Diaz", "Dubois", "Fischer", "Garcia", "Gupta", "Haddad", "Hansen", "Hernandez", "Ito",
	"Ivanova", "Johnson", "Kim", "Kowalski", "Kumar", "Lee", "Li", "Lopez", "Martin", "Meyer",
	"Moreau", "Murphy", "Nakamura", "Nguyen", "Novak", "Okafor", "Olsen", "Patel", "Perez", "Petrov",
	"Popescu", "Rossi", "Santos", "Sato", "Schmidt", "Shah", "Silva", "Singh", "Smith", "Suzuki",
	"Tan", "Taylor", "Wang", "Weber", "Williams", "Wong", "Yamamoto", "Yilmaz", "Zhang", "Zhou",
}

var locations = []string{
	"Amsterdam", "Atlanta", "Austin", "Bangalore", "Bentonville", "Berlin", "Chicago", "Dallas",
	"Dublin", "Hangzhou", "Johannesburg", "London", "Madrid", "Mexico City", "Mumbai", "New York",
	"Paris", "Phoenix", "São Paulo", "Seattle", "Shanghai", "Singapore", "Sydney", "Tokyo", "Toronto",
}

// function is a line of business: a division's, and every unit's below it.
type function struct {
	name    string // the division's name
	role    string // an individual contributor's title, before the grade
	manager string // a team manager's title
}

var functions = []function{
	{"Stores", "Store Associate", "Store Manager"},
	{"Engineering", "Software Engineer", "Engineering Manager"},
	{"Supply Chain", "Logistics Coordinator", "Logistics Manager"},
	{"Sales", "Account Executive", "Sales Manager"},
	{"Customer Service", "Customer Service Representative", "Customer Service Manager"},
	{"Operations", "Operations Analyst", "Operations Manager"},
	{"Merchandising", "Merchandise Planner", "Merchandising Manager"},
	{"Marketing", "Marketing Specialist", "Marketing Manager"},
	{"Finance", "Financial Analyst", "Finance Manager"},
	{"Product", "Product Manager", "Group Product Manager"},
	{"People", "HR Business Partner", "HR Manager"},
	{"Legal", "Counsel", "Legal Manager"},
}

// areas name departments and the groups and teams in them.
var areas = []string{
	"Payments", "Platform", "Fulfillment", "Grocery", "Apparel", "Electronics", "Pharmacy",
	"Returns", "Pricing", "Search", "Checkout", "Inventory", "Transport", "Warehousing",
	"Enterprise", "Small Business", "Public Sector", "Partnerships", "Analytics", "Security",
	"Data", "Mobile", "Web", "Loyalty", "Advertising", "Sourcing", "Quality", "Compliance",
	"Northeast", "Southeast", "Midwest", "West", "EMEA", "APAC", "LATAM", "Canada",
}

// icGrades prefix an individual contributor's role, from junior to senior.
var icGrades = []string{"Associate ", "", "Senior ", "Staff ", "Principal "}

// Unit kinds, from the top down.
const (
	kindCompany uint8 = iota
	kindDivision
	kindDepartment
	kindGroup
	kindTeam
)

var kindNames = []string{"company", "division", "department", "group", "team"}

func personName(r int) string {
	return firstNames[r%len(firstNames)] + " " + lastNames[(r/len(firstNames))%len(lastNames)]
}

func personID(i int32) string   { return fmt.Sprintf("p%07d", i+1) }
func positionID(i int32) string { return "pos-" + personID(i) }
func unitID(i int32) string     { return fmt.Sprintf("u%06d", i+1) }

// icTitle is the title of an individual contributor of a function at a grade.
func icTitle(fn uint8, grade uint8) string { return icGrades[grade] + functions[fn].role }

// headTitle is the title of the head of a unit of a kind in a function.
func headTitle(kind, fn uint8) string {
	f := functions[fn]
	switch kind {
	case kindCompany:
		return "Chief Executive Officer"
	case kindDivision:
		return "Executive Vice President, " + f.name
	case kindDepartment:
		return "Vice President, " + f.name
	case kindGroup:
		return "Director, " + f.name
	}
	return f.manager
}

// unitName names a new unit: a division by its function, a department by function and area,
// groups and teams by area and their number, which is unique.
func unitName(kind, fn uint8, area int, n int32) string {
	f, a := functions[fn], areas[area%len(areas)]
	switch kind {
	case kindCompany:
		return "Globex Corporation"
	case kindDivision:
		return f.name
	case kindDepartment:
		return fmt.Sprintf("%s %s %d", a, f.name, n+1)
	case kindGroup:
		return fmt.Sprintf("%s Group %d", a, n+1)
	}
	return fmt.Sprintf("%s Team %d", a, n+1)
}

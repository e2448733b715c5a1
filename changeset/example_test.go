package changeset_test

import (
	"fmt"
	"os"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
)

func ExampleDecode() {
	src := `effective: 2022-04-12
changes:
  - leave: {person: ren-geng, reason: resigned}
  - asign: {person: huang-haiqing, position: cloud-china-president}
  - assign: {person: huo-jia, position: industry-solutions-gm, acting: yes}
`
	_, err := changeset.Decode("reshuffle.yaml", []byte(src))
	fmt.Println(err)
	// Output:
	// reshuffle.yaml: changeset refused; none of it was written
	// reshuffle.yaml:4: change 2: unknown verb "asign" (did you mean "assign"?)
	// reshuffle.yaml:5: change 3 (assign): acting: must be true or false, not the string "yes"
}

func ExampleEncode() {
	date, _ := orgledger.ParseDate("2022-04-12")
	cs := &orgledger.Changeset{
		Effective: date,
		Source:    "Pandaily, 2022-04-13",
		Changes: []orgledger.Change{
			{Op: &orgledger.Leave{Person: "ren-geng", Reason: "resigned"}},
			{Op: &orgledger.Assign{Person: "huang-haiqing", Position: "cloud-china-president", Replace: true}},
		},
	}
	data, err := changeset.Encode(cs)
	if err != nil {
		fmt.Println(err)
		return
	}
	os.Stdout.Write(data)
	// Output:
	// effective: 2022-04-12
	// source: "Pandaily, 2022-04-13"
	// changes:
	//   - leave: {person: ren-geng, reason: resigned}
	//   - assign: {person: huang-haiqing, position: cloud-china-president, replace: true}
}

package hris_test

import (
	"fmt"
	"testing"
)

// TestOwnPositionBackAfterItsCloseRecordedAgain: Cy is promoted in February, gives his
// position up in March and comes back to January's row in April. Where February's export
// arrives after March's, March is recorded again on top of it, the close of pos-C retracted and
// recorded anew; April still gives him pos-C back, retitled, and the diff from January to April
// names no one. (Found by a random history test: the retraction, on the day pos-C closed, was
// taken for a change of it then, as a corrected export's, and he got pos-C.2.)
func TestOwnPositionBackAfterItsCloseRecordedAgain(t *testing.T) {
	jan := header + "A,Ann,CEO,,X,London\nC,Cy,Lead,A,X,Paris\n"
	files := []struct{ day, data string }{{"2024-01-31", jan},
		{"2024-02-29", header + "A,Ann,CEO,,X,London\nC,Cy,Senior Lead,A,X,Paris\n"},
		{"2024-03-31", header + "A,Ann,CEO,,X,London\nC,Cy,,,,Paris\n"},
		{"2024-04-30", jan}}
	for _, order := range orders(len(files)) {
		l := openLedger(t)
		for _, i := range order {
			importFile(t, l, readCSV(t, files[i].day+".csv", files[i].data), files[i].day, false)
		}
		what := fmt.Sprint("order ", order)
		diffNamesNoOne(t, l, what, "2024-01-31", "2024-04-30")
		for _, f := range files {
			if got := exportAt(t, l, f.day); got != f.data {
				t.Errorf("%s: on %s exported:\n%s\nwant:\n%s", what, f.day, got, f.data)
			}
		}
	}
}

package orgledger

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestReadmeListsEveryVerbsFields: README's table of verbs names every verb and each of its
// fields as the changeset format reads them, so that a user can write a changeset from it.
// (Found by a first-hour review: the README listed the verbs, not their fields.)
func TestReadmeListsEveryVerbsFields(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, "|")
		for _, verb := range strings.Split(cells[1], "·") {
			rows[strings.Trim(strings.TrimSpace(verb), "`")] = cells[2]
		}
	}
	for _, v := range Verbs {
		row, ok := rows[string(v)]
		if !ok {
			t.Errorf("README's table lacks the verb %s", v)
			continue
		}
		op := reflect.TypeOf(NewOp(v)).Elem()
		for i := range op.NumField() {
			name, _, _ := strings.Cut(op.Field(i).Tag.Get("yaml"), ",")
			if !strings.Contains(row, "`"+name+"`") {
				t.Errorf("README's row of %s lacks its field %s", v, name)
			}
		}
	}
}

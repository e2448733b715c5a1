package examples_test

import (
	"context"
	"testing"

	"github.com/orgledger/orgledger/changeset"
	"github.com/orgledger/orgledger/examples"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/memory"
)

// TestAlibabaCloud2022 applies the embedded example, in order, to an empty ledger.
func TestAlibabaCloud2022(t *testing.T) {
	files, err := examples.Changesets(examples.AlibabaCloud2022)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 || files[0].Name != "alibaba-cloud-2022/01-leadership-2022-03.yaml" {
		t.Fatalf("files: %d, first %q", len(files), files[0].Name)
	}
	ctx := context.Background()
	l, err := ledger.Open(ctx, memory.New(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		cs, err := changeset.Decode(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := l.Apply(ctx, cs, ledger.ApplyOptions{Actor: "test"}); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
	if _, err := examples.Changesets("no-such-example"); err == nil {
		t.Error("an unknown example has changesets")
	}
}

package chart_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDOTRendersWithGraphviz runs Graphviz on every DOT golden file. CI installs Graphviz and
// sets ORGLEDGER_REQUIRE_GRAPHVIZ=1, so that there a missing dot fails the test instead of
// skipping it.
func TestDOTRendersWithGraphviz(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		if os.Getenv("ORGLEDGER_REQUIRE_GRAPHVIZ") == "1" {
			t.Fatal("ORGLEDGER_REQUIRE_GRAPHVIZ=1 but Graphviz's dot is not on PATH (apt-get install graphviz)")
		}
		t.Skip("Graphviz's dot is not on PATH; install graphviz to check that the DOT output renders")
	}
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.dot.golden"))
	if err != nil || len(files) < 2 {
		t.Fatalf("want the DOT golden files, found %v (%v)", files, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if svg := renderDOT(t, data, f); !strings.Contains(svg, `class="cluster"`) {
				t.Errorf("dot -Tsvg %s drew no clusters", f)
			}
		})
	}
}

// renderDOT runs dot -Tsvg on data and returns the SVG, failing the test if Graphviz fails
// or warns.
func renderDOT(t *testing.T, data []byte, what string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(data), &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("dot -Tsvg on %s: %v\n%s", what, err, errOut.String())
	}
	if errOut.Len() > 0 {
		t.Errorf("dot -Tsvg on %s warned:\n%s", what, errOut.String())
	}
	if !strings.Contains(out.String(), "<svg") {
		t.Errorf("dot -Tsvg on %s wrote no SVG", what)
	}
	return out.String()
}

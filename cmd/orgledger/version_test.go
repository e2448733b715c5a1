package main

import (
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	p := newProgram(t)
	out := p.ok("--version")
	// A test binary's main module is stamped "(devel)": the version's form is the go
	// command's; what is orgledger's is that the flag exists and says which Go built it.
	if !strings.HasPrefix(out, "orgledger ") || !strings.Contains(out, ", go1.") || !strings.HasSuffix(out, "\n") {
		t.Errorf("--version printed %q", out)
	}
}

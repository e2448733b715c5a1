package main

import (
	"regexp"
	"strings"
	"testing"
)

var secretLine = regexp.MustCompile(`^olg_[A-Za-z0-9_-]{43}$`)

// TestTokenCommands creates, lists and revokes tokens as a user would.
func TestTokenCommands(t *testing.T) {
	p := newProgram(t)
	out := p.ok("token", "create", "--name", "alice", "--role", "planner")
	if !secretLine.MatchString(lastLine(out)) {
		t.Errorf("the last line is not a token alone:\n%s", out)
	}
	second := lastLine(p.ok("token", "create", "--name", "ci", "--role", "admin"))
	if second == lastLine(out) {
		t.Error("two tokens share a secret")
	}
	list := p.ok("token", "list")
	for _, want := range []string{"NAME", "alice", "planner", "ci", "admin", "2022-06-01T12:00:00Z"} {
		if !strings.Contains(list, want) {
			t.Errorf("token list lacks %q:\n%s", want, list)
		}
	}
	if strings.Contains(list, second) || strings.Contains(list, "olg_") {
		t.Errorf("token list shows a secret:\n%s", list)
	}
	p.ok("token", "revoke", "ci")
	var toks []struct {
		Name, Role, Revoked string
	}
	p.json(&toks, "token", "list")
	if len(toks) != 2 || toks[1].Name != "ci" || toks[1].Revoked == "" || toks[0].Revoked != "" {
		t.Errorf("after revoking ci: %+v", toks)
	}
}

// TestTokenRefusals checks the exit status of wrong token commands.
func TestTokenRefusals(t *testing.T) {
	p := newProgram(t)
	p.ok("token", "create", "--name", "ci", "--role", "admin")
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"token", "create", "--name", "ci", "--role", "viewer"}, 1, "exists already"},
		{[]string{"token", "create", "--name", "x", "--role", "root"}, 2, "viewer, planner or admin"},
		{[]string{"token", "create", "--role", "admin"}, 2, "required"},
		{[]string{"token", "create", "--name", "bad name", "--role", "admin"}, 2, "token name"},
		{[]string{"token", "revoke", "nobody"}, 1, "no token named"},
		{[]string{"token", "revoke"}, 2, "token revoke needs NAME, and was given none"},
	}
	for _, tt := range tests {
		code, _, errOut := p.run("", tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("orgledger %s: exit %d, %q; want %d and %q", strings.Join(tt.args, " "), code, errOut, tt.code, tt.msg)
		}
	}
	other := newProgram(t)
	if code, _, errOut := other.run("", "token", "list"); code != 1 || !strings.Contains(errOut, "no ledger") {
		t.Errorf("token list without a database: %d %s", code, errOut)
	}
}

// TestTokenOverPlansOwnedAlready: a token made with the name that owns plans made on the
// command line is told of them, since over HTTP it sees and changes them.
func TestTokenOverPlansOwnedAlready(t *testing.T) {
	p := withExample(t)
	p.ok("plan", "create", "hr-layoffs", "--effective", "2023-03-01", "--owner", "hrlocal")
	code, _, errOut := p.run("", "token", "create", "--name", "hrlocal", "--role", "planner")
	if code != 0 || !strings.Contains(errOut, "hrlocal owns 1 plan already (hr-layoffs), made on the command line as hrlocal") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := p.run("", "token", "create", "--name", "someone", "--role", "planner"); code != 0 || errOut != "" {
		t.Errorf("a token owning nothing: exit %d, stderr %q", code, errOut)
	}
}

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/changeset"
	"github.com/orgledger/orgledger/ledger"
	"github.com/orgledger/orgledger/postgres/pgtest"
)

// server is an orgledger serve in a process of its own, so that it can be killed.
type server struct {
	cmd *exec.Cmd
	url string
}

// startServer starts `orgledger --db URL serve` in a child process and waits for its address.
func startServer(t *testing.T, db string) *server {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestServerChild$")
	cmd.Env = append(os.Environ(), "ORGLEDGER_SERVE_CHILD="+db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if u := urlLine.FindString(sc.Text()); u != "" {
			s.url = u
			break
		}
	}
	if s.url == "" {
		t.Fatalf("the server did not announce its address")
	}
	go io.Copy(io.Discard, out)
	return s
}

// TestServerChild is the child of startServer: it serves until killed.
func TestServerChild(t *testing.T) {
	db := os.Getenv("ORGLEDGER_SERVE_CHILD")
	if db == "" {
		t.Skip("run by the cluster tests")
	}
	m := NewMain()
	m.Stderr = io.Discard
	args := []string{"--db", db, "serve", "--addr", "127.0.0.1:0", "--log-level", "error"}
	if every := os.Getenv("ORGLEDGER_SERVE_CHILD_SETTLE"); every != "" {
		args = append(args, "--settle-every", every)
	}
	os.Exit(m.Run(t.Context(), args))
}

// call sends a request to a server with the token and returns the status and body: a body in
// braces as JSON, any other as YAML.
func call(t *testing.T, method, url, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	switch {
	case strings.HasPrefix(body, "{"):
		req.Header.Set("Content-Type", "application/json")
	case body != "":
		req.Header.Set("Content-Type", "application/yaml")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func hire(id string) string {
	return fmt.Sprintf("effective: 2022-05-01\nchanges:\n  - hire: {id: %s, name: %s}\n", id, id)
}

// cluster is three servers on one PostgreSQL database holding the example, and an admin token.
func cluster(t *testing.T) ([]*server, string, string) {
	db := pgtest.URL(t)
	p := &program{tb: t, db: db}
	p.ok(append([]string{"apply"}, exampleFiles...)...)
	out := p.ok("token", "create", "--name", "ops", "--role", "admin")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	token := lines[len(lines)-1]
	var servers []*server
	for range 3 {
		servers = append(servers, startServer(t, db))
	}
	return servers, token, db
}

// TestClusterReadsFollowWrites writes through each of three servers and checks that the others
// read every write soon: at once as a rule, since PostgreSQL announces each commit, and within
// the second of the refresh tick should an announcement be lost. The test allows three seconds,
// for a machine busy with the other packages' tests (one second failed there once in CI).
func TestClusterReadsFollowWrites(t *testing.T) {
	servers, token, _ := cluster(t)
	for i := range 9 {
		id := fmt.Sprintf("spread-%d", i)
		if code, body := call(t, "POST", servers[i%3].url+"api/v1/changesets", token, hire(id)); code != 201 {
			t.Fatalf("write %d: %d %s", i, code, body)
		}
		written := time.Now()
		for _, s := range servers {
			for {
				if code, _ := call(t, "GET", s.url+"api/v1/people/"+id+"?at=2022-05-01", token, ""); code == 200 {
					break
				}
				if time.Since(written) > 3*time.Second {
					t.Fatalf("%s cannot read %s three seconds after it was written", s.url, id)
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
	}
}

// TestClusterConcurrentWrites sends 20 changesets at once across three servers, some of them
// clashing: every accepted one is in the log exactly once, every refused one left no trace.
func TestClusterConcurrentWrites(t *testing.T) {
	servers, token, _ := cluster(t)
	var wg sync.WaitGroup
	codes := make([]int, 20)
	for i := range 20 {
		wg.Go(func() {
			id := fmt.Sprintf("c-%d", i/2) // pairs hire the same id: one of each must lose
			if i%4 == 0 {
				id = fmt.Sprintf("solo-%d", i)
			}
			codes[i], _ = call(t, "POST", servers[i%3].url+"api/v1/changesets", token, hire(id)+"note: "+fmt.Sprint(i)+"\n")
		})
	}
	wg.Wait()
	_, body := call(t, "GET", servers[0].url+"api/v1/log?limit=10000", token, "")
	var lg struct{ Events []struct{ Note string } }
	json.Unmarshal([]byte(body), &lg)
	count := map[string]int{}
	for _, e := range lg.Events {
		count[e.Note]++
	}
	for i, code := range codes {
		n := count[fmt.Sprint(i)]
		if (code == 201) != (n == 1) || (code != 201 && code != 422) {
			t.Errorf("changeset %d answered %d and is %d times in the log", i, code, n)
		}
	}
}

// TestClusterKilledMidWrite kills a server with SIGKILL while it writes a large changeset: the
// changeset is in the ledger whole or not at all, and the other servers carry on.
func TestClusterKilledMidWrite(t *testing.T) {
	servers, token, db := cluster(t)
	var big strings.Builder
	big.WriteString("effective: 2022-05-01\nnote: big\nchanges:\n")
	for i := range 20000 {
		fmt.Fprintf(&big, "  - hire: {id: big-%d, name: Big %d}\n", i, i)
	}
	done := make(chan int, 1)
	go func() {
		code, _ := call(t, "POST", servers[0].url+"api/v1/changesets", token, big.String())
		done <- code
	}()
	waitForAppend(t, db) // the server is inside the transaction that writes the changeset
	servers[0].cmd.Process.Signal(syscall.SIGKILL)
	<-done
	if code, body := call(t, "POST", servers[1].url+"api/v1/changesets", token, hire("after-the-kill")); code != 201 {
		t.Fatalf("a write after the kill: %d %s", code, body)
	}
	p := &program{tb: t, db: db}
	var lg struct{ Events []struct{ Note string } }
	if err := json.Unmarshal([]byte(p.ok("log", "--format", "json")), &lg); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range lg.Events {
		if e.Note == "big" {
			n++
		}
	}
	if n != 0 && n != 20000 {
		t.Fatalf("the killed server left %d of the 20000 events", n)
	}
	if n != 0 {
		t.Fatalf("the changeset killed inside its transaction was committed")
	}
	deadline := time.Now().Add(time.Second)
	for code := 0; code != 200; time.Sleep(10 * time.Millisecond) {
		code, _ = call(t, "GET", servers[2].url+"api/v1/people/after-the-kill?at=2022-05-01", token, "")
		if time.Now().After(deadline) {
			t.Fatalf("the third server does not read the write made after the kill")
		}
	}
}

// waitForAppend waits until a server holds the advisory lock that appends take: it is then
// inside the transaction that writes a commit.
func waitForAppend(t *testing.T, db string) {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(t.Context())
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		var n int
		err := conn.QueryRow(t.Context(), `SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
			AND classid = 0 AND objid = $1`, 0x6f726761).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
	}
	t.Fatal("no server took the append lock")
}

// TestClusterSettlesWhatAStoppedProcessLeft: plan heir, applied through one server, waits for
// huo-jia's leaving; another process records the leaving and stops before releasing the
// change. No leaving comes through the servers, and none starts: one of them releases it all
// the same, within its --settle-every, and once.
func TestClusterSettlesWhatAStoppedProcessLeft(t *testing.T) {
	t.Setenv("ORGLEDGER_SERVE_CHILD_SETTLE", "100ms")
	servers, token, db := cluster(t)
	for _, req := range []struct{ path, body string }{
		{"api/v1/plans", `{"name": "heir", "effective": "2022-05-01"}`},
		{"api/v1/plans/heir/changes", "changes:\n  - retitle: {position: industry-solutions-gm, title: Acting GM}\n    when: {leaves: huo-jia}\n"},
		{"api/v1/plans/heir/apply", ""},
	} {
		if code, body := call(t, "POST", servers[0].url+req.path, token, req.body); code/100 != 2 {
			t.Fatalf("POST %s: %d %s", req.path, code, body)
		}
	}
	recordWithoutReleasing(t, db, "effective: 2022-05-20\nchanges:\n  - leave: {person: huo-jia}\n")
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := call(t, "GET", servers[1].url+"api/v1/positions/industry-solutions-gm?at=2022-05-20", token, "")
		if strings.Contains(body, `"title":"Acting GM"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no server released the change waiting for the leaving: %s", body)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // every server has settled since
	p := &program{tb: t, db: db}
	if h := p.ok("history", "industry-solutions-gm"); strings.Count(h, "Acting GM") != 1 {
		t.Errorf("the change was not recorded once:\n%s", h)
	}
}

// recordWithoutReleasing records a changeset on the database as a process that stops right
// after would: nothing it releases is released.
func recordWithoutReleasing(t *testing.T, db, yaml string) {
	t.Helper()
	d, err := openDatabase(t.Context(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	l, err := ledger.Open(t.Context(), d.store, orgledger.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := changeset.Decode("leave.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Apply(t.Context(), cs, ledger.ApplyOptions{Actor: "hr-system"}); err != nil {
		t.Fatal(err)
	}
}

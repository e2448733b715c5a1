package http_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestImportOutlastsTheReadTimeout: an export uploaded more slowly than the server's read
// timeout allows a request is still read and answered, where a changeset sent as slowly is cut
// off: an export of a million rows takes longer to upload than other requests may. (Found by
// a black-box review.)
func TestImportOutlastsTheReadTimeout(t *testing.T) {
	ts := MustOpenServer(t)
	srv := httptest.NewUnstartedServer(ts.API.Handler())
	srv.Config.ReadTimeout = 200 * time.Millisecond
	srv.Start()
	t.Cleanup(srv.Close)
	send := func(path, ctype, head, rest string) (int, error) {
		pr, pw := io.Pipe()
		go func() {
			io.WriteString(pw, head)
			time.Sleep(500 * time.Millisecond) // past the read timeout
			io.WriteString(pw, rest)
			pw.Close()
		}()
		req, _ := http.NewRequest("POST", srv.URL+path, pr)
		req.Header.Set("Authorization", "Bearer "+ts.Secrets["admin"])
		req.Header.Set("Content-Type", ctype)
		resp, err := srv.Client().Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	// The file, read whole, is checked: as a dry run it is refused (later events need the
	// people it drops), not cut off as a body that could not be read (400).
	if code, err := send("/api/v1/imports?at=2022-06-01&dry_run=true", "text/csv", "employee_id,name,title,manager_id\n", "E1,Ann,CEO,\n"); err != nil || code != 422 {
		t.Errorf("a slow import: %d %v, want it read whole and checked (422)", code, err)
	}
	if code, err := send("/api/v1/changesets?dry_run=true", "application/yaml", "effective: 2022-05-02\n", "changes:\n  - hire: {id: x, name: X}\n"); err == nil && code != 400 {
		t.Errorf("a changeset sent past the read timeout: %d, want it cut off (400)", code)
	}
}

package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestLoginAsMultipartForm: a login posted as multipart/form-data (curl -F token=…, a
// FormData from a script) logs in, and one over 8 KiB is a 413 like an urlencoded one. (Found
// by a review: parsing the form for its size alone left a multipart body unread.)
func TestLoginAsMultipartForm(t *testing.T) {
	s := mustOpen(t)
	part := func(name, value string) string {
		return "--B\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"
	}
	ctype := []string{"Content-Type", "multipart/form-data; boundary=B"}
	r := s.newClient().do("POST", "/login", part("token", s.Secrets["admin"])+part("next", "/plans")+"--B--\r\n", ctype...)
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/plans" {
		t.Errorf("a multipart login with a valid token: %d, Location %q", r.Status, r.Header.Get("Location"))
	}
	r = s.newClient().do("POST", "/login", part("token", s.Secrets["admin"])+part("pad", strings.Repeat("x", 9<<10))+"--B--\r\n", ctype...)
	if r.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("a multipart login of 9 KiB: %d, want 413", r.Status)
	}
}

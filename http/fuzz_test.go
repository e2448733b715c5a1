package http_test

import (
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzQuery sends arbitrary query strings and ids to the read routes: every answer is a 200,
// a 400 or a 404 (an id such as ".." makes a path that is no route), never a panic or a 500.
func FuzzQuery(f *testing.F) {
	for _, seed := range []struct{ query, id string }{
		{"at=2022-04-13&known_at=2022-04-12T10:00:00Z", "huo-jia"},
		{"depth=-1&root=cloud-china", "cloud-china"},
		{"at=&at=", ""},
		{"from=2022-01-01&to=9999-12-31", "x"},
		{"after=-1&limit=99999999999999999999", "../../etc"},
		{"%zz=1;x", "\x00"},
		{"known_at=2022-13-45T99:99:99Z&depth=9223372036854775807", "zzfuture-hire"},
	} {
		f.Add(seed.query, seed.id)
	}
	ts := MustOpenServer(f)
	h := ts.API.Handler()
	auth := "Bearer " + ts.Secrets["viewer"]
	f.Fuzz(func(t *testing.T, query, id string) {
		for _, path := range []string{"/api/v1/chart", "/api/v1/diff", "/api/v1/log", "/api/v1/people/" + url.PathEscape(id),
			"/api/v1/units/" + url.PathEscape(id), "/api/v1/history/" + url.PathEscape(id)} {
			req := httptest.NewRequest("GET", path, nil)
			req.URL.RawQuery = query
			req.Header.Set("Authorization", auth)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			switch w.Code {
			case 200, 400, 404:
			default:
				t.Errorf("%s?%s: %d %s", path, query, w.Code, w.Body)
			}
		}
	})
}

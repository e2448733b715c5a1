package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strings"
)

// pageFiles are the HTML templates of the pages: the login form, the app's shell, which its
// scripts fill in, and the page of an error a browser asked for.
//
//go:embed pages/*.html
var pageFiles embed.FS

// pages are the parsed templates.
type pages struct {
	login, app, failed *template.Template
}

func loadPages() (*pages, error) {
	login, err := template.ParseFS(pageFiles, "pages/login.html")
	if err != nil {
		return nil, err
	}
	app, err := template.ParseFS(pageFiles, "pages/app.html")
	if err != nil {
		return nil, err
	}
	failed, err := template.ParseFS(pageFiles, "pages/error.html")
	if err != nil {
		return nil, err
	}
	return &pages{login: login, app: app, failed: failed}, nil
}

// render writes a page with the status given. It renders into a buffer first, so that a
// template that fails is an error answer rather than half a page.
func render(w http.ResponseWriter, status int, t *template.Template, data any) error {
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return fmt.Errorf("render %s: %w", t.Name(), err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	private(h)
	w.WriteHeader(status)
	w.Write(b.Bytes())
	return nil
}

// appData is what the app's shell needs from the server: which view it opens, who is logged in
// and the CSRF token its writes carry.
type appData struct {
	View, User, Role, CSRF string
}

// appPage serves the app's shell, for the chart or the plans.
func (u *UI) appPage(view string) func(c *call) error {
	return func(c *call) error {
		return render(c.w, http.StatusOK, u.pages.app, appData{View: view, User: c.ss.token, Role: string(c.ss.role), CSRF: c.ss.csrf})
	}
}

// errorData is what the error page says: the status's text, and what went wrong.
type errorData struct {
	Title, Detail string
}

// wantsHTML reports whether the request's client reads HTML (a browser), rather than a
// script that reads the plain text an error answers otherwise.
func wantsHTML(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}

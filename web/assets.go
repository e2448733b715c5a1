package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"

	"github.com/orgledger/orgledger"
)

// assetFiles are the page's scripts, styles and icons, served as they are: plain JavaScript
// modules and CSS, with no build step, so that a fresh clone serves exactly these files.
//
//go:embed assets
var assetFiles embed.FS

// asset is one file, read once, with its type and the hash of its content as its ETag.
type asset struct {
	body        []byte
	contentType string
	etag        string
}

// assets are the files by name.
type assets struct {
	byName map[string]*asset
}

func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]*asset{}}
	err := fs.WalkDir(assetFiles, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := assetFiles.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		a.byName[path.Base(p)] = &asset{body: body, contentType: ct, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		return nil
	})
	return a, err
}

// asset serves a file. Browsers revalidate it on every load (no-cache) and get 304 while it
// is unchanged: the modules import each other by plain names, which cannot carry a version.
func (u *UI) asset(c *call) error {
	f := u.assets.byName[c.r.PathValue("file")]
	if f == nil {
		return orgledger.Errorf(orgledger.ENOTFOUND, "no asset %s", c.r.PathValue("file"))
	}
	h := c.w.Header()
	h.Set("ETag", f.etag)
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Type", f.contentType)
	http.ServeContent(c.w, c.r, c.r.PathValue("file"), time.Time{}, bytes.NewReader(f.body)) // If-None-Match as RFC 9110 reads it
	return nil
}

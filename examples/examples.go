package examples

import (
	"embed"
	"io/fs"
	"sort"
)

// files holds every example changeset.
//
//go:embed alibaba-cloud-2022/*.yaml
var files embed.FS

// File is one changeset file of an example.
type File struct {
	Name string // its path in the repository, below examples/
	Data []byte
}

// AlibabaCloud2022 is the Alibaba Cloud management reshuffle of April 2022.
const AlibabaCloud2022 = "alibaba-cloud-2022"

// Changesets returns the changeset files of an example, in name order, which is the order to
// apply them in.
func Changesets(example string) ([]File, error) {
	names, err := fs.Glob(files, example+"/*.yaml")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fs.ErrNotExist
	}
	sort.Strings(names)
	out := make([]File, 0, len(names))
	for _, n := range names {
		data, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, File{Name: n, Data: data})
	}
	return out, nil
}

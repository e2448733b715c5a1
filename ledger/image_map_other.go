//go:build !unix

package ledger

import "os"

// mapFile reads the file at path: where there is no mmap, the image is read whole.
func mapFile(path string) ([]byte, func() error, error) {
	data, err := os.ReadFile(path)
	return data, func() error { return nil }, err
}

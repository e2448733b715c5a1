package gz

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

// TestGzipChunks checks that chunks deflated apart and joined read back as one gzip stream,
// whatever the number of chunks and wherever they split the text.
func TestGzipChunks(t *testing.T) {
	const unit = `{"id":"pos-p0000123","name":"Huang Haiqing"},`
	for _, size := range []int{0, 1, 1000, 1 << 20, 3<<20 + 17} {
		in := []byte(strings.Repeat(unit, size/len(unit)+1)[:size])
		for _, n := range []int{1, 2, 3, 7} {
			z := gzipChunks(in, chunksOf(in, n, 1<<18))
			zr, err := gzip.NewReader(bytes.NewReader(z))
			if err != nil {
				t.Fatalf("size %d, %d chunks: %v", size, n, err)
			}
			out, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(out, in) {
				t.Fatalf("size %d, %d chunks: read back %d bytes, %v", size, n, len(out), err)
			}
		}
	}
}

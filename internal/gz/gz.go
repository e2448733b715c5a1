package gz

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"runtime"
	"strings"
	"sync"
)

// Above is the size from which an answer is compressed: a chart of 100,000 positions is
// megabytes of JSON that compress about fivefold, which matters on any network slower than
// the loopback; a small answer is not worth the work.
const Above = 64 << 10

// Compress returns body gzipped when it is large and the client reads gzip, with the
// Content-Encoding to send; otherwise body itself and "".
func Compress(r *http.Request, body []byte) ([]byte, string) {
	if len(body) < Above || !Accepts(r) {
		return body, ""
	}
	return Bytes(body), "gzip"
}

// Bytes compresses b at the fastest level, in chunks on every core: the answers are
// compressed as they are asked for, and the time it takes is time the page waits. Each chunk
// is deflated on its own and ends with a sync flush, which ends on a byte, so the chunks
// joined are one deflate stream, as pigz makes them; the gzip header and trailer go around it.
func Bytes(b []byte) []byte {
	return gzipChunks(b, chunksOf(b, runtime.GOMAXPROCS(0), 1<<20))
}

// gzipChunks compresses b, which the chunks make up in order.
func gzipChunks(b []byte, chunks [][]byte) []byte {
	out := make([][]byte, len(chunks))
	var wg sync.WaitGroup
	for i, c := range chunks {
		wg.Go(func() { out[i] = deflate(c, i == len(chunks)-1) })
	}
	wg.Wait()
	size := 18
	for _, o := range out {
		size += len(o)
	}
	z := make([]byte, 0, size)
	z = append(z, 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff) // gzip, deflate, no name or time, unknown OS
	for _, o := range out {
		z = append(z, o...)
	}
	z = binary.LittleEndian.AppendUint32(z, crc32.ChecksumIEEE(b))
	return binary.LittleEndian.AppendUint32(z, uint32(len(b)))
}

// chunksOf splits b into at most n chunks of at least least bytes each.
func chunksOf(b []byte, n, least int) [][]byte {
	n = max(1, min(n, len(b)/least))
	out := make([][]byte, 0, n)
	for i := range n {
		out = append(out, b[i*len(b)/n:(i+1)*len(b)/n])
	}
	return out
}

// deflate compresses one chunk: the last ends the stream, the others end with a sync flush.
func deflate(b []byte, last bool) []byte {
	var out bytes.Buffer
	out.Grow(len(b) / 4)
	fw, _ := flate.NewWriter(&out, flate.BestSpeed) // the level is valid
	fw.Write(b)                                     // a bytes.Buffer does not fail
	if last {
		fw.Close()
	} else {
		fw.Flush()
	}
	return out.Bytes()
}

// Accepts reports whether the request's Accept-Encoding takes gzip.
func Accepts(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

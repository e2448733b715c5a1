package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"strconv"
	"sync"

	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/internal/gz"
)

// chartKey names a chart exactly: the same key always means the same nodes. A chart as known
// now is the chart as known at the ledger's head, so the head is part of every key: for a
// caller with a horizon, the last event they can see (Ledger.HeadWithin), so that a write
// hidden from them changes neither their chart's key nor the digest of it the page is given.
// A plan's chart changes when the plan does, so its last update is too.
type chartKey struct {
	at      orgledger.Date
	knownAt string // RFC 3339 with nanoseconds, in UTC; "": as known at head
	horizon orgledger.Date
	head    int64
	plan    string
	updated int64 // the plan's last change, in Unix nanoseconds
	// revision is the plan's revision: written twice in one tick of the clock, it differs.
	revision int64
}

// labels is the key as the page sees it: for a plan's chart, with the plan's last change, so
// that a layout of the plan as a co-author changed it is not drawn with the labels of before.
func (k chartKey) labels(plan string) labelsKey {
	key := labelsKey{At: k.at.String(), KnownAt: k.knownAt, Head: headDigest(k.head), Plan: plan}
	if plan != "" {
		key.Version = strconv.FormatInt(k.revision, 10) + "-" + strconv.FormatInt(k.updated, 10)
	}
	return key
}

// headDigest names the ledger's head for the page, which only compares two: keyed by a secret
// of the process, so that a viewer cannot count the events recorded, future-dated ones
// hidden from them included.
func headDigest(head int64) string {
	key := digestKey()
	sum := sha256.Sum256(binary.LittleEndian.AppendUint64(key[:], uint64(head)))
	return hex.EncodeToString(sum[:8])
}

// digestKey is the process's secret for headDigest, made on first use.
var digestKey = sync.OnceValue(func() [32]byte {
	var k [32]byte
	rand.Read(k[:])
	return k
})

// chartData is a chart built once and read by many requests: its tree, and its labels already
// encoded. Nothing changes it after it is built.
type chartData struct {
	tree   *tree
	labels []byte
	key    labelsKey

	gzOnce sync.Once
	gz     []byte // labels, gzipped on first use
}

// gzipped returns the labels compressed, compressing them the first time only.
func (d *chartData) gzipped() []byte {
	d.gzOnce.Do(func() { d.gz = gz.Bytes(d.labels) })
	return d.gz
}

// chartCache keeps the last charts built, so that laying a chart out again (a subtree
// collapsed) or going back to a date does not ask the ledger again, and so that requests for
// the same chart at once build it once. It keeps at most max charts, and fewer when they are
// large: a chart of 100,000 positions holds about 13 MB.
type chartCache struct {
	max    int
	budget int // bytes

	mu      sync.Mutex
	entries []*cacheEntry // the most recently used first
}

type cacheEntry struct {
	key   chartKey
	ready chan struct{} // closed once data or err is set
	data  *chartData
	err   error
	size  int // set under the lock once built
}

func newChartCache(max, budget int) *chartCache { return &chartCache{max: max, budget: budget} }

// get returns the chart of key, building it with build unless it is kept or being built.
func (c *chartCache) get(key chartKey, build func() (*chartData, error)) (*chartData, error) {
	e, fresh := c.entry(key)
	if !fresh {
		<-e.ready
		return e.data, e.err
	}
	e.data, e.err = build() // read by others only after ready is closed
	close(e.ready)
	c.settle(e)
	return e.data, e.err
}

// entry returns the entry of key, moved to the front, or a new one for the caller to fill.
func (c *chartCache) entry(key chartKey) (*cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, e := range c.entries {
		if e.key == key {
			copy(c.entries[1:i+1], c.entries[:i])
			c.entries[0] = e
			return e, false
		}
	}
	e := &cacheEntry{key: key, ready: make(chan struct{})}
	c.entries = append([]*cacheEntry{e}, c.entries...)
	if len(c.entries) > c.max {
		c.entries = c.entries[:c.max]
	}
	return e, true
}

// settle records the size of a chart just built, or forgets it if it failed, and makes room.
func (c *chartCache) settle(e *cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.err != nil {
		c.entries = slices.DeleteFunc(c.entries, func(x *cacheEntry) bool { return x == e })
		return
	}
	e.size = e.data.size()
	c.evict(e)
}

// evict drops the least recently used charts beyond max, or beyond the budget, but never keep.
func (c *chartCache) evict(keep *cacheEntry) {
	total := 0
	for _, e := range c.entries {
		total += e.size
	}
	for i := len(c.entries) - 1; i > 0 && (len(c.entries) > c.max || total > c.budget); i-- {
		if e := c.entries[i]; e != keep {
			total -= e.size
			c.entries = slices.Delete(c.entries, i, i+1)
		}
	}
}

// size estimates the memory a chart holds: its labels, their gzipped copy, and its tree.
func (d *chartData) size() int { return len(d.labels)*5/4 + 40*len(d.tree.ids) }

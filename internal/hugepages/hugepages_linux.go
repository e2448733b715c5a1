package hugepages

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// pageSize is the size of a huge page: 2 MiB on x86-64, more on some ARM kernels; 0 where the
// kernel has no transparent huge pages, or they are turned off ("never"), the administrator's
// way to keep this process's pages small too.
var pageSize = sync.OnceValue(func() uintptr {
	if mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil || strings.Contains(string(mode), "[never]") {
		return 0
	}
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size")
	if err != nil {
		return 0
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || n == 0 || n&(n-1) != 0 {
		return 0
	}
	return uintptr(n)
})

func advise(p unsafe.Pointer, n uintptr) uintptr {
	huge := pageSize()
	if huge == 0 {
		return 0
	}
	addr := uintptr(p)
	start, end := (addr+huge-1)&^(huge-1), (addr+n)&^(huge-1)
	if end <= start {
		return 0
	}
	if unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, start-addr)), end-start), unix.MADV_HUGEPAGE) != nil {
		return 0
	}
	return end - start
}

// advised reports whether the mapping that holds p asks for huge pages: its VmFlags, in
// /proc/self/smaps, hold "hg".
func advised(p unsafe.Pointer) (bool, error) {
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return false, err
	}
	addr, inside := uintptr(p), false
	for _, line := range strings.Split(string(b), "\n") {
		if lo, hi, ok := mappingRange(line); ok {
			inside = lo <= addr && addr < hi
		} else if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && inside {
			return slices.Contains(strings.Fields(flags), "hg"), nil
		}
	}
	return false, nil
}

// mappingRange reads the address range of a mapping's first line in /proc/self/smaps.
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	r, _, _ := strings.Cut(line, " ")
	a, b, ok := strings.Cut(r, "-")
	if !ok {
		return 0, 0, false
	}
	x, err1 := strconv.ParseUint(a, 16, 64)
	y, err2 := strconv.ParseUint(b, 16, 64)
	return uintptr(x), uintptr(y), err1 == nil && err2 == nil
}

// populate has the kernel back the whole pages of the n bytes at p with memory, as a write to
// each would, without writing: what they hold is left as it is (madvise(MADV_POPULATE_WRITE),
// Linux 5.14 and later; older kernels refuse it). A page the range only partly covers is left
// to the first write: it may hold another object.
func populate(p unsafe.Pointer, n uintptr) error {
	page := uintptr(os.Getpagesize())
	addr := uintptr(p)
	start, end := (addr+page-1)&^(page-1), (addr+n)&^(page-1)
	if end <= start {
		return nil
	}
	return unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, start-addr)), end-start), unix.MADV_POPULATE_WRITE)
}

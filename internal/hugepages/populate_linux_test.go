package hugepages_test

import (
	"errors"
	"os"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/orgledger/orgledger/internal/hugepages"
)

// TestPopulate: an array's pages are backed with memory once populated, and what it held is
// left as it was.
func TestPopulate(t *testing.T) {
	// Memory of its own, which no earlier array of the test's heap has backed.
	s, err := unix.Mmap(-1, 0, 64<<20, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(s)
	s[0], s[len(s)/2], s[len(s)-1] = 1, 2, 3
	if n := resident(t, s); n == len(s)/os.Getpagesize() {
		t.Skip("the kernel backed the whole mapping on its first writes: the test cannot tell")
	}
	if err := hugepages.Populate(s); errors.Is(err, unix.EINVAL) {
		t.Skip("this kernel cannot populate a mapping (Linux 5.14 and later can)")
	} else if err != nil {
		t.Fatal(err)
	}
	if n, all := resident(t, s), len(s)/os.Getpagesize(); n != all {
		t.Errorf("%d of the array's %d pages are backed after Populate", n, all)
	}
	if s[0] != 1 || s[len(s)/2] != 2 || s[len(s)-1] != 3 || s[1] != 0 {
		t.Errorf("Populate changed the array: %d %d %d %d", s[0], s[len(s)/2], s[len(s)-1], s[1])
	}
}

// resident counts the pages of s, a mapping of its own, that are backed with memory.
func resident(t *testing.T, s []byte) int {
	t.Helper()
	vec := make([]byte, len(s)/os.Getpagesize())
	if _, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(unsafe.SliceData(s))), uintptr(len(s)), uintptr(unsafe.Pointer(&vec[0]))); errno != 0 {
		t.Fatal(errno)
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}

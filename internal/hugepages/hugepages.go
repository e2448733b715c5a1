package hugepages

import "unsafe"

// Advise asks for huge pages to back the array of s, up to its capacity, where it covers whole
// ones: an array smaller than a huge page, or the ends of one that are not aligned to them, is
// left as it is. It reports how many bytes it asked for. The advice changes how memory is
// backed, never what it holds; where the kernel declines it, nothing changes.
func Advise[E any](s []E) uintptr {
	var e E
	if cap(s) == 0 || unsafe.Sizeof(e) == 0 {
		return 0
	}
	return advise(unsafe.Pointer(unsafe.SliceData(s)), uintptr(cap(s))*unsafe.Sizeof(e))
}

// Make returns make([]E, n), its array advised for huge pages (Advise).
func Make[E any](n int) []E {
	s := make([]E, n)
	Advise(s)
	return s
}

// Advised reports whether the memory in the middle of s's array asks for huge pages (on
// Linux, whether its mapping's flags hold the advice): its ends may not, where they do not
// cover whole huge pages. For tests, and for whoever wonders why a process's pages are large.
func Advised[E any](s []E) (bool, error) {
	var e E
	if cap(s) == 0 || unsafe.Sizeof(e) == 0 {
		return false, nil
	}
	return advised(unsafe.Add(unsafe.Pointer(unsafe.SliceData(s)), uintptr(cap(s))*unsafe.Sizeof(e)/2))
}

// Available reports whether the kernel gives transparent huge pages to memory that asks.
func Available() bool { return pageSize() != 0 }

// Populate has the kernel back the array of s with memory now, as writing to each of its pages
// would, without changing what it holds; it may run while others write to the array. The pages
// at its ends that it shares with other memory are left to their first write. Elsewhere than
// Linux it does nothing.
func Populate[E any](s []E) error {
	var e E
	if cap(s) == 0 || unsafe.Sizeof(e) == 0 {
		return nil
	}
	return populate(unsafe.Pointer(unsafe.SliceData(s)), uintptr(cap(s))*unsafe.Sizeof(e))
}

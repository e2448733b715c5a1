// Package hugepages asks the kernel to back a process's large arrays with transparent huge
// pages.
//
// An index of a million people is gigabytes of records that a query reaches at random: a chain
// of command steps through a few dozen of them, a subtree through thousands. With 4 KiB pages
// nearly every such step misses the processor's TLB, and the page walk that follows costs more
// than the record's own cache miss; a 2 MiB page covers 512 times as much, and the whole index
// fits the TLB. Linux gives huge pages to memory that asks for them (madvise(MADV_HUGEPAGE)),
// which is what its usual setting ("madvise") waits for, and the Go runtime does not ask for
// its heap. Advise asks for one array, before it is first written: pages are chosen when memory
// is first touched. Elsewhere than Linux it does nothing.
package hugepages

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
// is first touched, so an array made of memory the heap had used before, which make zeroes,
// keeps the pages it had. Elsewhere than Linux, or where huge pages are set to "never", it does
// nothing.
//
// The advice is the kernel's, on addresses, not on the array: once the array is garbage, what
// the heap puts in its place is backed by huge pages too. So it is for arrays that live as long
// as the process's main data, not for scratch. Under the "madvise" setting of defrag, a fault
// in advised memory may wait for the kernel to compact memory into a huge page (the reason the
// Go runtime stopped advising its heap, golang/go#61718); a ledger asks once, for the arrays it
// decodes when it opens.
//
// Populate backs an array with memory before it is written: on another core, while the writer
// is busy elsewhere, it takes from the writer the cost of a process's first touch of its
// memory (the kernel clearing each page, and, in a virtual machine, the host backing it).
package hugepages

//go:build !linux

package hugepages

import "unsafe"

func advise(p unsafe.Pointer, n uintptr) uintptr { return 0 }

func advised(p unsafe.Pointer) (bool, error) { return false, nil }

func pageSize() uintptr { return 0 }

func populate(p unsafe.Pointer, n uintptr) error { return nil }

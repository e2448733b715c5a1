package hris

import "testing"

// SetTestHookPlanned sets testHookPlanned for the test.
func SetTestHookPlanned(t *testing.T, fn func()) {
	testHookPlanned = fn
	t.Cleanup(func() { testHookPlanned = nil })
}

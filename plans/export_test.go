package plans

import "testing"

// OnceChecked makes the next apply call f once, between checking its clashes and recording;
// the hook is gone when the test ends.
func OnceChecked(tb testing.TB, f func()) {
	testHookChecked = func() {
		testHookChecked = nil
		f()
	}
	tb.Cleanup(func() { testHookChecked = nil })
}

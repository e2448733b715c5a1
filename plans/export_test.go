package plans

// SetTestHookChecked sets the function an apply calls between checking its clashes and
// recording; nil removes it.
func SetTestHookChecked(f func()) { testHookChecked = f }

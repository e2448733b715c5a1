package plans

// OnceChecked makes the service's next apply call f once, between checking its clashes and
// recording.
func OnceChecked(s *Service, f func()) {
	s.checked = func() {
		s.checked = nil
		f()
	}
}

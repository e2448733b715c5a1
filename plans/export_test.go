package plans

// OnceChecked makes the service's next apply call f once, between checking its clashes and
// recording.
func OnceChecked(s *Service, f func()) {
	s.checked = func() {
		s.checked = nil
		f()
	}
}

// OnceReleaseChecked makes the service's next release call f once, between checking its
// changes against what was set by hand and claiming them.
func OnceReleaseChecked(s *Service, f func()) {
	s.checkedRelease = func() {
		s.checkedRelease = nil
		f()
	}
}

// OnceReleaseResolved makes the service's next release call f once, between resolving its
// changes on the ledger and recording them.
func OnceReleaseResolved(s *Service, f func()) {
	s.resolvedRelease = func() {
		s.resolvedRelease = nil
		f()
	}
}

// OnceReleaseRecorded makes the service's next release call f once, between recording its
// changes and ending its claim in the plan.
func OnceReleaseRecorded(s *Service, f func()) {
	s.releaseRecorded = func() {
		s.releaseRecorded = nil
		f()
	}
}

package http

// HoldDecoding takes every place for decoding a changeset, as that many large bodies being
// decoded at once would, and returns what gives one back.
func (s *Server) HoldDecoding() (release func()) {
	for range cap(s.decoding) {
		s.decoding <- struct{}{}
	}
	return func() { <-s.decoding }
}

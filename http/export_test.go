package http

import "context"

// HoldDecoding takes every place for decoding a changeset, as that many large bodies being
// decoded at once would, and returns what gives one back.
func (s *Server) HoldDecoding() (release func()) {
	for range cap(s.decoding) {
		s.decoding <- struct{}{}
	}
	return func() { <-s.decoding }
}

// HoldAnswering takes every place among the answers being worked out, as that many large
// answers at once would, and returns what gives them back.
func (s *Server) HoldAnswering() (release func()) {
	for range cap(s.answering) {
		s.answering <- struct{}{}
	}
	return func() {
		for range cap(s.answering) {
			<-s.answering
		}
	}
}

// HoldUnsent takes all the room for the bytes of answers being written, as slow readers of
// large answers would, and returns what gives it back.
func (s *Server) HoldUnsent() (release func()) {
	s.unsent.Acquire(context.Background(), s.cfg.AnswerBytes)
	return func() { s.unsent.Release(s.cfg.AnswerBytes) }
}

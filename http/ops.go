package http

import (
	"context"
	"time"

	"github.com/orgledger/orgledger"
)

// Health is the answer of /healthz.
type Health struct {
	Status string `json:"status" doc:"ok"`
}

// health reads the store's head, which a database that cannot be read fails to give.
func (s *Server) health(c *call, _ *none) (*Health, error) {
	ctx, cancel := context.WithTimeout(c.ctx(), 2*time.Second)
	defer cancel()
	if _, _, err := s.ledger.Store().Head(ctx); err != nil {
		// The code makes a 503 with a safe message; the cause, joined, goes to the log.
		return nil, orgledger.Unreadable(err)
	}
	return &Health{Status: "ok"}, nil
}

func (s *Server) serveOpenAPI(c *call, _ *none) error {
	h := c.w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-cache")
	c.w.Write(s.openapi)
	return nil
}

func (s *Server) serveMetrics(c *call, _ *none) error {
	s.metrics.handler.ServeHTTP(c.w, c.r)
	return nil
}

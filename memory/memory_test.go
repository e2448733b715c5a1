package memory_test

import (
	"testing"

	"github.com/orgledger/orgledger/memory"
	"github.com/orgledger/orgledger/storetest"
)

// TestStoreSuite runs the backends' common suite in memory.
func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(testing.TB) storetest.Backend {
		return storetest.Backend{Store: memory.New(), Plans: memory.NewPlans()}
	})
}

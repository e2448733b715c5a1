package hugepages_test

import (
	"testing"

	"github.com/orgledger/orgledger/internal/hugepages"
)

// TestAdvise: a large array's mapping asks for huge pages once advised; an array smaller than
// a huge page is left as it is.
func TestAdvise(t *testing.T) {
	if !hugepages.Available() {
		t.Skip("this kernel gives no transparent huge pages")
	}
	plain := make([]uint64, 64<<20/8)
	if ok, err := hugepages.Advised(plain); err != nil || ok {
		t.Fatalf("a plain array's mapping asks for huge pages (%v, %v): the test cannot tell advice", ok, err)
	}
	big := hugepages.Make[uint64](64 << 20 / 8)
	if len(big) != 64<<20/8 {
		t.Fatalf("Make returned %d elements", len(big))
	}
	if ok, err := hugepages.Advised(big); err != nil || !ok {
		t.Errorf("a 64 MiB array made by Make does not ask for huge pages (%v, %v)", ok, err)
	}
	if n := hugepages.Advise(make([]byte, 100)); n != 0 {
		t.Errorf("Advise asked for %d bytes of a 100-byte array", n)
	}
	if n := hugepages.Advise([]struct{}{{}, {}}); n != 0 {
		t.Errorf("Advise asked for %d bytes of an array of empty structs", n)
	}
}

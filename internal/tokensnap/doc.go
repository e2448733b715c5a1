// Package tokensnap keeps the stored tokens as last read, for a server that checks a token on
// every request: one read of the store serves every request for a while, a revoked token stops
// working within a bound, and a store that stalls holds up only the requests that read it.
package tokensnap

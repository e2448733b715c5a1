// Package http is orgledger's HTTP API: the JSON answers of the command line, served to
// scripts, with tokens and roles, an OpenAPI document, metrics and logs (the web UI, package
// web, has JSON routes of its own under /ui/). It imports net/http under its own name; callers name this package orghttp or the like.
//
// It sits at the outer edge of the house, beside the command line: a request becomes a
// ledger query or a changeset, and the ledger's answers (the types of the root package's
// info.go) are written as JSON. Nothing below calls back up into it.
//
// Every route is one row of the table in routes.go: method and Go 1.22 pattern, the least
// role that may call it, the body it reads and its size limit, whether its answer is cached by
// ETag, and the endpoint that answers. From the table come the ServeMux, the problem+json
// answers for unknown paths (404) and methods (405), and the OpenAPI 3.1 document
// (openapi.go), whose parameters are read from the very structs that handlers decode
// (params.go) and whose schemas from the very types they return (schema.go), so that the
// document cannot drift from the server.
//
// Handlers return errors; one function, writeError in problem.go, renders them as RFC 9457
// problem details, mapping orgledger's error codes to statuses. An internal error's cause goes
// to the log only, under the request's id.
//
// Roles (auth.go, call.go): a token is looked up by the SHA-256 of its secret in a snapshot
// of the token store, reloaded every TokenTTL. A viewer's every question carries a horizon of
// today, which the ledger applies to dates, history, log and diff alike, so that nothing
// effective after today reaches a viewer through any route. An admin writes, and every event
// records the name of the token that wrote it.
//
// Reads are answered from the ledger's index in memory, and their ETag is the ledger's head,
// today and whether the caller sees the future (etag.go). Writes go through the ledger, which
// serializes them and validates each against the store's head; the server keeps no copy of
// the org of its own. A background loop catches the ledger up with writes other processes make
// to the same database.
//
// Operations (observe.go, metrics.go, server.go): each request has an id (the client's
// X-Request-ID if sane) and one structured log line, without its query string and without any
// secret; Prometheus metrics live on a registry of the server's own; Serve applies timeouts
// and shuts down gracefully when its context ends.
package http

// Package examples holds the changesets people can run, embedded in the binary so that
// `orgledger serve --demo` loads the bundled example without a checkout of the repository.
// The files themselves are the documentation; this package only hands them out in order.
package examples

// Package gz compresses the large answers of the API and the web UI with gzip, on every core:
// a chart or an export of a large org is megabytes of JSON or CSV that compress about
// fivefold, which matters on any network slower than the loopback.
package gz

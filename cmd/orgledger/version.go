package main

import (
	"runtime"
	"runtime/debug"
)

// version describes the binary for --version: the module's version as the go command stamped
// it, and the Go that built it. Built from a git checkout, the version is a tag or a
// pseudo-version that names the commit, with "+dirty" for uncommitted changes; built without
// version control information (go run, -buildvcs=false), it is "(devel)".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown), " + runtime.Version()
	}
	return info.Main.Version + ", " + info.GoVersion
}

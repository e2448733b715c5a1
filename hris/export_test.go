package hris

// AfterPlanning returns opt with fn called between working the import's changes out and
// recording them.
func AfterPlanning(opt ImportOptions, fn func()) ImportOptions {
	opt.planned = fn
	return opt
}

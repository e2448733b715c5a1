package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// argsOf takes at least least arguments and at most most (no limit where most is negative), none
// of them empty, and words a command line that gives another number with the arguments the
// command's Use names: "plan add needs NAME FILE..., and was given only "q3"", where cobra
// says "requires at least 2 arg(s), only received 1". An empty one, as a script's unset
// variable gives it, is a usage error, as an empty flag is, not a name that is not there.
func argsOf(least, most int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		path := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
		names := argNames(cmd.Use)
		all := strings.Join(names, " ")
		switch {
		case len(args) < least && len(args) == 0:
			return usageErrorf("%s needs %s, and was given none", path, all)
		case len(args) < least:
			return usageErrorf("%s needs %s, and was given only %s", path, all, quoted(args))
		case most >= 0 && len(args) > most:
			return usageErrorf("%s takes %s only, and was also given %s", path, all, quoted(args[most:]))
		}
		for i, a := range args {
			if a == "" && len(names) > 0 {
				return usageErrorf("%s is given an empty %s: give one", path, strings.Trim(names[min(i, len(names)-1)], "[]."))
			}
		}
		return nil
	}
}

// argNames returns the arguments a command's Use names after the command's own name, its
// flags and their values left out: "create NAME --effective DATE [FILE...]" names NAME and
// [FILE...].
func argNames(use string) []string {
	var names []string
	fields := strings.Fields(use)
	for i := 1; i < len(fields); i++ {
		if strings.HasPrefix(fields[i], "-") {
			i++ // the flag's value
			continue
		}
		names = append(names, fields[i])
	}
	return names
}

// quoted quotes each argument, and joins them with commas.
func quoted(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return strings.Join(q, ", ")
}

package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// argsOf takes at least min arguments and at most max (no limit where max is negative), and
// words a command line that gives another number with the arguments the command's Use names:
// "plan add needs NAME FILE..., and was given only "q3"", where cobra says "requires at least
// 2 arg(s), only received 1".
func argsOf(min, max int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		path := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
		names := strings.Join(argNames(cmd.Use), " ")
		switch {
		case len(args) < min && len(args) == 0:
			return usageErrorf("%s needs %s, and was given none", path, names)
		case len(args) < min:
			return usageErrorf("%s needs %s, and was given only %s", path, names, quoted(args))
		case max >= 0 && len(args) > max:
			return usageErrorf("%s takes %s only, and was also given %s", path, names, quoted(args[max:]))
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

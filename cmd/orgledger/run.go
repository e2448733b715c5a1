package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/orgledger/orgledger"
)

// Exit statuses.
const (
	exitOK      = 0
	exitRefused = 1 // the input was refused, a check failed, or something went wrong
	exitUsage   = 2 // the command line itself is wrong
	// exitInterrupted is a command stopped by an interrupt or SIGTERM before it was done, as
	// shells report a process a SIGINT ended (128+2).
	exitInterrupted = 130
)

// Main is the program, with everything it touches outside itself injected.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Clock  orgledger.Clock

	// logCopied, when set, is called once copy has copied the log: tests write to the source
	// there.
	logCopied func()
	// copyMarked, when set, is called once copy has marked the database it writes into: tests
	// write there then, as a second copy would.
	copyMarked func()
	// ledgerCopied, when set, is called once a dry run of several files has copied the ledger,
	// before it copies the plans: tests write to the database there, as another process could.
	ledgerCopied func()
	// args are the command line Run runs, for what must be read of it where cobra could not
	// parse it.
	args []string
	// checkpointEvery, when set, takes the place of slowOpen for commands that write: tests
	// set it low.
	checkpointEvery int64
}

// NewMain returns a Main on the process's streams, environment and clock.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Clock: orgledger.SystemClock{}}
}

// Run runs the command line args and returns the exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	m.args = args
	root := m.rootCommand()
	root.SetArgs(args)
	root.SetIn(m.Stdin)
	root.SetOut(m.Stdout)
	root.SetErr(m.Stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	var re runError
	if !errors.As(err, &re) {
		path := root.CommandPath()
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(m.Stderr, "orgledger: %s\nRun '%s --help' for usage.\n", printable(err.Error()), path)
		return exitUsage
	}
	if ctx.Err() != nil {
		// Stopped by an interrupt: what the command says of it (what it wrote, what to do),
		// else its cause, rather than an internal error whose cause is a canceled context.
		msg := orgledger.ErrorMessage(re.err)
		if orgledger.ErrorCode(re.err) == orgledger.EINTERNAL {
			msg = re.err.Error()
		}
		fmt.Fprintf(m.Stderr, "orgledger: interrupted: %s\n", printable(msg))
		return exitInterrupted
	}
	fmt.Fprintf(m.Stderr, "orgledger: %s\n", printable(orgledger.ErrorMessage(re.err)))
	if orgledger.ErrorCode(re.err) == orgledger.EINTERNAL {
		fmt.Fprintf(m.Stderr, "cause: %s\n", printable(re.err.Error()))
	}
	return exitRefused
}

// withNote returns err with a note after its message: a refusal keeps its code and problems,
// an internal error its cause, which the command line prints.
func withNote(err error, note string) error {
	var e *orgledger.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("%w; %s", err, note)
	}
	msg := note
	if e.Message != "" {
		msg = e.Message + "; " + note
	}
	return &orgledger.Error{Code: e.Code, Message: msg, Problems: e.Problems}
}

// runError marks an error from running a command, as against parsing its command line.
type runError struct{ err error }

func (e runError) Error() string { return e.err.Error() }
func (e runError) Unwrap() error { return e.err }

// run wraps a command body so that its errors are told apart from usage errors.
func run(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		err := fn(cmd, args)
		var ue usageError
		if err == nil || errors.As(err, &ue) {
			return err
		}
		return runError{err}
	}
}

// helpOnly runs a command that only holds others (plan, token): alone it prints its help;
// with an argument, which subcommandOnly refuses, it is a usage error naming the argument.
func helpOnly(cmd *cobra.Command, _ []string) error { return cmd.Help() }

// subcommandOnly refuses an argument to a command that only holds others as an unknown
// command, with the subcommands it is nearest (cobra suggests them for the root's only), or,
// near none, all of them: a shell completion has no script for is told the shells it has.
func subcommandOnly(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	hint := "; its commands: " + strings.Join(subcommandNames(cmd), ", ")
	if near := nearSubcommands(cmd, args[0]); len(near) > 0 {
		hint = "; did you mean " + strings.Join(near, " or ") + "?"
	}
	return usageErrorf("unknown command %q for %q%s", args[0], cmd.CommandPath(), hint)
}

// suggestNear has every command below the root suggest, for an unknown subcommand, those one
// edit from it: cobra's commands but the root suggest only those it begins (found by QA: plan
// lst suggested nothing). Two edits, as the root allows, would have tcsh mean bash, fish or
// zsh; subcommandOnly adds two letters swapped (plan shwo).
func suggestNear(cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		c.SuggestionsMinimumDistance = 1
		suggestNear(c)
	}
}

// nearSubcommands returns the subcommands of cmd that typed may misspell: cobra's suggestions,
// and those it spells with two letters swapped.
func nearSubcommands(cmd *cobra.Command, typed string) []string {
	near := cmd.SuggestionsFor(typed)
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() && swapped(strings.ToLower(typed), c.Name()) && !slices.Contains(near, c.Name()) {
			near = append(near, c.Name())
		}
	}
	return near
}

// swapped reports whether a is b with two neighbouring letters swapped.
func swapped(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// subcommandNames returns the names of the commands under cmd that its help lists.
func subcommandNames(cmd *cobra.Command) []string {
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return names
}

// dashedFlags reads an underscore in a flag's name as a dash: --known_at, as the API's query
// parameter is spelled, is --known-at.
func dashedFlags(_ *pflag.FlagSet, name string) pflag.NormalizedName {
	return pflag.NormalizedName(strings.ReplaceAll(name, "_", "-"))
}

// noArgs refuses arguments to a command that takes none, naming the first: cobra.NoArgs calls
// one an unknown command, which reads wrongly of a command that has no subcommands.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, and was given %q: what it needs comes in flags (see --help)", strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" "), args[0])
	}
	return nil
}

// usageError is a command line that cannot be run as given.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// noEmptyFlags refuses a flag given an empty value (--at "", say, from a script's unset
// variable): left out, it would mean its default, today or the default database, where the
// caller meant a value. No flag of orgledger's takes an empty one.
func noEmptyFlags(cmd *cobra.Command) error {
	var empty []string
	optional := false
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if f.Value.Type() == "string" && f.Value.String() == "" {
			empty = append(empty, "--"+f.Name)
			optional = optional || f.Annotations[requiredFlag] == nil
		}
	})
	switch {
	case len(empty) == 0:
		return nil
	case optional:
		return usageErrorf("%s given an empty value: give one, or leave the flag out for its default", strings.Join(empty, ", "))
	}
	return usageErrorf("%s given an empty value: give one", strings.Join(empty, ", "))
}

// requiredFlag is the annotation of a flag the command cannot do without (required).
const requiredFlag = "orgledger_required"

// required marks the flags named as ones the command cannot do without: the help says so,
// and one given empty is asked for, not to be left out for a default it has not
// (noEmptyFlags); the command itself refuses one left out.
func required(cmd *cobra.Command, names ...string) {
	for _, name := range names {
		cmd.Flags().Lookup(name).Usage += " (required)"
		if err := cmd.Flags().SetAnnotation(name, requiredFlag, []string{"true"}); err != nil {
			panic(err) // a flag this program defines
		}
	}
}

// checkFlags refuses flags the command line gave wrongly: empty (noEmptyFlags), or one value
// given twice (noRepeatedFlags). The root runs it before every command; a command with a
// hook of its own (plan) runs it first there.
func checkFlags(cmd *cobra.Command) error {
	if err := noEmptyFlags(cmd); err != nil {
		return err
	}
	return noRepeatedFlags(cmd)
}

// noRepeatedFlags refuses a flag that takes one value given more than once (--at 2024-01-01
// --at 2025-01-01): pflag keeps the last, and the caller may have meant the first; a flag
// given the same value again (--dry-run --dry-run) is no harm. It names
// the flags, not their values, which may hold a database's password. Flags that take a list
// (--map) are repeatable.
func noRepeatedFlags(cmd *cobra.Command) error {
	var repeated []string
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if c, ok := f.Value.(*countedValue); ok && c.differs {
			repeated = append(repeated, fmt.Sprintf("--%s (%d times)", f.Name, c.times))
		}
	})
	if len(repeated) > 0 {
		return usageErrorf("%s given more than once, with different values: each takes one value, and the last would silently win; give it once", strings.Join(repeated, ", "))
	}
	return nil
}

// countedValue is a flag's value that counts how often the command line sets it, and notes
// whether it is set to different values (--dry-run given twice is the same as once).
type countedValue struct {
	pflag.Value
	times   int
	first   string
	differs bool
}

func (v *countedValue) Set(s string) error {
	if err := v.Value.Set(s); err != nil {
		return err
	}
	v.times++
	if v.times == 1 { // the values as read, so that --dry-run and --dry-run=1 are the same
		v.first = v.Value.String()
	} else if v.Value.String() != v.first {
		v.differs = true
	}
	return nil
}

// countSets makes every flag of cmd and the commands under it that takes one value count how
// often it is set, for noRepeatedFlags. A flag that takes a list stays as it is.
func countSets(cmd *cobra.Command) {
	count := func(f *pflag.Flag) {
		if _, done := f.Value.(*countedValue); !done && !takesList(f) {
			f.Value = &countedValue{Value: f.Value}
		}
	}
	cmd.PersistentFlags().VisitAll(count)
	cmd.Flags().VisitAll(count)
	for _, sub := range cmd.Commands() {
		countSets(sub)
	}
}

// takesList reports whether a flag is meant to be given several times: a slice, an array or a
// count.
func takesList(f *pflag.Flag) bool {
	t := f.Value.Type()
	return strings.HasSuffix(t, "Slice") || strings.HasSuffix(t, "Array") || t == "count"
}

// oneID takes one argument, an id: an empty one, as a script's unset variable gives it, is a
// usage error, as an empty flag is, not an id that is not there.
func oneID(cmd *cobra.Command, args []string) error {
	if len(args) == 1 && args[0] == "" {
		return usageErrorf("the id is empty: give the id of a person, position or unit")
	}
	return argsOf(1, 1)(cmd, args)
}

// told is what the command line tells of err where it tells it in a sentence of its own (a
// warning, a refusal in JSON): the message of an orgledger error, and of any other (a usage
// error, the database's) its text, where the server says only "internal error" and logs it.
func told(err error) string {
	if e := (*orgledger.Error)(nil); errors.As(err, &e) {
		return orgledger.ErrorMessage(err)
	}
	return err.Error()
}

// usageErrorf returns an error that Run reports as a usage error.
func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// flagError words the error of a flag's value that pflag could not parse as the flag's type
// in the terms of that type ("--depth: "abc" is not a whole number"), not in strconv's.
func flagError(err error) error {
	var invalid *pflag.InvalidValueError
	if !errors.As(err, &invalid) {
		return err
	}
	var num *strconv.NumError
	isNum := errors.As(err, &num)
	var what string
	switch {
	case isNum && errors.Is(num.Err, strconv.ErrRange):
		what = "is out of range"
	case isNum && num.Func == "ParseBool":
		what = "is not true or false"
	case isNum && num.Func == "ParseFloat":
		what = "is not a number"
	case isNum:
		what = "is not a whole number"
	case invalid.GetFlag().Value.Type() == "duration":
		what = "is not a duration, such as 500ms, 30s or 5m"
	default:
		return err
	}
	return usageErrorf("--%s: %q %s", invalid.GetFlag().Name, invalid.GetValue(), what)
}

func (m *Main) rootCommand() *cobra.Command {
	g := &globalConfig{}
	root := &cobra.Command{
		Use:   "orgledger",
		Short: "The system of record for an organization's structure over time",
		Long: strings.TrimSpace(`
orgledger keeps people, positions, org units and reporting lines as an append-only,
bitemporal ledger of effective-dated changes. It answers "who reported to whom on date D,
as we knew it at time T".

Start with the bundled example, in the browser:

  orgledger serve --demo

or in the terminal:

  orgledger apply examples/alibaba-cloud-2022/*.yaml
  orgledger chart --at 2022-04-13

Dates are YYYY-MM-DD. --at defaults to today and --known-at to now; --known-at takes an
RFC 3339 time or a date, meaning the end of that day, UTC.`),
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return checkFlags(cmd) }
	root.SetVersionTemplate("orgledger {{.Version}}\n")
	root.PersistentFlags().StringVar(&g.db, "db", "", "the ledger: a SQLite file path, or a postgres:// URL (env ORGLEDGER_DB; default orgledger.db)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return flagError(err) })
	root.AddCommand(
		m.applyCommand(g), m.chartCommand(g), m.showCommand(g), m.historyCommand(g),
		m.diffCommand(g), m.logCommand(g), m.importCommand(g), m.exportCommand(g), m.planCommand(g),
		m.genCommand(g), m.benchCommand(g), m.checkpointCommand(g),
		m.serveCommand(g),
		m.tokenCommand(g),
		m.loadCommand(), m.copyCommand(),
	)
	// cobra adds its completion command as the root runs; made here, it refuses a shell it does
	// not know as plan and token refuse an unknown command, not print its help and exit 0.
	root.InitDefaultCompletionCmd()
	if c, _, err := root.Find([]string{"completion"}); err == nil && c != root {
		c.Args, c.RunE = subcommandOnly, helpOnly
	}
	suggestNear(root)
	root.SetGlobalNormalizationFunc(dashedFlags)
	countSets(root)
	return root
}

package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/orgledger/orgledger"
)

type tokenCreateConfig struct {
	name, role string
}

type tokenListConfig struct {
	format formatFlag
}

func (m *Main) tokenCommand(g *globalConfig) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Create, list and revoke the tokens of the HTTP API",
		Long: `Every request to orgledger serve but /healthz needs a token: Authorization: Bearer TOKEN.
A token has a name, which every event it writes records, and a role: a viewer reads the org up
to today; a planner also reads future-dated changes, and drafts plans, its own and those
shared with it; an admin also writes changesets and imports, applies plans, sees every plan
and reads /metrics. The secret is printed once, when the token is created; only its hash is kept.`,
		Args: subcommandOnly,
		RunE: helpOnly,
	}
	cmd.AddCommand(m.tokenCreateCommand(g), m.tokenListCommand(g), m.tokenRevokeCommand(g))
	return cmd
}

func (m *Main) tokenCreateCommand(g *globalConfig) *cobra.Command {
	c := &tokenCreateConfig{}
	cmd := &cobra.Command{
		Use:     "create --name NAME --role viewer|planner|admin",
		Short:   "Create a token and print its secret, alone on the last line",
		Example: `  TOKEN=$(orgledger token create --name ci --role admin | tail -n 1)`,
		Args:    noArgs,
		RunE:    run(func(cmd *cobra.Command, _ []string) error { return m.tokenCreate(cmd.Context(), g, c) }),
	}
	cmd.Flags().StringVar(&c.name, "name", "", "the token's name, recorded with every event it writes")
	cmd.Flags().StringVar(&c.role, "role", "", "viewer, planner or admin")
	required(cmd, "name", "role")
	return cmd
}

func (m *Main) tokenCreate(ctx context.Context, g *globalConfig, c *tokenCreateConfig) error {
	if c.name == "" || c.role == "" {
		return usageErrorf("--name and --role are required")
	}
	role, err := orgledger.ParseRole(c.role)
	if err != nil {
		return usageErrorf("--role: %s", orgledger.ErrorMessage(err))
	}
	if err := (&orgledger.Token{Name: c.name, Role: role}).Check(); err != nil {
		return usageErrorf("--name: %s", orgledger.ErrorMessage(err)) // before the database is opened
	}
	db, err := openDatabase(ctx, m.dbPath(g), true)
	if err != nil {
		return err
	}
	defer db.close()
	secret, err := createToken(ctx, db.tokens, c.name, role, m.Clock.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Created the %s token %q. Its secret is printed this once; orgledger keeps only its hash:\n%s\n", role, c.name, secret)
	m.noteOwnedPlans(ctx, db.plans, c.name, role)
	return nil
}

// noteOwnedPlans tells, on standard error, of the plans a new token's name owns already
// (made on the command line with --owner NAME): over HTTP, its holder sees and changes them.
func (m *Main) noteOwnedPlans(ctx context.Context, store orgledger.PlanStore, name string, role orgledger.Role) {
	all, err := store.Plans(ctx)
	if err != nil {
		fmt.Fprintf(m.Stderr, "orgledger: the plans could not be read to tell which %s owns: %v\n", name, err)
		return
	}
	var owned []string
	for _, p := range all {
		if p.Owner == name {
			owned = append(owned, p.Name)
		}
	}
	if len(owned) == 0 || !role.SeesFuture() {
		return
	}
	fmt.Fprintf(m.Stderr, "orgledger: %s owns %s already (%s), made on the command line as %s: over HTTP, this token sees and changes what it owns\n",
		name, count(len(owned), "plan"), strings.Join(owned, ", "), name)
}

// createToken makes a token with a new secret, stores it and returns the secret.
func createToken(ctx context.Context, store orgledger.TokenStore, name string, role orgledger.Role, now time.Time) (string, error) {
	secret, hash, err := orgledger.NewTokenSecret()
	if err != nil {
		return "", err
	}
	t := &orgledger.Token{Name: name, Role: role, Hash: hash, Created: now.UTC()}
	if err := store.CreateToken(ctx, t); err != nil {
		return "", err
	}
	return secret, nil
}

func (m *Main) tokenListCommand(g *globalConfig) *cobra.Command {
	c := &tokenListConfig{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the tokens: name, role, created, last used, revoked",
		Args:  noArgs,
		RunE:  run(func(cmd *cobra.Command, _ []string) error { return m.tokenList(cmd.Context(), g, c) }),
	}
	c.format.register(cmd, "text", "json")
	return cmd
}

func (m *Main) tokenList(ctx context.Context, g *globalConfig, c *tokenListConfig) error {
	if err := c.format.check(); err != nil {
		return err
	}
	store, closeDB, err := m.openTokens(ctx, g, false)
	if err != nil {
		return err
	}
	defer closeDB()
	toks, err := store.Tokens(ctx)
	if err != nil {
		return err
	}
	if c.format.value == "json" {
		return writeJSON(m.Stdout, nonNilSlice(toks))
	}
	writeTokens(m.Stdout, toks)
	return nil
}

func writeTokens(w io.Writer, toks []*orgledger.Token) {
	tw := columns(w)
	fmt.Fprintln(tw, "NAME\tROLE\tCREATED\tLAST USED\tREVOKED")
	for _, t := range toks {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.Name, t.Role, timeOrDash(t.Created), timeOrDash(t.LastUsed), timeOrDash(t.Revoked))
	}
	tw.Flush()
}

func timeOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

func (m *Main) tokenRevokeCommand(g *globalConfig) *cobra.Command {
	return &cobra.Command{
		Use:   "revoke NAME",
		Short: "Revoke a token; a running server refuses it within a second",
		Long: `Revoke makes a token unusable. The token stays listed, and its name is never given to
another, because the events it wrote record it.`,
		Args: argsOf(1, 1),
		RunE: run(func(cmd *cobra.Command, args []string) error { return m.tokenRevoke(cmd.Context(), g, args[0]) }),
	}
}

func (m *Main) tokenRevoke(ctx context.Context, g *globalConfig, name string) error {
	store, closeDB, err := m.openTokens(ctx, g, false)
	if err != nil {
		return err
	}
	defer closeDB()
	tokens, err := store.Tokens(ctx)
	if err != nil {
		return err
	}
	if i := slices.IndexFunc(tokens, func(t *orgledger.Token) bool { return t.Name == name && !t.Active() }); i >= 0 {
		fmt.Fprintf(m.Stdout, "The token %q was revoked already, at %s.\n", name, tokens[i].Revoked.UTC().Format(time.RFC3339))
		return nil
	}
	if err := store.RevokeToken(ctx, name, m.Clock.Now()); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Revoked the token %q.\n", name)
	return nil
}

// openTokens opens the token store of the database. Only create makes a new database.
func (m *Main) openTokens(ctx context.Context, g *globalConfig, create bool) (orgledger.TokenStore, func(), error) {
	db, err := openDatabase(ctx, m.dbPath(g), create)
	if err != nil {
		return nil, nil, err
	}
	return db.tokens, func() { db.close() }, nil
}

package changeset

import (
	"encoding/json"
	"fmt"

	"github.com/orgledger/orgledger"
)

// PlanColumns is what a store keeps of a plan beside its scalar fields: its changes
// (EncodeChanges) and its lists as JSON, an empty list as [].
type PlanColumns struct {
	Changes, Shared, Waiting, Releasing, Withdrawn string
}

// EncodePlan returns the columns a store keeps of p's changes and lists.
func EncodePlan(p *orgledger.Plan) (PlanColumns, error) {
	changes, err := EncodeChanges(p.Changes)
	if err != nil {
		return PlanColumns{}, fmt.Errorf("plan %s: %w", p.Name, err)
	}
	return PlanColumns{Changes: changes, Shared: jsonList(p.Shared), Waiting: jsonList(p.Waiting),
		Releasing: jsonList(p.Releasing), Withdrawn: jsonList(p.Withdrawn)}, nil
}

// jsonList writes a list as JSON, nil as [] as any empty list.
func jsonList[T any](xs []T) string {
	if len(xs) == 0 {
		return "[]"
	}
	b, err := json.Marshal(xs)
	if err != nil {
		panic(fmt.Sprintf("a plan's list of %T does not encode: %v", xs, err)) // plain data always does
	}
	return string(b)
}

// DecodePlan sets p's changes and lists from what EncodePlan wrote (or a list written null);
// an empty list is nil, but for Shared, which a plan's view shows as []. Changes "" leaves p
// without changes, as a plan's head is read.
func DecodePlan(p *orgledger.Plan, c PlanColumns) error {
	lists := []struct {
		name, text string
		into       any
	}{{"shared_with", c.Shared, &p.Shared}, {"waiting", c.Waiting, &p.Waiting},
		{"releasing", c.Releasing, &p.Releasing}, {"withdrawn", c.Withdrawn, &p.Withdrawn}}
	for _, l := range lists {
		if err := json.Unmarshal([]byte(l.text), l.into); err != nil {
			return fmt.Errorf("plan %s: %s: %w", p.Name, l.name, err)
		}
	}
	p.Waiting, p.Releasing, p.Withdrawn = nilIfEmpty(p.Waiting), nilIfEmpty(p.Releasing), nilIfEmpty(p.Withdrawn)
	var err error
	if p.Changes, err = DecodeChanges("plan "+p.Name, c.Changes); err != nil {
		return fmt.Errorf("plan %s: %w", p.Name, err)
	}
	return nil
}

func nilIfEmpty[T any](xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	return xs
}

package changeset

import "github.com/orgledger/orgledger"

// EncodeChanges writes changes as a changeset file's text, for stores that keep a plan's
// changes the way a planner would write them; "" for no changes, which a changeset file may not
// have but a plan just drafted does.
func EncodeChanges(effective orgledger.Date, changes []orgledger.Change) (string, error) {
	if len(changes) == 0 {
		return "", nil
	}
	b, err := Encode(&orgledger.Changeset{Effective: effective, Changes: changes})
	return string(b), err
}

// DecodeChanges reads what EncodeChanges wrote.
func DecodeChanges(name, text string) ([]orgledger.Change, error) {
	if text == "" {
		return nil, nil
	}
	cs, err := Decode(name, []byte(text))
	if err != nil {
		return nil, err
	}
	return cs.Changes, nil
}

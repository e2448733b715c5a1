package orgledger

import (
	"encoding/json"
	"fmt"
	"io"
)

// DigestEvent writes an event with every field a store keeps of it to h, as one line: two
// events that write the same line are the same event as stored. Digests of a ledger (copy's
// proof, the chart image's head) are made of these lines.
func DigestEvent(h io.Writer, e *Event) error {
	data, effects, err := EncodeEvent(e)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(h, "event %d %d %s %d %q %q %q %q %s %s %s %s\n", e.Seq, e.Commit, e.Effective, e.Recorded.UnixMicro(),
		e.Actor, e.Source, e.Note, e.Plan, e.Import, e.Op.Verb(), data, effects)
	return err
}

// EncodeEvent returns the JSON of an event's change and of its effects ("" for none), as
// every store keeps them.
func EncodeEvent(e *Event) (data, effects string, err error) {
	b, err := json.Marshal(e.Op)
	if err != nil {
		return "", "", fmt.Errorf("encode event %d: %w", e.Seq, err)
	}
	if !e.Effects.IsZero() {
		eb, err := json.Marshal(e.Effects)
		if err != nil {
			return "", "", fmt.Errorf("encode event %d: %w", e.Seq, err)
		}
		effects = string(eb)
	}
	return string(b), effects, nil
}

// DecodeEvent fills an event's change and effects from their stored JSON.
func DecodeEvent(e *Event, verb, data, effects string) error {
	op := NewOp(Verb(verb))
	if op == nil {
		return fmt.Errorf("event %d: unknown verb %q", e.Seq, verb)
	}
	if err := json.Unmarshal([]byte(data), op); err != nil {
		return fmt.Errorf("event %d: %w", e.Seq, err)
	}
	e.Op = op
	if effects != "" {
		if err := json.Unmarshal([]byte(effects), &e.Effects); err != nil {
			return fmt.Errorf("event %d effects: %w", e.Seq, err)
		}
	}
	return nil
}

// UnmarshalJSON reads an event as the answers write it, its change of its verb's type, so that
// a Go client reads the log, and the answers that hold events, into the types that wrote them.
func (e *HistoryEvent) UnmarshalJSON(b []byte) error {
	type fields HistoryEvent // the same fields, without this method
	var read struct {
		fields
		Change json.RawMessage `json:"change"` // over fields' Change, an Op it cannot fill
	}
	if err := json.Unmarshal(b, &read); err != nil {
		return err
	}
	*e = HistoryEvent(read.fields)
	if len(read.Change) == 0 || string(read.Change) == "null" {
		return nil
	}
	op := NewOp(e.Verb)
	if op == nil {
		return fmt.Errorf("event %d: unknown verb %q", e.Event, e.Verb)
	}
	if err := json.Unmarshal(read.Change, op); err != nil {
		return fmt.Errorf("event %d: %w", e.Event, err)
	}
	e.Change = op
	return nil
}

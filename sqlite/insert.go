package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/orgledger/orgledger"
)

// insertBatch is how many events one INSERT statement writes: a statement per event costs
// more in the driver than the row itself.
const insertBatch = 128

// An event's row binds only what its batch needs. Every bound value is a call into the driver
// that takes the connection's mutex, and most events have no effects and the commit's source
// and note: a short row binds three values (effective, verb, data), a full row six. The
// commit's id is in the statement's text, and the seq is the rowid SQLite gives the row, the
// one after the last: Append has checked that the last is the head, the events' seqs follow
// it without a gap (Commit.Follows), and each batch checks the rowid of its last row. SQLite
// appends such a row without first searching the table for its rowid.
const (
	shortColumns = 3
	fullColumns  = 6
)

// insertEvents inserts the commit's events, a batch to a statement. Their JSON is encoded on
// another goroutine a few batches ahead, so that encoding and SQLite's inserts take a core each.
func insertEvents(ctx context.Context, tx *sql.Tx, c *orgledger.Commit) error {
	stmts := map[int]*sql.Stmt{} // full batches, by columns
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	stop := make(chan struct{})
	defer close(stop)
	for b := range encodeBatches(c, stop) {
		if b.err != nil {
			return b.err
		}
		if err := insertBatchRows(ctx, tx, stmts, c.ID, b); err != nil {
			return fmt.Errorf("insert events %d–%d: %w", b.first, b.last, err)
		}
	}
	return nil
}

// insertBatchRows runs the INSERT of one batch, on a statement prepared once per commit for
// full batches.
func insertBatchRows(ctx context.Context, tx *sql.Tx, stmts map[int]*sql.Stmt, commit int64, b encodedBatch) error {
	n := len(b.args) / b.columns
	var res sql.Result
	var err error
	if n != insertBatch {
		res, err = tx.ExecContext(ctx, insertSQL(commit, b.columns, n), b.args...)
	} else {
		st, ok := stmts[b.columns]
		if !ok {
			if st, err = tx.PrepareContext(ctx, insertSQL(commit, b.columns, n)); err != nil {
				return err
			}
			stmts[b.columns] = st
		}
		res, err = st.ExecContext(ctx, b.args...)
	}
	if err != nil {
		return err
	}
	if last, err := res.LastInsertId(); err != nil || last != b.last {
		return fmt.Errorf("the last row has seq %d (%v), not %d", last, err, b.last)
	}
	return nil
}

// encodedBatch is the values of one INSERT, or the error that stopped encoding them.
type encodedBatch struct {
	args        []any
	columns     int // values per row: shortColumns or fullColumns
	first, last int64
	err         error
}

// encodeBatches encodes the commit's events into the values of INSERTs, on a goroutine of its
// own, until all are sent or stop is closed. A panic while encoding is sent as an error, as it
// would have come from the caller's own goroutine.
func encodeBatches(c *orgledger.Commit, stop <-chan struct{}) <-chan encodedBatch {
	out := make(chan encodedBatch, 4)
	go func() {
		defer close(out)
		defer func() {
			if r := recover(); r != nil {
				send(out, stop, encodedBatch{err: fmt.Errorf("encode events: %v", r)})
			}
		}()
		for start := 0; start < len(c.Events); start += insertBatch {
			select {
			case <-stop:
				return
			default:
			}
			b := encodeBatch(c, c.Events[start:min(start+insertBatch, len(c.Events))])
			if !send(out, stop, b) || b.err != nil {
				return
			}
		}
	}()
	return out
}

// send sends b unless stop is closed first, and reports whether it did.
func send(out chan<- encodedBatch, stop <-chan struct{}, b encodedBatch) bool {
	select {
	case out <- b:
		return true
	case <-stop:
		return false
	}
}

// encodedEvent is an event's JSON, as its row stores it.
type encodedEvent struct {
	data, effects string
}

func encodeBatch(c *orgledger.Commit, events []orgledger.Event) encodedBatch {
	enc := make([]encodedEvent, len(events))
	columns := shortColumns
	for i := range events {
		e := &events[i]
		data, effects, err := orgledger.EncodeEvent(e)
		if err != nil {
			return encodedBatch{err: err}
		}
		enc[i] = encodedEvent{data, effects}
		if len(effects) > 0 || e.Source != c.Source || e.Note != c.Note {
			columns = fullColumns
		}
	}
	b := encodedBatch{args: make([]any, 0, len(events)*columns), columns: columns,
		first: events[0].Seq, last: events[len(events)-1].Seq}
	for i := range events {
		e := &events[i]
		b.args = append(b.args, e.Effective.String(), string(e.Op.Verb()), enc[i].data)
		if columns == fullColumns {
			b.args = append(b.args, enc[i].effects, nullIfEqual(e.Source, c.Source), nullIfEqual(e.Note, c.Note))
		}
	}
	return b
}

// insertSQL returns an INSERT of n events of the commit, each with the given number of values.
func insertSQL(commit int64, columns, n int) string {
	id := strconv.FormatInt(commit, 10)
	row := "(" + id + ", ?, ?, ?),"
	names := "commit_id, effective, verb, data"
	if columns == fullColumns {
		row = "(" + id + ", ?, ?, ?, ?, ?, ?),"
		names += ", effects, source, note"
	}
	return `INSERT INTO events (` + names + `) VALUES ` + strings.TrimSuffix(strings.Repeat(row, n), ",")
}

func nullIfEqual(v, commit string) any {
	if v == commit {
		return nil
	}
	return v
}

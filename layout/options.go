package layout

import (
	"fmt"
	"math"
)

// Options tunes the spacing of a layout. The zero value gives the defaults, so a caller sets
// only what it wants to change.
type Options struct {
	// SiblingGap is the least horizontal gap between neighbouring boxes (default 20). Half of
	// it is the vertical gap between the boxes of a stack and the length of the stubs that
	// join assistants and stacked boxes to their lines.
	SiblingGap float64
	// LevelGap is the vertical gap between a parent's box and its children's boxes (default
	// 40). Half of it separates assistants from their parent and from each other.
	LevelGap float64
	// TreeGap is the horizontal gap between the trees of a forest (default 40).
	TreeGap float64
	// StackAfter is the widest span drawn side by side: a node with more children than this,
	// none of whom has children, has them stacked in columns (default 8). Zero means the
	// default; a negative value turns stacking off.
	StackAfter int
	// StackColumns is the number of columns of a stack. Zero, the default, chooses for each
	// stack the number (at least 2) that makes it about as wide as it is tall.
	StackColumns int
}

// Defaults for the zero fields of Options.
const (
	DefaultSiblingGap = 20
	DefaultLevelGap   = 40
	DefaultTreeGap    = 40
	DefaultStackAfter = 8
)

// config is Options with the defaults filled in and the derived distances worked out once.
type config struct {
	siblingGap, levelGap, treeGap float64
	stackAfter                    int // negative: never stack
	stackColumns                  int // 0: choose per stack
	stub                          float64
	stackGap, assistantGap        float64
}

// resolve checks o and fills in its defaults. A zero gap means the default rather than no gap
// so that Options{} is useful; a caller who wants boxes to touch can pass a tiny gap.
func (o Options) resolve() (config, error) {
	var c config
	var err error
	if c.siblingGap, err = gap("SiblingGap", o.SiblingGap, DefaultSiblingGap); err != nil {
		return c, err
	}
	if c.levelGap, err = gap("LevelGap", o.LevelGap, DefaultLevelGap); err != nil {
		return c, err
	}
	if c.treeGap, err = gap("TreeGap", o.TreeGap, DefaultTreeGap); err != nil {
		return c, err
	}
	if o.StackColumns < 0 {
		return c, &Error{Node: -1, Reason: fmt.Sprintf("StackColumns is negative (%d)", o.StackColumns)}
	}
	c.stackColumns = o.StackColumns
	switch {
	case o.StackAfter == 0:
		c.stackAfter = DefaultStackAfter
	case o.StackAfter < 0:
		c.stackAfter = -1
	default:
		c.stackAfter = o.StackAfter
	}
	c.stub = c.siblingGap / 2
	c.stackGap = c.siblingGap / 2
	c.assistantGap = c.levelGap / 2
	return c, nil
}

// gap returns v, or def if v is zero, refusing what is not a finite, non-negative number.
func gap(name string, v, def float64) (float64, error) {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0) || v < 0:
		return 0, &Error{Node: -1, Reason: fmt.Sprintf("%s is %v; it must be finite and not negative", name, v)}
	case v == 0:
		return def, nil
	}
	return v, nil
}

package web

import (
	"github.com/orgledger/orgledger"
	"github.com/orgledger/orgledger/ledger"
)

// Node flags, as the page reads them.
const (
	flagVacant    = 1
	flagAssistant = 2
)

// labelsKey says which chart a set of labels belongs to, so that the page can tell that the
// labels and the layout it asked for at once are of the same chart.
type labelsKey struct {
	At      string `json:"at"`
	KnownAt string `json:"known_at"` // RFC 3339 in UTC; "" for as known at head
	Head    string `json:"head"`     // the ledger's head, as a digest that tells a viewer nothing of hidden events
	Plan    string `json:"plan"`
	Version string `json:"version"` // a plan's revision and last change; "" for the ledger's chart
}

// columns are everything a chart's boxes say, one entry per node in each array, with tables
// for the strings that repeat (titles, units, people), so that a chart of 100,000 positions is
// a few megabytes the browser parses in one go rather than 100,000 objects.
type columns struct {
	titles, unitIDs, unitNames, personIDs, personNames []string
	title, unit, unitHeads, holders, people, acting    []int32
	dotted                                             []int32
	flags                                              []int8
}

// encodeLabels encodes the labels of a chart's nodes, whose tree t is, and of the units open
// on its date, as JSON: the key, then the columns.
//
//	ids, parent        the position's id, and the index of the one it reports to (-1 at a root)
//	title, titles      the title, as an index into titles
//	unit, unit_ids, unit_names
//	                   the position's unit, as an index into unit_ids and unit_names, which
//	                   hold the units of the positions first, then the open units without any
//	unit_heads         by unit, the index of its head's position, -1 for none
//	flags              1 vacant, 2 assistant
//	holders            how many people hold the position
//	people             the holders, position after position, as indexes into person_ids and person_names
//	acting             the indexes into people of acting holders
//	dotted             pairs: a position, and a position it has a dotted line to
func encodeLabels(t *tree, nodes []orgledger.ChartNode, units []ledger.OpenUnit, key labelsKey) ([]byte, error) {
	c := columnsOf(t, nodes, units)
	w := newJSONW(64 * len(nodes))
	if err := w.value("key", key); err != nil {
		return nil, err
	}
	w.strings("ids", t.ids)
	ints(w, "parent", t.parent)
	ints(w, "title", c.title)
	w.strings("titles", c.titles)
	ints(w, "unit", c.unit)
	w.strings("unit_ids", c.unitIDs)
	w.strings("unit_names", c.unitNames)
	ints(w, "unit_heads", c.unitHeads)
	ints(w, "flags", c.flags)
	ints(w, "holders", c.holders)
	ints(w, "people", c.people)
	ints(w, "acting", c.acting)
	w.strings("person_ids", c.personIDs)
	w.strings("person_names", c.personNames)
	ints(w, "dotted", c.dotted)
	return w.bytes(), nil
}

// columnsOf lays out the columns of the nodes and the units. A unit that holds no position
// on the chart (a team whose people sit in other units, under the head it names) is still
// there, for the search to find.
func columnsOf(t *tree, nodes []orgledger.ChartNode, open []ledger.OpenUnit) *columns {
	n := len(nodes)
	c := &columns{title: make([]int32, n), unit: make([]int32, n), flags: make([]int8, n),
		holders: make([]int32, n), people: make([]int32, 0, n), acting: []int32{}, dotted: []int32{}}
	titles, units, people := newTable(0), newTable(len(open)), newTable(n)
	for i, nd := range nodes {
		c.title[i] = titles.of(nd.Title, "")
		c.unit[i] = units.of(nd.Unit.ID, nd.Unit.Name)
		if nd.Vacant {
			c.flags[i] |= flagVacant
		}
		if nd.Kind == "assistant" {
			c.flags[i] |= flagAssistant
		}
		c.holders[i] = int32(len(nd.Holders))
		c.addHolders(nd.Holders, people)
		for _, d := range nd.Dotted {
			if j, ok := t.indexOf(d); ok {
				c.dotted = append(c.dotted, int32(i), j)
			}
		}
	}
	for _, u := range open {
		units.of(u.ID, u.Name)
	}
	c.unitHeads = unitHeads(t, units, open)
	c.titles = titles.keys
	c.unitIDs, c.unitNames = units.keys, units.values
	c.personIDs, c.personNames = people.keys, people.values
	return c
}

// unitHeads returns, for each unit of the table, the index of its head's position on the
// chart, or -1.
func unitHeads(t *tree, units *table, open []ledger.OpenUnit) []int32 {
	heads := make([]int32, len(units.keys))
	for i := range heads {
		heads[i] = -1
	}
	for _, u := range open {
		if u.Head == "" {
			continue
		}
		if j, ok := t.indexOf(u.Head); ok {
			heads[units.index[u.ID]] = j
		}
	}
	return heads
}

// addHolders adds the holders of a position to the people column.
func (c *columns) addHolders(hs []orgledger.Holder, people *table) {
	for _, h := range hs {
		if h.Acting {
			c.acting = append(c.acting, int32(len(c.people)))
		}
		c.people = append(c.people, people.of(h.ID, h.Name))
	}
}

// table numbers distinct strings in the order they first appear, each with a value (a unit's
// or a person's name beside its id).
type table struct {
	index  map[string]int32
	keys   []string
	values []string
}

// newTable returns a table with room for size strings.
func newTable(size int) *table {
	return &table{index: make(map[string]int32, size), keys: make([]string, 0, size), values: make([]string, 0, size)}
}

func (t *table) of(key, value string) int32 {
	if i, ok := t.index[key]; ok {
		return i
	}
	i := int32(len(t.keys))
	t.index[key] = i
	t.keys = append(t.keys, key)
	t.values = append(t.values, value)
	return i
}

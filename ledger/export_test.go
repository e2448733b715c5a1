package ledger

import (
	"os"

	"github.com/orgledger/orgledger"
)

// Hooks for the external tests: the straightforward ways of answering that the fast ones must
// agree with, the index in binary form, and a damaged image.

// ChartByWalk is the chart as chartNodes walks it from the roots, record by record.
func ChartByWalk(l *Ledger, q Query, opt ChartOptions) ([]orgledger.ChartNode, error) {
	var out []orgledger.ChartNode
	err := l.read(q, func(v view) error {
		var roots []int32
		if opt.Root == "" {
			for p := range v.s.countPositions() {
				if v.posOpen(p) && v.reportsTo(p) == none {
					roots = append(roots, p)
				}
			}
			roots = sortPositions(v, roots)
		} else {
			var err error
			if roots, err = chartRoots(v, opt.Root, q); err != nil {
				return err
			}
		}
		out = chartNodes(v, roots, opt.Depth)
		return nil
	})
	return out, err
}

// DiffByViews is the diff as diffPerson, diffUnit and diffPosition make it from the views,
// record by record, sorted by sortChanges.
func DiffByViews(l *Ledger, from, to orgledger.Date, q Query) orgledger.Diff {
	var d orgledger.Diff
	l.read(q, func(v view) error {
		q.At = from
		a := l.viewOf(v.s, q)
		q.At = to
		b := l.viewOf(v.s, q)
		d = orgledger.Diff{From: from, To: to, Changes: []orgledger.DiffChange{}}
		for p := range max(a.s.countPeople(), b.s.countPeople()) {
			d.Changes = append(d.Changes, diffPerson(a, b, p)...)
		}
		for u := range max(a.s.countUnits(), b.s.countUnits()) {
			d.Changes = append(d.Changes, diffUnit(a, b, u)...)
		}
		for p := range max(a.s.countPositions(), b.s.countPositions()) {
			d.Changes = append(d.Changes, diffPosition(a, b, p)...)
		}
		sortChanges(d.Changes)
		return nil
	})
	return d
}

// IndexBytes returns the ledger's index in binary form, as a checkpoint holds it.
func IndexBytes(l *Ledger) []byte {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return encodeIndex(l.x)
}

// OverlapImageStrings damages the image file at path as a hostile or broken writer could: the
// strings of even number each span all the others, and every string the chart reads is one of
// them, a different one for each position's id.
func OverlapImageStrings(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	im := &Image{}
	if err := im.read(data); err != nil {
		return err
	}
	d := &im.d
	for k := range d.strAt {
		d.strAt[k] = uint32(k%2) * uint32(len(d.strBytes))
	}
	evens := uint32(len(d.strAt)-1) / 2
	for p := range d.posID {
		d.posID[p] = 2 * (uint32(p) % evens)
	}
	for i := range d.posVer {
		d.posVer[i].title, d.posVer[i].kind = 0, 0
	}
	for i := range d.personVer {
		d.personVer[i].name = 0
	}
	for i := range d.unitVer {
		d.unitVer[i].name = 0
	}
	clear(d.personID)
	clear(d.unitID)
	return os.WriteFile(path, data, 0o600)
}

// ImageFromBytes reads an image from bytes in memory, as OpenImage reads a mapped file.
func ImageFromBytes(data []byte) (*Image, error) {
	im := &Image{}
	if err := im.read(data); err != nil {
		return nil, err
	}
	return im, nil
}

// ImageLayoutProblem lays out the image of l as WriteImage does and says where the layout
// breaks the order image_order.go promises, or "" when it keeps it.
func ImageLayoutProblem(l *Ledger) string {
	l.mu.RLock()
	d := buildImage(l.x)
	l.mu.RUnlock()
	d.locate()
	return d.layoutProblem()
}

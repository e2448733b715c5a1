package ledger

// Shape is the shape of the org on a date, for warnings about a reorganization: how deep its
// chart goes, the positions with more direct reports than a limit, and the open units that
// have no head.
type Shape struct {
	Depth    int            // positions on the longest chain from a root down
	Wide     map[string]int // direct reports of each position with more than the limit asked
	Headless []string       // open units whose head is no open position, by id
}

// Shape measures the org of the preview on the query's date, reading it once, as a whole.
func (p *Preview) Shape(q Query, spanOver int) Shape { return shapeOf(p.view(q), spanOver) }

func shapeOf(v view, spanOver int) Shape {
	f := newFrame(v)
	defer f.done()
	children := make([]int32, len(f.pos))
	for _, x := range f.pos {
		if x.open && x.reportsTo != none {
			children[x.reportsTo]++
		}
	}
	out := Shape{Wide: map[string]int{}, Depth: f.depth()}
	for p, n := range children {
		if int(n) > spanOver {
			out.Wide[v.s.position(int32(p)).id] = int(n)
		}
	}
	for u := range v.s.countUnits() {
		if v.unitOpen(u) && v.head(u) == none {
			out.Headless = append(out.Headless, v.s.unit(u).id)
		}
	}
	return out
}

// depth returns the number of positions on the longest chain of solid lines.
func (f *frame) depth() int {
	level := make([]int32, len(f.pos)) // 0: not yet known
	deepest := 0
	var chain []int32
	for p := range f.pos {
		if !f.pos[p].open {
			continue
		}
		chain = chain[:0]
		q := int32(p)
		for q != none && level[q] == 0 && f.pos[q].open && len(chain) <= len(f.pos) {
			chain = append(chain, q)
			q = f.pos[q].reportsTo
		}
		base := int32(0)
		if q != none && f.pos[q].open {
			base = level[q]
		}
		for i := len(chain) - 1; i >= 0; i-- {
			base++
			level[chain[i]] = base
		}
		deepest = max(deepest, int(base))
	}
	return deepest
}

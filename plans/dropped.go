package plans

import "github.com/orgledger/orgledger"

// A dropped plan's name may be used again by its owner: the dropped plan is kept, numbered
// among the dropped plans of its owner and name (orgledger.Plan.Dropped), and stays in plan
// list with its status. NAME@OWNER names the plan of that name not dropped, if there is one,
// else the one dropped last. No event carries a dropped plan's name, since only a draft is
// dropped and only an apply records events: the NAME@OWNER of an event is always the plan of
// that name and owner that is not dropped (hide.go).

// current returns the plans as a name names them: of each owner, the plan not dropped, else
// the one dropped last; in the order given (the stores give them by owner, then Dropped).
func current(named []*orgledger.Plan) []*orgledger.Plan {
	var out []*orgledger.Plan
	for _, p := range named {
		i := len(out) - 1
		switch {
		case i < 0 || out[i].Owner != p.Owner:
			out = append(out, p)
		case out[i].Dropped != 0 && (p.Dropped == 0 || p.Dropped > out[i].Dropped):
			out[i] = p
		}
	}
	return out
}

// notDropped reports whether p is not dropped.
func notDropped(p *orgledger.Plan) bool { return p.Dropped == 0 }

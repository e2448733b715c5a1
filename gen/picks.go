package gen

import (
	"math/rand/v2"

	"github.com/orgledger/orgledger"
)

// Question is what a benchmark asks about: a person or a position, on a day.
type Question struct {
	ID  string
	Day orgledger.Date
}

// Questions are the questions the Go benchmarks of every package ask of one generated org,
// drawn once from a fixed seed, so that the ledger's figures and the baseline's are for the
// same people, subtrees and days and their ratio compares like with like.
type Questions struct {
	Days     []orgledger.Date
	Subtrees []Question // on each day that has one, the position whose subtree is nearest 1,000
	People   []Question // on each day in turn, people who hold a position then
}

// PickQuestions draws sixteen days of the history opt generates and, from the whole org on
// each (chart), its subtree nearest 1,000 positions and sixteen holders of positions. People
// come a day at a time in turn, so that questions taken in order change day each time.
func PickQuestions(opt Options, chart func(orgledger.Date) ([]orgledger.ChartNode, error)) (Questions, error) {
	const days, perDay = 16, 16
	r := rand.New(rand.NewPCG(42, 42))
	var q Questions
	people := make([][]Question, days)
	for d := range days {
		day := opt.Start().AddDays(r.IntN(opt.Days()))
		nodes, err := chart(day)
		if err != nil {
			return q, err
		}
		q.Days = append(q.Days, day)
		if root, _ := SubtreeNear(nodes, 1000); root != "" {
			q.Subtrees = append(q.Subtrees, Question{root, day})
		}
		for range perDay {
			if n := nodes[r.IntN(len(nodes))]; len(n.Holders) > 0 {
				people[d] = append(people[d], Question{n.Holders[0].ID, day})
			}
		}
	}
	for k := range perDay {
		for d := range days {
			if k < len(people[d]) {
				q.People = append(q.People, people[d][k])
			}
		}
	}
	return q, nil
}

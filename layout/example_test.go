package layout_test

import (
	"fmt"

	"github.com/orgledger/orgledger/layout"
)

// A chief executive with an assistant and three reports, one of whom has two reports of her
// own. The assistant sits right of the line below the chief; the reports start LevelGap below
// the assistant, and the chief is centred over the first and last of them.
func ExampleLayout() {
	tree := layout.Tree{
		Nodes: []layout.Node{
			{Width: 120, Height: 50, Children: []int{1, 2, 3, 4}}, // 0: chief executive
			{Width: 100, Height: 30, Assistant: true},             // 1: executive assistant
			{Width: 100, Height: 50},                              // 2
			{Width: 100, Height: 50, Children: []int{5, 6}},       // 3
			{Width: 100, Height: 50},                              // 4
			{Width: 80, Height: 40},                               // 5
			{Width: 80, Height: 40},                               // 6
		},
		Roots: []int{0},
	}
	res, err := layout.Layout(tree, layout.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, b := range res.Boxes {
		fmt.Printf("%d: x %v y %v\n", i, b.X, b.Y)
	}
	fmt.Printf("%v × %v\n", res.Width, res.Height)
	e := res.Edges[0]
	fmt.Printf("%d→%d: %v\n", e.Parent, e.Child, e.Points)
	// Output:
	// 0: x 110 y 0
	// 1: x 180 y 70
	// 2: x 0 y 140
	// 3: x 120 y 140
	// 4: x 240 y 140
	// 5: x 80 y 230
	// 6: x 180 y 230
	// 340 × 270
	// 0→1: [{170 50} {170 85} {180 85}]
}

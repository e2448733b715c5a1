// Package layout places the boxes of an org chart: it takes a forest of boxes of any size and
// returns where each box goes and how to draw the lines between them. The SVG renderer of
// "orgledger chart --format svg" draws from it, and the web UI runs it on the server and ships
// the coordinates to the browser. It knows nothing of people or positions: a caller measures
// each box (its label decides its size) and hands over the shape of the tree.
//
// # The algorithm
//
// The layout is a tidy tree in the tradition of Reingold and Tilford: every subtree is drawn
// the same wherever it appears, a parent is centred over its children, and neighbouring
// subtrees are pushed together until they are SiblingGap apart at the closest point. Three
// papers give the method, each fixing a fault of the one before:
//
//   - J. Q. Walker II, "A node-positioning algorithm for general trees", Software: Practice and
//     Experience 20(7), 1990, pp. 685–705. Walker's "apportion" spreads the smaller subtrees
//     that sit between two larger ones evenly across the gap, instead of piling them against
//     the left one, so that a tree and its mirror image are drawn as mirror images.
//   - C. Buchheim, M. Jünger and S. Leipert, "Improving Walker's algorithm to run in linear
//     time", Graph Drawing 2002, LNCS 2528, pp. 344–353. Walker's method takes quadratic time
//     on some trees, searching for the sibling a contour belongs to and spreading subtrees
//     as it goes; they find that sibling in constant time and defer the spreading to a second
//     pass, which makes it linear. Contours are followed, as since Reingold and Tilford, by
//     threads: links from the bottom of a shallow subtree into the next deeper one.
//   - A. van der Ploeg, "Drawing non-layered tidy trees in linear time", Software: Practice
//     and Experience 44(12), 2014, pp. 1467–1484. Boxes of different heights: a child's top is
//     LevelGap below the bottom of its own parent, not on a row shared with its cousins, and
//     contours are compared by vertical extent instead of by level; a short list of which
//     sibling owns the contour down to which depth replaces Buchheim's ancestor pointers.
//     This package follows his algorithm, with the box sizes enlarged by the gaps as his
//     paper does.
//
// It departs from the paper's code in two places. A parent is centred between the vertical
// lines of its first and last children (their box centres), not over the outer edges of
// their boxes, because the connectors hang from those lines. And each subtree starts with its
// top SiblingGap from its left neighbour's, as in Walker's method, before the contour walk
// pushes it further right; the paper's code only ever pushes, which leaves a subtree short of
// its neighbour, and the drawing lopsided, when the subtree's top stands right of its own
// left edge.
//
// Two passes do the work. The first visits every subtree bottom-up and places each child to
// the right of its left siblings by walking down the right contour of the siblings and the
// left contour of the child together, moving the child just far enough; threads let the walk
// continue past the bottom of a shallow subtree, and a short list of which sibling owns the
// contour at each depth tells it which intermediate siblings to spread. The second pass goes
// top-down, adds up the relative offsets (modifiers) into absolute positions and applies the
// deferred spreading. Each pass is a loop over nodes numbered breadth-first, so a subtree's
// children are numbered consecutively and come after their parent: there is no recursion, and
// a chain 100,000 deep is as easy as a bush 100,000 wide. Time and memory are O(n), and the
// arithmetic is the same every run, so the same input gives the same output to the last bit.
//
// # Assistants, wide spans and forests
//
// The tidy-tree method lays out rectangles, so the two org-chart conventions are folded into
// rectangles before it runs and unfolded after:
//
//   - An assistant (Node.Assistant) is drawn below its parent's box and above the parent's
//     reports, beside the vertical line that runs down from the parent: the first assistant
//     to the right of the line, the second to its left, the third to the right on the next
//     row down, and so on. A parent and its assistants form one rectangle for the tidy tree,
//     and the parent's reports start LevelGap below the last row of assistants. An assistant
//     with reports of its own is laid out as an ordinary report, because its reports need the
//     room below it; so is a root marked as an assistant.
//   - A wide span (more than StackAfter reports, none of whom has reports) is stacked: the
//     reports fill columns one after another, each column hanging from a vertical spine at
//     its left, so a manager with fifty reports is not a mile wide. The stack is one rectangle
//     for the tidy tree, and its parent is centred over it.
//   - The trees of a forest are each laid out on their own and then set side by side, left to
//     right in the order of Tree.Roots, TreeGap apart, all with their roots' tops at y = 0.
//
// # Coordinates and lines
//
// Coordinates grow rightwards and downwards, as in SVG. Each Box is absolute: the drawing,
// boxes and connectors, is translated so that its smallest x and smallest y are both 0, and
// Result.Width and Result.Height are its extent.
//
// Result.Edges gives each connector as an orthogonal polyline, so a renderer need not know the
// rules, but they are simple enough to draw by hand:
//
//   - a report: from the parent's bottom centre straight down to LevelGap/2 above the child's
//     top, across to above the child's centre, and down to the child's top centre (the usual
//     elbow; siblings share the trunk and the crossbar);
//   - an assistant: from the parent's bottom centre down to the assistant's middle height,
//     then across to the side of the assistant's box that faces the line;
//   - a stacked report: from the parent's bottom centre down to LevelGap/2 above the stack,
//     across to the spine of the report's column (SiblingGap/2 left of the column's boxes),
//     down the spine to the report's middle height, and across into the box's left side.
package layout

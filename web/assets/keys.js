// Keyboard navigation of the chart, as a tree: the arrow keys move between boxes (up to the
// manager's position, down to the first report, left and right to the neighbours in the same
// row), Enter opens the side panel, Space and + / − expand and collapse, Home goes to the top,
// Escape closes the panel. The focused box is always on screen: the view follows it.

export function keyHandler(app) {
  return (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const {org, lay} = app;
    if (!org || !lay) return;
    let i = app.focus >= 0 && lay.shown(app.focus) ? app.focus : firstRoot(org, lay);
    if (i < 0) return;
    const move = {
      ArrowUp: () => (org.parent[i] >= 0 ? org.parent[i] : i),
      ArrowDown: () => down(app, i),
      ArrowLeft: () => beside(org, lay, i, -1),
      ArrowRight: () => beside(org, lay, i, +1),
      Home: () => firstRoot(org, lay),
    }[e.key];
    if (move) {
      e.preventDefault();
      const j = move();
      if (j >= 0) app.focusNode(j, {center: 'if-needed'});
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      app.focusNode(i, {center: 'if-needed'});
      app.openPanel(i);
    } else if (e.key === ' ' || e.key === '+' || e.key === '-') {
      e.preventDefault();
      const open = lay.open(org, i);
      if (org.childCount(i) > 0 && (e.key === ' ' || (e.key === '+') !== open)) app.toggle(i);
    } else if (e.key === 'Escape') {
      app.closePanel();
    }
  };
}

function firstRoot(org, lay) {
  for (let i = 0; i < org.n; i++) if (org.parent[i] < 0 && lay.shown(i)) return i;
  return -1;
}

// down goes to the first report, opening the subtree first when it is closed.
function down(app, i) {
  const {org, lay} = app;
  if (org.childCount(i) === 0) return i;
  if (!lay.open(org, i)) {
    app.toggle(i, org.children(i)[0]);
    return -1;
  }
  return org.children(i)[0];
}

// beside returns the next box in the same row, in the direction dir: the nearest shown box
// whose top is level with i's, which is the sibling when there is one.
function beside(org, lay, i, dir) {
  const {x, y} = lay;
  let best = -1, bestDx = Infinity;
  for (let j = 0; j < org.n; j++) {
    if (j === i || x[j] < 0 || y[j] !== y[i]) continue;
    const dx = (x[j] - x[i]) * dir;
    if (dx > 0 && dx < bestDx) {
      best = j;
      bestDx = dx;
    }
  }
  return best >= 0 ? best : i;
}

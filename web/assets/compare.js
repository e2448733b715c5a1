// Changes between two dates, or made by a plan: the people who joined, left, moved or changed
// manager are marked on the boxes of the chart and listed in the changes drawer, and so are the
// units and positions that changed, by name. A newcomer, a mover and a new manager are marked
// where they are now; a leaver where they were, when that position is still on the chart (the
// list names every one, and the position they left, by title and unit). A position's own
// change is marked on its box too, vacant or not: a new position, a new solid line, a new
// title, a move to another unit.

import {$, h, announce} from './dom.js';

// KINDS are the person-centred kinds of the diff, as the page lists them, in order, and marks
// those with a mark.
export const KINDS = [
  {kind: 'joined', mark: 'joined', title: 'Joined'},
  {kind: 'left', mark: 'left', title: 'Left'},
  {kind: 'manager', mark: 'manager', title: 'Changed manager'},
  {kind: 'unit', mark: 'moved', title: 'Moved to another unit'},
  {kind: 'position', mark: 'moved', title: 'Changed position'},
  {kind: 'title', mark: 'title', title: 'Changed title'},
  {kind: 'acting', title: 'Acting or confirmed'}, // not marked: the chart says "(acting)" itself
];
const BY_KIND = new Map(KINDS.map((k) => [k.kind, k]));
// DETAILS are the kinds of change to a person's details: listed together, after the others,
// and not marked on the chart, where they do not show.
const DETAILS = new Set(['name', 'email', 'location', 'attrs']);
// POSITION_MARKS mark the kinds of change of a position itself, on its box.
const POSITION_MARKS = {'position-created': 'created', 'reports-to': 'manager', 'position-retitled': 'title', 'position-moved': 'moved'};
const MAX_SHOWN = 300;

// marksOf works out the marks of the chart's boxes: for each box, the kinds of change of its
// holders (the most telling first) and the names of those who left it.
export function marksOf(org, changes) {
  const marks = new Map();
  const add = (id, mark, name) => {
    const i = org.index.get(id);
    if (i === undefined) return;
    let m = marks.get(i);
    if (!m) marks.set(i, (m = {kinds: [], left: []}));
    if (!m.kinds.includes(mark)) m.kinds.push(mark);
    if (mark === 'left' && name) m.left.push(name);
  };
  for (const c of changes) {
    if (!c.person && c.position && POSITION_MARKS[c.kind]) add(c.position, POSITION_MARKS[c.kind]);
    const k = BY_KIND.get(c.kind);
    if (!k || !k.mark || !c.person) continue;
    if (k.mark === 'left') for (const p of c.was || []) add(p, 'left', c.name || c.person);
    else for (const p of c.now || []) add(p, k.mark, c.name);
  }
  const order = ['joined', 'left', 'created', 'moved', 'manager', 'title'];
  for (const m of marks.values()) m.kinds.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return marks;
}

// STRUCTURE are the groups of changes to units and positions, listed after the people's,
// each named by the unit's name or the position's title.
const STRUCTURE = [
  {title: 'Changes to units', one: 'change to units', of: (c) => c.unit},
  {title: 'Changes to positions', one: 'change to positions', of: (c) => c.position},
];

// renderChanges fills the changes drawer: a heading, the counts, and the people, units and
// positions by kind; or, when there is no comparison to make, why (none).
export function renderChanges(app, diff, heading, none = '') {
  const body = $('changes-body');
  $('changes-title').textContent = heading;
  const groups = KINDS.map((k) => ({...k, items: diff.changes.filter((c) => c.kind === k.kind && c.person)}));
  groups.push({title: 'Changed details', items: diff.changes.filter((c) => DETAILS.has(c.kind) && c.person)});
  for (const g of STRUCTURE) groups.push({title: g.title, one: g.one, items: diff.changes.filter((c) => !c.person && g.of(c))});
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  const shared = sharedLabels(diff.changes);
  const parts = [h('p', {class: 'summary-line', text: none || (total ? summary(groups) : 'Nothing changed: no one joined, left or moved, and no unit or position changed.')})];
  for (const g of groups) {
    if (!g.items.length) continue;
    const swatch = g.mark ? [h('span', {class: 'swatch mark-' + g.mark, 'aria-hidden': 'true'})] : [];
    parts.push(h('h3', {}, ...swatch, `${g.title} (${g.items.length})`));
    parts.push(h('ul', {class: 'changes-list'}, g.items.slice(0, MAX_SHOWN).map((c) => item(app, c, g.mark, shared))));
    if (g.items.length > MAX_SHOWN) parts.push(h('p', {class: 'help', text: `and ${g.items.length - MAX_SHOWN} more`}));
  }
  body.replaceChildren(...parts);
  $('changes').hidden = false;
  announce(`${heading}: ${parts[0].textContent}`);
}

function summary(groups) {
  const named = (g) => (g.items.length === 1 && g.one) || g.title.toLowerCase();
  return groups.filter((g) => g.items.length).map((g) => `${g.items.length} ${named(g)}`).join(', ') + '.';
}

// sharedLabels returns the labels (labelOf) that name more than one unit or position among the
// changes: two positions of one title in one unit read alike, and are told apart by their ids.
function sharedLabels(changes) {
  const ids = new Map();
  for (const c of changes) {
    if (c.person) continue;
    const label = labelOf(c), id = c.unit || c.position;
    if (!ids.has(label)) ids.set(label, new Set());
    ids.get(label).add(id);
  }
  return new Set([...ids].filter(([, s]) => s.size > 1).map(([label]) => label));
}

// labelOf is how the list names a unit or a position: its name, or a position's title and the
// unit it is in.
function labelOf(c) {
  const name = c.name || c.unit || c.position;
  return c.in ? `${name} in ${c.in}` : name;
}

// item is one change: the name of whom or what it is of, what changed, and a link to where it
// shows.
function item(app, c, mark, shared) {
  if (!c.person) return structureItem(app, c, shared);
  const org = app.org;
  const where = c.kind === 'left' ? c.was?.[0] : c.now?.[0];
  return h('li', {class: mark ? 'change mark-' + mark : 'change'},
    h('button', {type: 'button', class: 'link', onclick: () => app.goTo(where && org.index.has(where) ? where : c.person, c.person)},
      c.name || c.person),
    h('span', {class: 'what'}, explain(c)));
}

// structureItem is a change to a unit or a position: its name (a position's title, and the
// unit it is in, and its id where another reads alike: found by QA), what changed, and a link
// to it.
function structureItem(app, c, shared) {
  const id = c.unit || c.position;
  const label = labelOf(c);
  return h('li', {class: 'change'},
    h('button', {type: 'button', class: 'link', onclick: () => app.goTo(id)}, shared.has(label) ? `${label} (${id})` : label),
    h('span', {class: 'what'}, explainStructure(c)));
}

// explain says in words what changed for the person. The positions they held are named as the
// server found them on either date: a position closed since is not on the chart to name it.
function explain(c) {
  switch (c.kind) {
    case 'joined': return c.now?.length ? say`joined as ${names(c.now_names || c.now)}` : say`joined`;
    case 'left': return c.was?.length ? say`left, was ${names(c.was_names || c.was)}` : say`left`;
    case 'manager': return say`manager: ${names(c.before_names) || 'none'} → ${names(c.after_names) || 'none'}`;
    case 'title': return say`title: ${names(c.before)} → ${names(c.after)}`;
    case 'acting': return say`acting in: ${names(c.before_names) || 'none'} → ${names(c.after_names) || 'none'}`;
    case 'name': case 'email': case 'location': case 'attrs':
      return say`${c.kind}: ${names(c.before) || 'none'} → ${names(c.after) || 'none'}`;
    default: return say`${names(c.before_names) || 'none'} → ${names(c.after_names) || 'none'}`;
  }
}

// explainStructure says in words what changed for a unit or a position.
function explainStructure(c) {
  const from = (none) => names(c.before_names) || none, to = (none) => names(c.after_names) || none;
  switch (c.kind) {
    case 'unit-created': case 'position-created': return say`created`;
    case 'unit-closed': case 'position-closed': return say`closed`;
    case 'unit-renamed': return say`renamed: ${names(c.before)} → ${names(c.after)}`;
    case 'unit-moved': return say`part of: ${from('nothing (a top unit)')} → ${to('nothing (a top unit)')}`;
    case 'unit-head': return say`head: ${from('none')} → ${to('none')}`;
    case 'position-retitled': return say`title: ${names(c.before)} → ${names(c.after)}`;
    case 'position-moved': return say`unit: ${from('none')} → ${to('none')}`;
    case 'reports-to': return say`reports to: ${from('no one')} → ${to('no one')}`;
    case 'position-vacated': return say`vacated: was held by ${from('someone')}`;
    case 'position-filled': return say`filled by ${to('someone')}`;
    case 'dotted': return say`dotted lines to: ${from('none')} → ${to('none')}`;
    default: return say`${c.kind}: ${from('none')} → ${to('none')}`;
  }
}

// names marks the names or values of a change, "" for none, for say to draw.
const names = (xs) => (xs?.length ? {values: xs} : '');

// say builds a change's words as nodes: its text as text, and each value names marked in a
// <bdi> of its own, so that a name in a right-to-left script keeps to itself, where beside an
// arrow it would take the arrow and the value on its other side into its own direction, and
// "before → after" would read after → before.
function say(strings, ...parts) {
  const out = [strings[0]];
  parts.forEach((p, i) => {
    if (p?.values) p.values.forEach((v, k) => out.push(k ? ', ' : '', h('bdi', {text: v})));
    else out.push(String(p));
    out.push(strings[i + 1]);
  });
  return out.filter((x) => x !== '');
}

// The boxes on screen, as DOM elements: a small pool recycled as the view moves, so that only
// the few hundred boxes on screen exist at any time, whatever the size of the org. They are
// real elements with text, so screen readers read them, the browser finds their words, and
// each is a focusable treeitem for keyboard navigation.

import {h, initials, hue} from './dom.js';

const MARK_TEXT = {joined: 'Joined', left: 'Left', created: 'New position', moved: 'Moved', manager: 'New manager', title: 'New title'};

export class NodeLayer {
  constructor(el, events) {
    this.el = el;
    this.events = events; // {click(i, e), toggle(i)}
    this.free = [];
    this.live = new Map(); // node index -> element
    this.version = 0; // bumped when what boxes say changes: a new chart, layout or marks
  }

  // update shows the boxes in vis (count of them) and the pinned ones, and recycles the rest.
  update(ctx, vis, count, pinned) {
    const keep = new Set();
    for (let k = 0; k < count; k++) keep.add(vis[k]);
    for (const i of pinned) if (i >= 0 && ctx.lay.shown(i)) keep.add(i);
    for (const [i, el] of this.live) {
      if (!keep.has(i)) {
        this.live.delete(i);
        el.hidden = true;
        el.tabIndex = -1;
        this.free.push(el);
      }
    }
    for (const i of keep) {
      let el = this.live.get(i);
      if (!el) {
        el = this.free.pop() || this.make();
        this.live.set(i, el);
        el.hidden = false;
      }
      if (el.dataset.key !== `${this.version}:${i}`) this.fill(el, i, ctx);
      this.place(el, i, ctx);
    }
  }

  element(i) { return this.live.get(i) || null; }

  make() {
    const el = h('div', {class: 'node', role: 'treeitem', tabindex: '-1'},
      h('span', {class: 'avatar', 'aria-hidden': 'true'}),
      h('span', {class: 'title'}), ' ', // spaces between them, as the label has
      h('span', {class: 'names'}), ' ',
      h('span', {class: 'unit'}),
      h('span', {class: 'tags', 'aria-hidden': 'true'}),
      h('span', {class: 'marks', 'aria-hidden': 'true'}),
      h('button', {type: 'button', class: 'toggle', tabindex: '-1', 'aria-hidden': 'true'}));
    // The box pressed is the one clicked: pressing a box focuses it, and the render that may
    // follow can give this element to another box before the click comes.
    let pressed = -1;
    el.addEventListener('pointerdown', () => { pressed = Number(el.dataset.i); });
    el.addEventListener('click', (e) => {
      const i = pressed >= 0 ? pressed : Number(el.dataset.i);
      pressed = -1;
      if (e.target.closest('.toggle')) this.events.toggle(i);
      else this.events.click(i, e);
    });
    this.el.append(el);
    return el;
  }

  // fill writes what box i says: title, holders, unit, tags and marks.
  fill(el, i, ctx) {
    const {org, lay, marks, hit} = ctx;
    el.dataset.key = `${this.version}:${i}`;
    el.dataset.i = i;
    el.dataset.id = org.ids[i];
    const hs = org.holders(i);
    const [avatar, title, names, unit, tags, marksEl, toggle] = el.children;
    title.textContent = org.titleOf(i);
    names.textContent = org.namesOf(i);
    unit.textContent = org.unitOf(i);
    el.title = `${org.titleOf(i)}\n${org.namesOf(i)}\n${org.unitOf(i)}\n(${org.ids[i]})`;
    avatar.textContent = hs.length ? initials(hs[0].name) : '';
    avatar.style.setProperty('--hue', hs.length ? hue(hs[0].id) : 0);
    const mark = marks?.get(i);
    el.className = 'node' + (org.vacant(i) ? ' vacant' : '') + (org.assistant(i) ? ' assistant' : '') +
      (mark ? ' marked mark-' + mark.kinds[0] : '') + (i === hit ? ' hit' : '');
    tags.replaceChildren(...this.tags(org, i, hs));
    marksEl.replaceChildren(...this.marks(mark));
    this.toggleButton(toggle, el, org, lay, i);
    let label = org.label(i);
    if (mark) label += ' ' + markText(mark) + '.';
    el.setAttribute('aria-label', label);
    el.setAttribute('aria-level', org.level[i] + 1);
    const [pos, size] = org.siblingPlace(i);
    el.setAttribute('aria-posinset', pos);
    el.setAttribute('aria-setsize', size);
  }

  // tags say what a box is: an acting holder, an assistant, a vacancy.
  tags(org, i, hs) {
    const out = [];
    if (hs.some((p) => p.acting)) out.push(h('span', {class: 'tag acting', text: 'Acting'}));
    if (org.assistant(i)) out.push(h('span', {class: 'tag', text: 'Assistant'}));
    if (org.vacant(i)) out.push(h('span', {class: 'tag vacant', text: 'Vacant'}));
    return out;
  }

  // marks say what changed for a box, when comparing dates or showing a plan.
  marks(mark) {
    return (mark?.kinds || []).map((kind) => h('span', {class: 'tag mark-' + kind,
      text: kind === 'left' ? mark.left.join(', ') + ' left' : MARK_TEXT[kind]}));
  }

  toggleButton(btn, el, org, lay, i) {
    const k = org.childCount(i);
    btn.hidden = k === 0;
    if (k === 0) {
      el.removeAttribute('aria-expanded');
      return;
    }
    const open = lay.open(org, i);
    btn.textContent = open ? '−' : `+${k}`;
    btn.title = (open ? 'Collapse' : 'Expand') + ` ${k} report${k === 1 ? '' : 's'}`;
    el.setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  // place puts box i where the view shows it; the box is laid out at zoom 1 and scaled.
  place(el, i, ctx) {
    const {view: v, lay} = ctx;
    el.style.transform = `translate(${v.sx(lay.x[i])}px, ${v.sy(lay.y[i])}px) scale(${v.s})`;
  }

  // clear recycles every box, for a new chart.
  clear() {
    for (const el of this.live.values()) {
      el.hidden = true;
      this.free.push(el);
    }
    this.live.clear();
    this.version++;
  }
}

// markText says what changed for a box, for its label and the list of changes.
export function markText(mark) {
  return mark.kinds.map((k) => (k === 'left' ? mark.left.join(', ') + ' left' : MARK_TEXT[k])).join('; ');
}

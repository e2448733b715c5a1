// The chart page's controller: it loads the chart of the URL's state, keeps the view, the
// boxes on screen and the canvas in step, and carries out what the controls, the keyboard and
// the search ask (a new date, a subtree opened, a box focused).

import {$, announce} from './dom.js';
import {get} from './api.js';
import {readState, writeState, chartParams} from './state.js';
import {Org, Layout} from './model.js';
import {Viewport} from './view.js';
import {Painter} from './draw.js';
import {NodeLayer} from './nodes.js';
import {marksOf, renderChanges} from './compare.js';

const DOM_MIN_SCALE = 0.3; // below it, boxes are too small to read: the canvas draws them
const READABLE = 0.5; // the least scale a chart is shown whole at, at first; below it, its top
const POOL_MAX = 1500; // the most boxes kept as elements at once

export class ChartApp {
  constructor() {
    this.state = readState();
    writeState(this.state, false); // the address says what is shown, less what is not drawn
    this.org = null;
    this.lay = null;
    this.meta = null;
    this.marks = null;
    this.focus = -1;
    this.hit = -1;
    this.seq = 0;
    this.diffSeq = 0; // the comparisons asked for, so that a late answer is dropped
    this.pending = false;
    this.loaded = 0; // charts with boxes loaded so far
    this.frames = new Frames(); // how long each frame took to draw, for the performance test
    this.view = new Viewport($('chart'), () => this.requestRender());
    this.painter = new Painter($('canvas'));
    this.nodes = new NodeLayer($('nodes'), {
      click: (i) => { if (!this.view.dragged) { this.focusNode(i); this.openPanel(i); } },
      toggle: (i) => { if (!this.view.dragged) this.toggle(i); },
    });
  }

  requestRender() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.render();
    });
  }

  // render draws a frame: the lines (and far out, the boxes) on the canvas, and the boxes on
  // screen as elements.
  render() {
    const {org, lay, view} = this;
    if (!org || !lay) return;
    const t0 = performance.now();
    const count = lay.visible(view.rect(60), this.vis);
    const dom = view.s >= DOM_MIN_SCALE && count <= POOL_MAX;
    this.painter.paint(view, org, lay, this.vis, count, {boxes: !dom, marks: this.marks, hit: this.hit, focus: this.focus});
    this.nodes.update(this, this.vis, dom ? count : 0, [this.focus, this.hit]);
    $('chart').classList.toggle('far', !dom);
    this.frames.push(performance.now() - t0);
  }

  // load fetches the chart of the state and shows it, keeping in place the box at anchor (an
  // id), if any. A response that arrives after a newer request is dropped. Once the chart is
  // fetched, fetched is called (to put the state in the URL); where it cannot be, unfetched is
  // called with the error, if given while a chart is shown, in place of telling the failure
  // over that chart.
  async load({anchor = null, fetched = null, unfetched = null} = {}) {
    const seq = ++this.seq;
    document.body.dataset.ready = 'false';
    const before = this.screenOf(anchor);
    const t0 = performance.now();
    let labels, res;
    try {
      [labels, res] = await this.fetchChart();
    } catch (err) {
      if (seq !== this.seq) return false;
      if (unfetched && this.org) unfetched(err);
      else this.failed(err);
      return false;
    }
    if (seq !== this.seq) return false;
    fetched?.();
    const t1 = performance.now();
    const org = new Org(labels);
    let lay = new Layout(res.layout, org);
    if (this.opensAtTheTop(org, lay)) {
      const top = await this.topLevels(org);
      if (seq !== this.seq) return false;
      if (top) lay = top;
    }
    // The new chart is set whole, after the last wait: a frame drawn during that wait (the
    // window resized, the wheel turned) found a chart without room for its boxes on screen.
    this.meta = res.meta;
    this.org = org;
    this.lay = lay;
    this.vis = new Int32Array(org.n);
    performance.measure('chart:fetch', {start: t0, end: t1});
    performance.measure('chart:model', {start: t1});
    this.marks = null;
    this.hit = -1;
    this.focus = -1;
    this.nodes.clear();
    const t2 = performance.now();
    this.place(before, anchor);
    this.render();
    this.refocus();
    performance.measure('chart:draw', {start: t2});
    this.shown(seq);
    return true;
  }

  // opensAtTheTop reports whether the first chart of the page is too large to read whole on
  // screen with the levels the server opened, and the URL asks for no levels, subtree or box
  // of its own: it then opens on the top of the org, its head and their reports, whole on
  // screen. Opened on the levels that fit in about 1,500 boxes, a large org's top was a few
  // boxes among connectors that ran off the screen on either side.
  opensAtTheTop(org, lay) {
    const {state: s, view} = this;
    return this.loaded === 0 && !s.depth && !s.toggle.size && !s.focus && org.n > 0 && lay.depth !== 1 &&
      view.fitScale(lay.width, lay.height) < READABLE;
  }

  // topLevels lays the chart out with one level open below its top, and puts it in the URL;
  // null when that cannot be laid out (the chart as the server opened it is shown then).
  async topLevels(org) {
    const state = {...this.state, depth: '1'};
    let res;
    try {
      res = await get('/ui/layout', chartParams(state));
    } catch {
      return null;
    }
    if (!sameKey(res.key, org.key)) return null;
    this.state.depth = '1';
    writeState(this.state, false);
    return new Layout(res.layout, org);
  }

  // refocus gives the keyboard focus back to the focused box after a load, unless the person
  // is busy elsewhere (moving the date slider, say). The box a link names is highlighted.
  refocus() {
    if (this.focus < 0) return;
    const active = document.activeElement;
    const idle = !active || active === document.body || $('nodes').contains(active);
    this.focusNode(this.focus, {highlight: this.loaded === 0, keepFocus: !idle, focusId: this.state.focus});
  }

  // fetchChart asks for the labels and the layout of the chart at once, and again in the rare
  // case that the ledger moved between the two answers.
  async fetchChart() {
    const params = chartParams(this.state);
    for (let tries = 0; ; tries++) {
      const [labels, res] = await Promise.all([get('/ui/labels', params), get('/ui/layout', params)]);
      if (sameKey(labels.key, res.key) || tries === 2) return [labels, res];
    }
  }

  // relayout lays the same chart out again (a subtree opened or closed), keeping the box at
  // anchor (an index) where it was on screen.
  async relayout(anchor) {
    const seq = ++this.seq;
    const id = anchor >= 0 ? this.org.ids[anchor] : null;
    const before = this.screenOf(id);
    let res;
    try {
      res = await get('/ui/layout', chartParams(this.state));
    } catch (err) {
      if (seq === this.seq) this.problem('The chart could not be laid out again', err);
      return;
    }
    if (seq !== this.seq) return;
    if (!sameKey(res.key, this.org.key)) return this.load({anchor: id});
    this.lay = new Layout(res.layout, this.org);
    this.nodes.version++;
    const v = this.view, lay = this.lay;
    if (before && lay.shown(anchor)) v.set(v.s, v.tx + before.x - v.sx(lay.x[anchor]), v.ty + before.y - v.sy(lay.y[anchor]));
    this.render();
    this.tellShown();
  }

  // screenOf is where the box of an id is on screen now, if it is shown.
  screenOf(id) {
    const i = id != null && this.org ? this.org.pos(id) : -1;
    if (i < 0 || !this.lay.shown(i)) return null;
    return {x: this.view.sx(this.lay.x[i]), y: this.view.sy(this.lay.y[i])};
  }

  // place sets the view after a load: the anchor where it was, else the focus in the middle,
  // else (the first time, or when the anchor is not on the new chart, which would leave the
  // screen where it was, perhaps empty) the whole chart if it fits, or its top.
  place(before, anchor) {
    const {org, lay, view} = this;
    const f = this.state.focus ? org.find(this.state.focus) : -1;
    if (f >= 0 && lay.shown(f)) this.focus = f;
    const i = anchor != null ? org.pos(anchor) : -1;
    if (before && i >= 0 && lay.shown(i)) {
      view.set(view.s, view.tx + before.x - view.sx(lay.x[i]), view.ty + before.y - view.sy(lay.y[i]));
      return;
    }
    if (f >= 0) {
      if (!lay.shown(f)) return this.reveal(f, {center: 'always', highlight: true, focusId: this.state.focus});
      return view.center(lay.x[f] + lay.bw / 2, lay.y[f] + lay.bh / 2, Math.max(view.s, 0.8));
    }
    const lost = anchor != null && !(i >= 0 && lay.shown(i));
    if (this.loaded > 0 && !lost) return;
    this.overview();
  }

  // overview shows the whole chart if it reads on screen, else its top, in the middle.
  overview() {
    const {org, lay, view} = this;
    view.fit(lay.width, lay.height);
    if (view.s < READABLE) {
      const root = org.parent.indexOf(-1);
      view.set(0.8, view.w / 2 - (lay.x[root] + lay.bw / 2) * 0.8, 32);
    }
  }

  // shown finishes load seq: the controls, the marks, the status line and the timing. The
  // changes of a comparison that fail are told only while no newer load or layout has begun.
  async shown(seq) {
    const n = this.org.n;
    if (n > 0) this.loaded++; // an empty chart leaves the next to be fitted to the screen
    $('empty').hidden = n > 0;
    // Empty as known at a time, the chart may be so for what was recorded after it: say so.
    const known = this.meta.known_at ? ` as known at ${this.meta.known_at} (what was recorded by then)` : '';
    $('empty').textContent = n ? '' : `No positions on ${this.meta.at}${known}.`;
    // A date past the last a viewer may read is answered for that one: the address and a notice
    // say so, where the address went on naming the date asked for.
    const held = !this.state.plan && this.state.at && this.meta.at < this.state.at;
    if (held) {
      this.state.at = this.meta.at;
      writeState(this.state, false);
    }
    // A link may name a box to focus that is not on this chart (a typo, or someone who left).
    const lost = n > 0 && this.state.focus && this.org.find(this.state.focus) < 0;
    const notes = [held ? `Shown as of ${this.meta.at}, the latest date you may read.` : '',
      lost ? `${this.state.focus} is not on the chart of ${this.meta.at}.` : ''].filter(Boolean);
    $('notice').hidden = notes.length === 0;
    $('notice').textContent = notes.join(' ');
    this.tellShown();
    document.body.dataset.at = this.meta.at;
    this.onshown?.();
    if (this.state.compare && !this.state.plan) {
      try {
        await this.loadDiff();
      } catch (err) {
        if (seq === this.seq) {
          this.problem(`The changes from ${this.state.compare} could not be shown`, err);
          this.compareFailed = true;
        }
        return;
      }
    } else if (!this.state.plan) $('changes').hidden = true;
    document.body.dataset.ready = 'true';
  }

  // tellShown says in the status line what the chart is and how many of its boxes are shown.
  tellShown() {
    announce(`The org on ${this.meta.at}${this.meta.plan ? ' with plan ' + this.meta.plan.name : ''}: ${this.org.n} positions, ${this.lay.shownCount} shown.`);
  }

  // problem says what went wrong with a part of a loaded page (the changes since a date, a
  // subtree opened or closed), leaving the chart as it is.
  // clearCompareProblem takes away the failure of a comparison no longer asked for, where the
  // chart it was told over is shown.
  clearCompareProblem() {
    if (!this.compareFailed) return;
    this.compareFailed = false;
    if (this.org?.n > 0) {
      $('empty').hidden = true;
      $('empty').textContent = '';
      document.body.dataset.ready = 'true';
    }
  }

  problem(what, err) {
    $('empty').hidden = false;
    $('empty').textContent = `${what}: ${err.message}`;
    announce($('empty').textContent);
    document.body.dataset.ready = 'error';
  }

  failed(err) {
    $('empty').hidden = false;
    $('empty').textContent = `The chart could not be loaded: ${err.message}`;
    announce($('empty').textContent);
    document.body.dataset.ready = 'error';
    this.onfailed?.();
  }

  // loadDiff marks the chart with the changes since the date compared with, and lists them. A
  // comparison asked for since (another date, another chart, none) makes this one's answer
  // stale: it is dropped, not shown over the newer one.
  async loadDiff() {
    const s = this.state, mine = ++this.diffSeq, at = this.meta.at;
    const d = await get('/ui/diff', {from: s.compare, to: at, known_at: s.known});
    if (mine !== this.diffSeq || at !== this.meta.at) return;
    // A date to compare with past the last a viewer may read is compared as that one: the
    // address, the field and a notice say so, as for the chart's own date. (Found by QA: the
    // field kept the date asked for over a comparison with another.)
    if (this.meta.max && s.compare > this.meta.max && d.from === this.meta.max) {
      s.compare = d.from;
      writeState(s, false);
      $('compare').value = d.from;
      const notice = $('notice');
      notice.textContent = [notice.hidden ? '' : notice.textContent, `Compared with ${d.from}, the latest date you may read.`].filter(Boolean).join(' ');
      notice.hidden = false;
    }
    this.setMarks(d.changes);
    // Compared with a later date, the chart's changes run back in time: who "joined" is there
    // on the chart's date and not yet on the later one. The heading says so, as diff does.
    renderChanges(this, d, d.from > d.to ? `Changes going back in time, from ${d.from} to ${d.to}` : `Changes from ${d.from} to ${d.to}`);
  }

  setMarks(changes) {
    this.marks = marksOf(this.org, changes);
    this.nodes.version++;
    this.requestRender();
  }

  // focusNode moves the keyboard focus to box i, opening the subtrees above it if they are
  // closed, and brings it on screen.
  focusNode(i, opt = {}) {
    const {org, lay, view} = this;
    if (i < 0) return;
    if (!lay.shown(i)) return this.reveal(i, opt);
    const prev = this.nodes.element(this.focus);
    this.focus = i;
    if (opt.highlight) {
      this.hit = i;
      this.nodes.version++;
    }
    this.state.focus = opt.focusId || org.focusId(i);
    writeState(this.state, false);
    const cx = lay.x[i] + lay.bw / 2, cy = lay.y[i] + lay.bh / 2;
    const s = Math.max(view.s, opt.highlight ? 0.8 : DOM_MIN_SCALE);
    if (opt.center === 'always' || s !== view.s || !this.inView(i)) view.center(cx, cy, s);
    this.render();
    if (prev) prev.tabIndex = -1;
    const el = this.nodes.element(i);
    if (el) {
      el.tabIndex = 0;
      if (opt.keepFocus !== true) el.focus({preventScroll: true});
    }
  }

  inView(i) {
    const {lay, view: v} = this;
    const x = v.sx(lay.x[i]), y = v.sy(lay.y[i]);
    return x >= 0 && y >= 0 && x + lay.bw * v.s <= v.w && y + lay.bh * v.s <= v.h;
  }

  // reveal opens every closed subtree above box i, then focuses it.
  async reveal(i, opt) {
    const {org, lay} = this;
    for (const a of org.chain(i)) {
      if (!lay.open(org, a)) this.flip(a);
    }
    writeState(this.state, false);
    await this.relayout(-1);
    if (this.lay.shown(i)) this.focusNode(i, {...opt, center: 'always'});
  }

  // flip toggles the subtree of box i in the state, pinning the depth the toggles are relative
  // to, so that a link shows the same boxes however the default changes.
  flip(i) {
    const id = this.org.ids[i];
    if (!this.state.depth) this.state.depth = this.lay.depth < 0 ? 'all' : String(this.lay.depth);
    if (this.state.toggle.has(id)) this.state.toggle.delete(id);
    else this.state.toggle.add(id);
  }

  async toggle(i, then = i) {
    this.flip(i);
    writeState(this.state, false);
    await this.relayout(i);
    this.focusNode(then, {center: 'if-needed'});
  }

  // setDepth opens the chart's levels to depth (Collapse, Expand all) and centres the view on
  // the focused box, or where none is shown, on the chart (as overview): kept where it was, a
  // chart collapsed from a view zoomed out to fit a large one was a speck in a corner.
  async setDepth(depth) {
    this.state.depth = depth;
    this.state.toggle.clear();
    writeState(this.state, false);
    await this.relayout(this.focus);
    if (this.focus >= 0 && this.lay.shown(this.focus)) return this.focusNode(this.focus, {center: 'always', keepFocus: true});
    this.overview();
    this.render();
  }

  // anchorId is the box to keep in place when the date changes: the focused one if it is on
  // screen, else the one nearest the middle of the screen.
  anchorId() {
    if (!this.org) return null;
    if (this.focus >= 0 && this.inView(this.focus)) return this.org.ids[this.focus];
    const c = this.view.rect();
    const mx = (c.x0 + c.x1) / 2, my = (c.y0 + c.y1) / 2;
    let best = -1, bd = Infinity;
    const count = this.lay.visible(c, this.vis);
    for (let k = 0; k < count; k++) {
      const i = this.vis[k], d = Math.hypot(this.lay.x[i] - mx, this.lay.y[i] - my);
      if (d < bd) [best, bd] = [i, d];
    }
    return best >= 0 ? this.org.ids[best] : null;
  }
}

const sameKey = (a, b) => a.at === b.at && a.head === b.head && a.known_at === b.known_at && a.plan === b.plan && a.version === b.version;

// Frames keeps how long the last frames took to draw, in milliseconds.
class Frames {
  constructor() { this.reset(); }
  reset() { this.ms = []; }
  push(ms) {
    if (this.ms.length >= 1000) this.ms.shift();
    this.ms.push(ms);
  }
}

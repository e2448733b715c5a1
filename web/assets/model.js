// The chart as the page holds it: the labels of every position on the date (Org), and where
// the boxes of the shown ones go (Layout). Both arrive from the server in columns and are kept
// in typed arrays, so that a chart of 100,000 positions is a few arrays rather than 100,000
// objects, and a scan over all of it takes well under a millisecond.

const VACANT = 1;
const ASSISTANT = 2;

export class Org {
  constructor(labels) {
    const n = labels.ids.length;
    this.n = n;
    this.key = labels.key;
    this.ids = labels.ids;
    this.parent = Int32Array.from(labels.parent);
    this.title = Int32Array.from(labels.title);
    this.titles = labels.titles;
    this.unit = Int32Array.from(labels.unit);
    this.unitIds = labels.unit_ids;
    this.unitNames = labels.unit_names;
    this.unitHeads = Int32Array.from(labels.unit_heads);
    this.flags = Int8Array.from(labels.flags);
    this.hstart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.hstart[i + 1] = this.hstart[i] + labels.holders[i];
    this.people = Int32Array.from(labels.people);
    this.acting = new Uint8Array(this.people.length);
    for (const k of labels.acting) this.acting[k] = 1;
    this.personIds = labels.person_ids;
    this.personNames = labels.person_names;
    this.dotted = Int32Array.from(labels.dotted);
    this.tree();
    this.byId = null; // built on first use
    this.personAt = null;
    this.unitTop = null;
    this.roots = null;
  }

  // index maps position ids to boxes. A chart of a new date may never need it, so it is built
  // on first use.
  get index() {
    if (!this.byId) {
      this.byId = new Map();
      for (let i = 0; i < this.n; i++) this.byId.set(this.ids[i], i);
    }
    return this.byId;
  }

  // tree works out children and levels. A parent comes before its children in the server's
  // order, so one pass gives every level.
  tree() {
    const n = this.n;
    this.level = new Int32Array(n);
    this.cstart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const p = this.parent[i];
      if (p >= 0) {
        this.level[i] = this.level[p] + 1;
        this.cstart[p + 1]++;
      }
    }
    for (let i = 0; i < n; i++) this.cstart[i + 1] += this.cstart[i];
    this.kids = new Int32Array(this.cstart[n]);
    const next = this.cstart.slice(0, n);
    for (let i = 0; i < n; i++) {
      const p = this.parent[i];
      if (p >= 0) this.kids[next[p]++] = i;
    }
  }

  // pos returns the box of a position id, or -1, without building the index for one look-up.
  pos(id) {
    if (this.byId) return this.byId.get(id) ?? -1;
    return this.ids.indexOf(id);
  }

  children(i) { return this.kids.subarray(this.cstart[i], this.cstart[i + 1]); }
  childCount(i) { return this.cstart[i + 1] - this.cstart[i]; }
  titleOf(i) { return this.titles[this.title[i]]; }
  unitOf(i) { return this.unitNames[this.unit[i]]; }
  unitIdOf(i) { return this.unitIds[this.unit[i]]; }
  vacant(i) { return (this.flags[i] & VACANT) !== 0; }
  assistant(i) { return (this.flags[i] & ASSISTANT) !== 0; }

  // holders are the people who hold position i.
  holders(i) {
    const out = [];
    for (let k = this.hstart[i]; k < this.hstart[i + 1]; k++) {
      const p = this.people[k];
      out.push({id: this.personIds[p], name: this.personNames[p], acting: this.acting[k] === 1});
    }
    return out;
  }

  namesOf(i) {
    const hs = this.holders(i);
    if (hs.length === 0) return 'Vacant';
    return hs.map((p) => p.name + (p.acting && hs.length > 1 ? ' (acting)' : '')).join(', ');
  }

  // focusId is the id a link to box i names: its holder when it has one, who is followed from
  // date to date whatever position they hold, else the position.
  focusId(i) {
    const n = this.hstart[i + 1] - this.hstart[i];
    return n === 1 ? this.personIds[this.people[this.hstart[i]]] : this.ids[i];
  }

  // label is what a screen reader says of box i.
  label(i) {
    const hs = this.holders(i);
    const who = hs.length === 0 ? 'vacant' : hs.map((p) => p.name + (p.acting ? ', acting' : '')).join('; ');
    let s = `${this.titleOf(i)}: ${who}. ${this.unitOf(i)}.`;
    if (this.assistant(i)) s += ' Assistant.';
    const k = this.childCount(i);
    if (k > 0) s += ` ${k} direct report${k === 1 ? '' : 's'}.`;
    return s;
  }

  // personNode returns the first position a person holds, by person index.
  personNode(p) {
    if (!this.personAt) {
      this.personAt = new Int32Array(this.personIds.length).fill(-1);
      for (let i = 0; i < this.n; i++) {
        for (let k = this.hstart[i]; k < this.hstart[i + 1]; k++) {
          if (this.personAt[this.people[k]] < 0) this.personAt[this.people[k]] = i;
        }
      }
    }
    return this.personAt[p];
  }

  // unitNode returns the box of a unit, by unit index: its top position (the one nearest the
  // top of the chart), or for a unit with no position of its own (a team of people who sit in
  // other units), its head's; -1 when the chart has neither.
  unitNode(u) {
    const top = this.unitTopNode(u);
    return top >= 0 ? top : this.unitHeads[u];
  }

  // hasPositions reports whether unit u has positions of its own on the chart.
  hasPositions(u) { return this.unitTopNode(u) >= 0; }

  unitTopNode(u) {
    if (!this.unitTop) {
      this.unitTop = new Int32Array(this.unitIds.length).fill(-1);
      for (let i = 0; i < this.n; i++) {
        const best = this.unitTop[this.unit[i]];
        if (best < 0 || this.level[i] < this.level[best]) this.unitTop[this.unit[i]] = i;
      }
    }
    return this.unitTop[u];
  }

  // find returns the box of an id: a position's own, a person's first position, or the top
  // position of a unit; -1 when the chart has none.
  find(id) {
    const i = this.pos(id);
    if (i >= 0) return i;
    const p = this.personIds.indexOf(id);
    if (p >= 0) return this.personNode(p);
    const u = this.unitIds.indexOf(id);
    return u < 0 ? -1 : this.unitNode(u);
  }

  // siblingPlace is box i's place among its siblings (from 1) and their number, which a
  // screen reader says, since only the boxes on screen are in the page.
  siblingPlace(i) {
    const p = this.parent[i];
    if (p >= 0) return [this.children(p).indexOf(i) + 1, this.childCount(p)];
    if (!this.roots) this.roots = Int32Array.from(this.parent.keys()).filter((k) => this.parent[k] < 0);
    return [this.roots.indexOf(i) + 1, this.roots.length];
  }

  // chain is the positions from i up the solid line to the top.
  chain(i) {
    const out = [];
    for (let p = this.parent[i]; p >= 0; p = this.parent[p]) out.push(p);
    return out;
  }
}

// Layout is where the boxes of one view go: x and y of the top-left corner of every shown box,
// -1 for the boxes inside collapsed subtrees; and, for each family (a shown parent with its
// shown children), the extent of its connectors, so that drawing finds the lines on screen
// without walking the tree.
export class Layout {
  constructor(p, org) {
    this.depth = p.depth;
    this.width = p.width;
    this.height = p.height;
    this.bw = p.box_w;
    this.bh = p.box_h;
    this.gap = p.level_gap;
    this.stub = p.stub;
    this.shownCount = p.shown;
    this.x = Float64Array.from(p.x);
    this.y = Float64Array.from(p.y);
    this.edge = Int8Array.from(p.edge);
    this.families(org);
  }

  shown(i) { return this.x[i] >= 0; }

  // open reports whether the reports of box i are shown.
  open(org, i) {
    return org.childCount(i) > 0 && this.shown(org.kids[org.cstart[i]]);
  }

  families(org) {
    const fam = [];
    const bar = new Float64Array(org.n).fill(Infinity); // the crossbar of a stack, by parent
    for (let i = 0; i < org.n; i++) {
      if (!this.shown(i) || !this.open(org, i)) continue;
      let x0 = this.x[i], x1 = this.x[i] + this.bw, y1 = this.y[i] + this.bh;
      for (const c of org.children(i)) {
        x0 = Math.min(x0, this.x[c] - this.stub);
        x1 = Math.max(x1, this.x[c] + this.bw);
        y1 = Math.max(y1, this.y[c] + this.bh);
        if (this.edge[c] === 2) bar[i] = Math.min(bar[i], this.y[c] - this.gap / 2);
      }
      fam.push(i, x0, this.y[i], x1, y1);
    }
    this.fam = Float64Array.from(fam);
    this.bar = bar;
  }

  // visible writes into out the boxes that meet the rectangle, and returns how many.
  visible(r, out) {
    const {x, y, bw, bh} = this;
    let k = 0;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i];
      if (xi < 0 || xi > r.x1 || xi + bw < r.x0) continue;
      const yi = y[i];
      if (yi > r.y1 || yi + bh < r.y0) continue;
      out[k++] = i;
    }
    return k;
  }

  // at returns the box under a point of the chart, or -1.
  at(px, py) {
    const {x, y, bw, bh} = this;
    for (let i = 0; i < x.length; i++) {
      if (x[i] >= 0 && px >= x[i] && px <= x[i] + bw && py >= y[i] && py <= y[i] + bh) return i;
    }
    return -1;
  }
}

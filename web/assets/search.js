// Search by name, title or id, over the chart the page holds: people by name and id, positions
// by title and id, units by name and id. The chart holds only what the caller may see on the
// date, so a search can find nothing else. Choosing a result focuses its box in the chart (a
// unit's is its top position, or for a unit with no position of its own, its head's, and its
// panel opens), opening the subtrees above it, and highlights it.

import {$, h, announce} from './dom.js';

const MAX_RESULTS = 20;

const collate = new Intl.Collator().compare;

// fold is the form names and queries are compared in: lower case, without accents (a letter's
// combining diacritics, composed or not: "zoe" finds "Zoë"), runs of spaces as one.
export function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ');
}

// searchable reports whether a folded query is long enough to search for: two characters, or
// one that is not ASCII, such as a Chinese character, which may be a whole surname (李). One
// Latin letter would match most of the org.
export function searchable(q) {
  return q.length >= 2 || (q.length === 1 && q.charCodeAt(0) > 0x7f);
}

// Best keeps the n best matches offered, by rank and then by text, in order, without keeping
// or sorting the others.
class Best {
  constructor(n) {
    this.n = n;
    this.kept = [];
  }

  // offer considers a match of rank and text; make gives the rest of it, asked only of one kept.
  offer(rank, text, make) {
    const k = this.kept, before = (m) => rank - m.rank || collate(text, m.text);
    if (k.length === this.n && before(k[k.length - 1]) >= 0) return;
    let i = k.length;
    while (i > 0 && before(k[i - 1]) < 0) i--;
    k.splice(i, 0, {...make(), rank, text});
    if (k.length > this.n) k.pop();
  }
}

export class Search {
  constructor(app) {
    this.app = app;
    this.input = $('search');
    this.list = $('results');
    this.results = [];
    this.active = -1;
    this.index = null; // lower-cased strings, built on the first search of a chart
    this.input.addEventListener('input', () => this.run());
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  // reset forgets the index, for a new chart.
  reset() {
    this.index = null;
    if (this.input.value && document.activeElement === this.input) this.run();
    else this.close();
  }

  build() {
    const org = this.app.org;
    const low = (a) => a.map(fold);
    this.index = {names: low(org.personNames), pids: low(org.personIds), titles: low(org.titles), ids: low(org.ids),
      unitNames: low(org.unitNames), unitIds: low(org.unitIds)};
  }

  // find returns the best matches for q: an exact id or name first, then names and titles that
  // start with it, then those with a word that starts with it, then any that contain it. Of
  // matches alike, people come first, then units, then positions, each kind in the order of
  // its text. Every match is ranked: a short query matches thousands in a large org, and the
  // best of them may be anywhere in it.
  find(q) {
    const org = this.app.org;
    if (!org || !searchable(q)) return [];
    if (!this.index) this.build();
    const {names, pids, titles, ids, unitNames, unitIds} = this.index;
    const top = new Best(MAX_RESULTS);
    const rank = (s) => (s === q ? 0 : s.startsWith(q) ? 1 : s.includes(' ' + q) ? 2 : s.includes(q) ? 3 : -1);
    const best = (...ranks) => Math.min(...ranks.filter((x) => x >= 0), 9);
    for (let p = 0; p < names.length; p++) {
      const r = best(rank(names[p]), rank(pids[p]));
      if (r < 9 && org.personNode(p) >= 0) top.offer(r, org.personNames[p], () => ({node: org.personNode(p), person: p}));
    }
    for (let u = 0; u < unitNames.length; u++) {
      const r = best(rank(unitNames[u]), rank(unitIds[u]));
      if (r < 9) top.offer(r + 0.25, org.unitNames[u], () => ({node: org.unitNode(u), unit: u}));
    }
    const titleRank = titles.map(rank);
    for (let i = 0; i < org.n; i++) {
      const r = best(titleRank[org.title[i]], rank(ids[i]));
      if (r < 9) top.offer(r + 0.5, org.titleOf(i), () => ({node: i}));
    }
    return top.kept;
  }

  run() {
    const typed = this.input.value.trim(), q = fold(typed);
    this.results = this.find(q);
    this.active = this.results.length ? 0 : -1;
    this.render();
    if (searchable(q)) announce(`${this.results.length || 'No'} result${this.results.length === 1 ? '' : 's'} for ${typed}.`);
  }

  render() {
    const org = this.app.org;
    const items = this.results.map((r, k) => {
      const sub = r.person != null ? `${org.titleOf(r.node)} · ${org.personIds[r.person]}`
        : r.unit != null ? `Unit · ${org.unitIds[r.unit]}`
          : `${org.namesOf(r.node)} · ${org.ids[r.node]}`;
      return h('li', {id: 'result-' + k, role: 'option', 'aria-selected': k === this.active ? 'true' : 'false',
        class: k === this.active ? 'active' : '', onmousedown: (e) => { e.preventDefault(); this.choose(k); }},
      h('span', {class: 'r-main', text: r.text}), h('span', {class: 'r-sub', text: sub}));
    });
    if (searchable(fold(this.input.value.trim())) && items.length === 0) {
      items.push(h('li', {class: 'none', role: 'option', 'aria-disabled': 'true', text: 'Nothing found on this date'}));
    }
    this.list.replaceChildren(...items);
    const open = items.length > 0;
    this.list.hidden = !open;
    this.input.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', 'result-' + this.active);
    else this.input.removeAttribute('aria-activedescendant');
  }

  key(e) {
    const n = this.results.length;
    if (e.key === 'ArrowDown' && n) this.active = (this.active + 1) % n;
    else if (e.key === 'ArrowUp' && n) this.active = (this.active - 1 + n) % n;
    else if (e.key === 'Enter') {
      e.preventDefault();
      if (this.active >= 0) this.choose(this.active);
      return;
    } else if (e.key === 'Escape') return this.close();
    else return;
    e.preventDefault();
    this.render();
  }

  choose(k) {
    const r = this.results[k];
    if (!r) return;
    const org = this.app.org;
    const id = r.person != null ? org.personIds[r.person] : r.unit != null ? org.unitIds[r.unit] : org.ids[r.node];
    this.close();
    if (r.node >= 0) this.app.focusNode(r.node, {center: 'always', highlight: true, focusId: id});
    if (r.unit == null) return announce(`${r.text}: ${org.label(r.node)}`);
    // A unit with no position of its own has no box to tell what it is: its panel does.
    if (org.hasPositions(r.unit)) return announce(`Unit ${r.text}, its top position: ${org.label(r.node)}`);
    announce(r.node >= 0 ? `Unit ${r.text}, headed by: ${org.label(r.node)}` : `Unit ${r.text}, with no positions on this date`);
    this.app.panel.show(id);
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}

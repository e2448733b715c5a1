// The side panel: a person, position or unit on the chart's date, with its manager chain,
// reports and history. Every name in it is a link that moves the chart and the panel there.

import {$, h, initials, hue, announce} from './dom.js';
import {get} from './api.js';
import {timeline} from './timeline.js';
import {syncDrawers} from './drawers.js';

const MAX_LIST = 50;

export class Panel {
  constructor(app) {
    this.app = app;
    this.el = $('panel');
    this.body = $('panel-body');
    this.title = $('panel-title');
    this.id = '';
    this.seq = 0;
    $('panel-close').addEventListener('click', () => this.close());
    this.el.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.close(); });
  }

  // show opens the panel on an id, and returns when it is filled.
  async show(id) {
    const seq = ++this.seq;
    this.id = id;
    this.el.hidden = false;
    this.title.textContent = 'Loading…';
    this.body.replaceChildren();
    const s = this.app.state;
    let answer;
    try {
      answer = await get('/ui/show/' + encodeURIComponent(id), {at: s.plan ? '' : this.app.meta.at, known_at: s.plan ? '' : s.known, plan: s.plan});
    } catch (err) {
      if (seq !== this.seq) return;
      // The server down (no status) or busy (5xx) may answer later; a 404 or another refusal
      // would be told again.
      const passing = !err.status || err.status >= 500;
      this.title.textContent = err.status === 404 ? 'Not found' : 'Could not be loaded';
      this.body.replaceChildren(h('p', {class: 'error', text: passing
        ? `${err.message.replace(/\.?$/, '.')} Choose the box again to try once more.` : err.message}));
      return;
    }
    if (seq !== this.seq) return;
    const inside = this.el.contains(document.activeElement); // a link of the panel followed
    this.render(id, answer);
    if (inside || document.activeElement === document.body) this.title.focus({preventScroll: true});
    announce(`Details of ${this.title.textContent}.`);
  }

  close() {
    this.el.hidden = true;
    syncDrawers(); // before the focus goes back to the box the panel covered
    this.seq++;
    const el = this.app.nodes.element(this.app.focus);
    if (el) el.focus({preventScroll: true});
  }

  // refresh shows the same id again, on a new date.
  refresh() { if (!this.el.hidden && this.id) this.show(this.id); }

  render(id, {info, history}) {
    const parts = [];
    if (!info) {
      this.title.textContent = id;
      parts.push(h('p', {class: 'help', text: `${id} is not on the chart on ${this.app.meta.at}.`}));
    } else if (info.type === 'person') {
      this.title.textContent = info.name;
      parts.push(...this.person(info));
    } else if (info.type === 'position') {
      this.title.textContent = info.title;
      parts.push(...this.position(info));
    } else {
      this.title.textContent = info.name;
      parts.push(...this.unit(info));
    }
    parts.push(h('h3', {text: 'History'}), timeline(history));
    this.body.replaceChildren(...parts.flat());
  }

  person(p) {
    const photo = p.attrs?.photo;
    const face = photo && (photo.startsWith('data:image/') || photo.startsWith('/'))
      ? h('img', {class: 'photo', src: photo, alt: `Photo of ${p.name}`, width: 56, height: 56})
      : h('span', {class: 'avatar big', 'aria-hidden': 'true', text: initials(p.name)});
    if (face.classList.contains('avatar')) face.style.setProperty('--hue', hue(p.id));
    const facts = [['Status', p.active ? `Active since ${p.hired}` : `Left on ${p.left || '—'}`],
      ['Email', p.email], ['Location', p.location]];
    // Attributes are named by whoever recorded them: under a heading of their own, one named
    // "Status" does not read as the person's status.
    const attrs = Object.entries(p.attrs || {}).filter(([k]) => k !== 'photo');
    const held = p.positions.map((pos) => h('li', {},
      this.link(pos.id, pos.title), pos.acting ? h('span', {class: 'tag acting', text: 'Acting'}) : null,
      h('div', {class: 'sub'}, 'in ', this.link(pos.unit.id, pos.unit.name),
        pos.manager_position ? [' · reports to ', this.link(pos.manager_position.id, pos.manager_position.title),
          pos.manager_position.vacant ? ' (vacant)' : ''] : ' · reports to no one')));
    return [h('div', {class: 'who-head'}, face, h('p', {class: 'sub', text: p.id})),
      dl(facts),
      attrs.length ? [h('h3', {text: 'Attributes'}), dl(attrs)] : [],
      h('h3', {text: 'Positions'}), held.length ? h('ul', {class: 'plain'}, held) : h('p', {class: 'help', text: 'Holds no position.'}),
      ...this.chainOf(p.positions[0]?.id),
      h('h3', {text: 'Managers'}), this.refs(p.managers, 'No manager.'),
      h('h3', {text: `Reports (${p.reports.length})`}), this.refs(p.reports, 'No reports.')];
  }

  position(p) {
    const holders = p.holders.map((x) => h('li', {}, this.link(x.id, x.name), x.acting ? h('span', {class: 'tag acting', text: 'Acting'}) : null));
    return [dl([['Id', p.id], ['Unit', this.link(p.unit.id, p.unit.name)], ['Kind', p.kind],
      ['Reports to', p.reports_to ? this.link(p.reports_to.id, p.reports_to.title) : 'No one'],
      ['Dotted lines', p.dotted.length ? p.dotted.map((d) => this.link(d.id, d.title)) : ''],
      ['Heads', (p.heads || []).map((u) => this.link(u.id, u.name))]]),
    h('h3', {text: 'Held by'}), holders.length ? h('ul', {class: 'plain'}, holders) :
      h('p', {class: 'vacant-note', text: p.vacant ? 'Vacant' : 'No one: the position is closed'}),
    ...this.chainOf(p.id),
    h('h3', {text: `Reports (${p.reports.length})`}), this.refs(p.reports.map((r) => ({id: r.id, name: r.title})), 'No reports.')];
  }

  unit(u) {
    return [dl([['Id', u.id], ['Kind', u.kind], ['Part of', u.parent ? this.link(u.parent.id, u.parent.name) : 'Nothing: a top unit'],
      ['Head', u.head ? this.link(u.head.id, u.head.title) : 'None'], ['Status', u.open ? 'Open' : 'Closed']]),
    h('h3', {text: `Positions (${u.positions.length})`}), this.refs(u.positions.map((r) => ({id: r.id, name: r.title})), 'None.'),
    h('h3', {text: `Units (${u.units.length})`}), this.refs(u.units, 'None.')];
  }

  // chainOf is the manager chain of a position, read from the chart: each position up the
  // solid line, with its holders.
  chainOf(positionId) {
    const org = this.app.org;
    const i = positionId ? org.index.get(positionId) : undefined;
    if (i === undefined) return [];
    const chain = org.chain(i);
    const items = chain.map((p) => h('li', {}, this.link(org.ids[p], org.titleOf(p)), h('div', {class: 'sub', text: org.namesOf(p)})));
    return [h('h3', {text: 'Manager chain'}), items.length ? h('ol', {class: 'chain'}, items) : h('p', {class: 'help', text: 'At the top of the chart.'})];
  }

  refs(list, none) {
    if (!list.length) return h('p', {class: 'help', text: none});
    const shown = list.slice(0, MAX_LIST).map((r) => h('li', {}, this.link(r.id, r.name)));
    if (list.length > MAX_LIST) shown.push(h('li', {class: 'help', text: `and ${list.length - MAX_LIST} more`}));
    return h('ul', {class: 'plain'}, shown);
  }

  // link is a name that moves the chart to its id and opens it here.
  link(id, text) {
    return h('button', {type: 'button', class: 'link', onclick: () => this.app.goTo(id)}, text || id);
  }
}

// dl lists facts as a description list, leaving out the empty ones.
function dl(facts) {
  const rows = facts.filter(([, v]) => v && (!Array.isArray(v) || v.length));
  return h('dl', {class: 'facts'}, rows.map(([k, v]) => [h('dt', {text: k}), h('dd', {}, Array.isArray(v) ? join(v) : v)]));
}

function join(nodes) {
  return nodes.flatMap((n, k) => (k ? [', ', n] : [n]));
}

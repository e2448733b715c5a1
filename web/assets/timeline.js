// The history of a person, position or unit in the side panel: every event that touched it,
// oldest first, each with the date it took effect, the time it was recorded, who recorded it,
// its source and note, and whether it was later retracted; then the changes of plans that wait
// for someone's leaving.

import {h} from './dom.js';

export function timeline(history) {
  if (!history || history.events.length === 0) return h('p', {class: 'help', text: 'No recorded history.'});
  const items = history.events.map((e) => h('li', {class: e.retracted_by ? 'event retracted' : 'event'},
    h('div', {class: 'when'},
      h('time', {datetime: e.effective, text: e.effective}),
      h('span', {class: 'verb', text: e.verb})),
    h('p', {class: 'summary', text: e.summary}),
    h('p', {class: 'meta'}, 'Recorded ', h('time', {datetime: e.recorded, text: recorded(e.recorded)}),
      e.actor ? ` by ${e.actor}` : '', e.plan ? ` · plan ${e.plan}` : '', ` · event ${e.event}`),
    e.source ? h('p', {class: 'source'}, h('span', {class: 'k', text: 'Source: '}), e.source) : null,
    e.note ? h('p', {class: 'note'}, h('span', {class: 'k', text: 'Note: '}), e.note) : null,
    e.retracted_by ? h('p', {class: 'retraction', text: `Retracted by event ${e.retracted_by}`}) : null));
  const out = [h('ol', {class: 'timeline', 'aria-label': 'History, oldest first'}, items)];
  if (history.waiting?.length) {
    out.push(h('h4', {text: 'Waiting in plans'}), h('ul', {class: 'plain'},
      // The summary says whose leaving the change waits for.
      // A draft's change waits for nothing until the plan is applied.
      history.waiting.map((w) => h('li', {text: `${w.plan} #${w.change}${w.applied ? '' : ' (draft, not applied)'}: ${w.summary}`}))));
  }
  return out;
}

// recorded shows a recorded time to the minute, in UTC, as the ledger keeps it.
function recorded(t) {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return t;
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

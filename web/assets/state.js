// The view's state lives in the URL (/?at=2022-04-13&known_at=…&focus=huo-jia), so that a
// link shows a colleague the same view: the date, what was known when, the date compared with,
// the plan, the focused person or position, and which subtrees are open.

export function readState() {
  const q = new URLSearchParams(location.search);
  const plan = q.get('plan') || '';
  // A plan's chart is the org on its date as known now: a date, a time known at or a date
  // compared with beside it in the address would be shown in the controls and not drawn.
  const unplanned = (k) => (plan ? '' : q.get(k) || '');
  return {
    at: unplanned('at'),
    known: unplanned('known_at'),
    compare: unplanned('compare'),
    plan,
    focus: q.get('focus') || '',
    depth: q.get('depth') || '',
    toggle: new Set((q.get('toggle') || '').split(',').filter(Boolean)),
  };
}

// query is the state as URL parameters, always in the same order, leaving out what is unset.
export function query(s) {
  const q = new URLSearchParams();
  const put = (k, v) => { if (v) q.set(k, v); };
  put('at', s.at);
  put('known_at', s.known);
  put('compare', s.compare);
  put('plan', s.plan);
  put('focus', s.focus);
  put('depth', s.depth);
  put('toggle', [...s.toggle].join(','));
  return q;
}

// writeState puts the state in the address bar: push makes a step the back button undoes (a
// new date), otherwise the current entry is replaced (the focus moved).
export function writeState(s, push) {
  const q = query(s).toString();
  const url = location.pathname + (q ? '?' + q : '');
  if (url === location.pathname + location.search) return;
  history[push ? 'pushState' : 'replaceState'](null, '', url);
}

// chartParams are what the chart routes read of the state.
export function chartParams(s) {
  return {at: s.plan ? '' : s.at, known_at: s.plan ? '' : s.known, plan: s.plan, depth: s.depth,
    toggle: [...s.toggle].join(',')};
}

// On a narrow screen a drawer (the side panel, the changes) covers the chart, so what it
// covers must not take the keyboard's focus: it is made inert while the drawer is open, and
// the focus moves to the drawer's heading. On a wide screen the drawers sit beside the chart.

import {$} from './dom.js';

const narrow = window.matchMedia('(max-width: 640px)');

// syncDrawers makes inert what the open drawers cover; each opening and closing calls it, and
// a change of the window's width.
export function syncDrawers() {
  const panel = !$('panel').hidden, changes = !$('changes').hidden;
  const covered = narrow.matches && (panel || changes);
  const inChart = $('chart').contains(document.activeElement);
  $('chart').inert = covered;
  $('changes').inert = narrow.matches && panel && changes; // the panel covers the changes too
  if (covered && inChart) $(panel ? 'panel-title' : 'changes-title').focus({preventScroll: true});
}

// watchDrawers keeps the chart's inertness in step with the drawers.
export function watchDrawers() {
  const seen = new MutationObserver(syncDrawers);
  for (const id of ['panel', 'changes']) seen.observe($(id), {attributes: true, attributeFilter: ['hidden']});
  narrow.addEventListener('change', syncDrawers);
}

// Plans: the page that lists the plans the caller may see, and a plan opened on the chart: the
// org on the plan's date with the plan, its changes marked, what plan check finds, and for an
// admin the button that applies it.

import {$, h, announce} from './dom.js';
import {get, post} from './api.js';
import {renderChanges} from './compare.js';

// showPlansPage fills the plans page.
export async function showPlansPage() {
  $('chart').hidden = true;
  $('controls').hidden = true;
  $('plans').hidden = false;
  document.querySelector('.search').hidden = true; // it searches a chart, and this page has none
  $('nav-plans')?.setAttribute('aria-current', 'page'); // a viewer has no link to the plans
  const note = $('plans-note');
  if (document.body.dataset.role === 'viewer') {
    note.textContent = 'Plans are drafts of changes to come; a viewer reads the org up to today only, so there are none to show.';
    return;
  }
  const list = await get('/ui/plans');
  if (!list.length) {
    note.textContent = 'There are no plans you may see. Draft one with orgledger plan create, or POST /api/v1/plans.';
    return;
  }
  note.textContent = 'Open a plan to see the org on its date with it, its changes marked on the chart.';
  $('plans-rows').replaceChildren(...list.map((p) => h('tr', {},
    h('th', {scope: 'row'}, h('a', {href: '/?plan=' + encodeURIComponent(p.ref), text: p.name})),
    h('td', {}, h('span', {class: 'status-' + p.status, text: p.status})),
    h('td', {text: p.effective}), h('td', {text: p.owner}),
    h('td', {text: String(p.changes) + unreleasedNote(p)}),
    h('td', {text: new Date(p.updated).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'}))));
  $('plans-table').hidden = false;
}

// PlanView is a plan opened on the chart.
export class PlanView {
  constructor(app) {
    this.app = app;
    this.answer = null;
    // What each apply under way told, for the loads that follow to tell again: kept until the
    // last of them is done, since a load of one redraws the drawer over what another told.
    this.applied = [];
    this.applying = 0;
    this.posting = new Set(); // the refs of the plans whose apply is on its way to the server, and REF#N of the changes whose withdrawal is
    this.loading = null; // the plan's load under way, or the last one
    this.forbidden = false; // the server refused a write of this page's: its session is not the browser's now
  }

  // load reads the plan and shows its banner, its changes and its check; after the plan was
  // applied, what applying it told, its warnings in the drawer. The promise is kept, for apply
  // to wait on.
  load(name) {
    this.loading = this.read(name);
    return this.loading;
  }

  async read(name) {
    const a = await get('/ui/plans/' + encodeURIComponent(name));
    this.answer = a;
    this.banner(a);
    if (a.diff) this.app.setMarks(a.diff.changes);
    renderChanges(this.app, a.diff || {changes: []}, `Plan ${a.plan.name}`, a.diff ? '' : withoutDiff(a.plan));
    $('changes-body').prepend(...this.details(a));
    if (this.applied.length) {
      // The plan's own apply first, so that a warning two applies told reads as its own.
      const own = this.applied.filter((x) => x.ref === a.plan.ref), others = this.applied.filter((x) => x.ref !== a.plan.ref);
      const told = new Set(), notes = [];
      for (const x of [...own, ...others]) {
        notes.push(...untold(x, a.plan.ref, told));
        x.told = true;
      }
      if (notes.length) $('changes-body').prepend(warningList(notes));
      announce(this.applied.map((x) => x.done).join(' '));
    }
    return a;
  }

  banner(a) {
    const b = $('plan-banner');
    const p = a.plan;
    b.replaceChildren(h('strong', {text: `Plan ${p.name}`}),
      ` · ${p.status} · ${chartOf(a)} · owned by ${p.owner} · `,
      h('a', {href: '/?at=' + p.effective, text: 'the org without it'}), ' · ',
      h('a', {href: '/plans', text: 'all plans'}));
    b.hidden = false;
    $('nav-plans')?.setAttribute('aria-current', 'page');
    $('nav-chart').removeAttribute('aria-current');
  }

  details(a) {
    const p = a.plan, out = [];
    out.push(h('dl', {class: 'facts'},
      h('dt', {text: 'Status'}), h('dd', {id: 'plan-status', text: p.status}),
      h('dt', {text: 'Effective'}), h('dd', {text: p.effective}),
      h('dt', {text: 'Owner'}), h('dd', {text: p.owner}),
      p.shared_with?.length ? [h('dt', {text: 'Shared with'}), h('dd', {text: p.shared_with.join(', ')})] : null));
    if (a.check) out.push(...this.check(a.check));
    if (a.admin && p.status === 'draft') {
      const ok = a.check?.ok;
      const posting = this.posting.has(p.ref);
      out.push(h('button', {type: 'button', class: 'primary', id: 'apply-plan', disabled: !ok || this.forbidden,
        'aria-disabled': posting ? 'true' : null, onclick: () => this.apply(p)}, posting ? 'Applying…' : 'Apply the plan'));
      if (!ok) out.push(h('p', {class: 'help', id: 'apply-help', text: 'A plan with errors cannot be applied.'}));
      else if (this.forbidden) out.push(h('p', {class: 'help', id: 'apply-help', text: 'This page may no longer apply plans: reload it.'}));
    }
    out.push(h('h3', {text: `Changes in the plan (${p.changes.length})`}),
      h('ol', {class: 'plan-changes'}, p.changes.map((c) => h('li', {}, c.summary + stateNote(c),
        a.admin && withdrawable(p, c) ? [' ', h('button', {type: 'button', class: 'withdraw', 'aria-label': `Withdraw change ${c.change}`,
          onclick: (e) => this.withdraw(p, c, e.currentTarget)}, 'Withdraw')] : null))));
    return out;
  }

  // withdraw asks for confirmation, then withdraws change c of applied plan p, which waits for a
  // leaving: a write, which carries the CSRF token. The plan is loaded again, to show the change
  // withdrawn, and what became of the withdrawal is told in the drawer and the status line.
  async withdraw(p, c, button) {
    const key = p.ref + '#' + c.change;
    if (this.posting.has(key)) return;
    const text = `Change ${c.change} of plan ${p.name} waits for ${c.when.leaves} to leave. Withdrawn, it waits no more, and that leaving records nothing of it. It cannot be undone.`;
    if (await confirmed('Withdraw the change?', text, 'Withdraw') !== 'ok' || this.posting.has(key)) return;
    // While it is on its way the change is not withdrawn again: a second request would be
    // refused, and its refusal told over the withdrawal that went through.
    this.posting.add(key);
    button.setAttribute('aria-disabled', 'true');
    let told, ok = true;
    try {
      await post('/ui/plans/' + encodeURIComponent(p.ref) + '/changes/' + c.change + '/withdraw');
      told = `Change ${c.change} of plan ${p.name} withdrawn: ${c.when.leaves}'s leaving records nothing of it.`;
    } catch (err) {
      ok = false;
      told = `Change ${c.change} of plan ${p.name} not withdrawn: ${err.problem?.detail || err.message}`;
    } finally {
      this.posting.delete(key);
    }
    announce(told);
    // The drawer is shown again only where the page still shows this plan's: whoever closed it,
    // or went on to another view meanwhile, is told in the status line alone.
    if (this.app.state.plan !== p.ref || $('changes').hidden) return;
    try {
      await this.load(p.ref);
    } catch {
      // the drawer keeps the plan as it was; what became of the withdrawal is told all the same
    }
    $('changes-body').prepend(h('p', {class: ok ? 'help' : 'error', role: ok ? null : 'alert', text: told}));
    announce(told);
    $('changes-title').focus();
  }

  // check lists the errors that would refuse the plan, and its warnings.
  check(r) {
    const out = [h('h3', {text: r.ok ? 'Check: no errors' : `Check: ${count(r.errors.length, 'error')}`})];
    if (r.errors.length) out.push(h('ul', {class: 'problems'}, r.errors.map((e) => h('li', {class: 'error', text: problem(e)}))));
    out.push(h('h3', {text: `Warnings (${r.warnings.length})`}));
    out.push(r.warnings.length
      ? h('ul', {class: 'problems'}, r.warnings.map((w) => h('li', {class: 'warning'}, h('span', {class: 'tag', text: w.kind}), ' ', w.message)))
      : h('p', {class: 'help', text: 'None.'}));
    return out;
  }

  // apply asks for confirmation, then records the plan: a write, which carries the CSRF token.
  // While it is on its way the plan is not applied again: its button waits, marked disabled
  // but keeping the focus the dialog gave back to it, and a second apply of it is not sent
  // (the server would refuse it, and the page would tell a refusal beside the apply that went
  // through).
  async apply(p) {
    if (this.posting.has(p.ref)) return;
    const choice = await confirmed('Apply the plan?',
      `This records the ${count(p.changes.length, 'change')} of plan ${refOf(p)} in the ledger, effective ${p.effective}. It cannot be undone, only corrected by new changes.`, 'Apply');
    if (choice !== 'ok' || this.posting.has(p.ref)) return;
    let res, refusal = null;
    this.posting.add(p.ref);
    this.buttonWaits(p, true);
    try {
      res = await post('/ui/plans/' + encodeURIComponent(p.ref) + '/apply');
    } catch (err) {
      refusal = err;
    } finally {
      this.posting.delete(p.ref);
    }
    if (refusal) return this.refused(p, refusal);
    // What did not go as it should with changes waiting for a leaving (this plan's, or other
    // plans' its leavings released) is told with it: the apply stands all the same.
    const notes = [res.unreleased, ...(res.warnings || [])].filter(Boolean);
    const done = `Plan ${refOf(p)} applied: ${count(res.events, 'event')} recorded.` + (notes.length ? ' Warnings: ' + notes.join(' ') : '');
    announce(done);
    // The reload draws the chart, then loads the plan again (load), which says again that the
    // plan was applied, with its warnings, once it has said what the chart is now. Where that
    // load does not come (the page moved on meanwhile, or another apply's load was the last)
    // or fails, it is said here. Two applies at once each tell theirs.
    const mine = {ref: p.ref, done, notes, told: false};
    this.applied.push(mine);
    this.applying++;
    try {
      await this.app.reload();
      await this.loading;
    } catch {
      // the chart or the plan did not load again: the apply stands, and is told below
    }
    if (!mine.told) {
      mine.told = true;
      announce(done);
      // The drawer shows the plan last loaded, which may be another (two applies at once), and
      // may tell some of these warnings already: another apply at once told them too.
      if (!$('changes').hidden) {
        const shown = untold(mine, this.app.state.plan ? this.answer?.plan.ref : '', toldIn($('changes-body')));
        if (shown.length) $('changes-body').prepend(warningList(shown));
      }
    }
    // The drawer still shows the plan as the draft it was, its load after the apply failed (or
    // answered from before it): it must not offer to apply it again.
    const a = this.answer;
    if (this.app.state.plan && a?.plan.ref === p.ref && a.plan.status === 'draft' && !$('changes').hidden) this.appliedUnseen(a);
    if (--this.applying === 0) this.applied = [];
    // The reload took away the button that had the focus: it goes to the plan's heading.
    if (!$('changes').hidden) $('changes-title').focus();
  }

  // refused tells, once, in the status line and the drawer, that the apply of plan p did not
  // go through. One the server refused (the ledger changed since the plan was loaded, or the
  // session did) loads the chart and the plan again first, so that the drawer's check and
  // button are the plan's now, not those of before (which said "no errors", the button live);
  // a write forbidden leaves the button disabled, since the page's CSRF token is of a session
  // that is not the browser's now, or the session may no longer apply plans.
  async refused(p, err) {
    this.buttonWaits(p, false);
    // The server's detail says what its errors are; only an answer without one lists them.
    const why = err.problem?.detail ? '' : err.problem?.errors?.map(problem).join('; ');
    const told = () => `Plan ${nameBeside(p.ref, this.app.state.plan ? this.answer?.plan.ref : '')} not applied: ${why || err.message}`;
    announce(told());
    if (err.status === 403) this.forbidden = true;
    if (err.status && this.app.state.plan === p.ref) {
      const focused = document.activeElement?.id === 'apply-plan';
      try {
        await this.app.reload();
        await this.loading;
      } catch {
        // the drawer keeps the plan as it was; the refusal is told all the same
      }
      if (focused && document.activeElement === document.body) ($('apply-plan')?.disabled ? $('changes-title') : $('apply-plan'))?.focus();
    }
    $('changes-body').prepend(h('p', {class: 'error', role: 'alert', text: told()}));
    announce(told());
  }

  // buttonWaits marks the drawer's button to apply plan p disabled while its apply is on its
  // way, saying so, or gives it back once the apply was refused: the drawer may show another
  // plan by then. The button stays focusable (aria-disabled, not disabled), so that whoever
  // pressed it from the keyboard is not sent back to the top of the page.
  buttonWaits(p, waiting) {
    if (waiting) announce(`Applying plan ${p.name}…`);
    const b = $('apply-plan');
    if (!b || this.answer?.plan.ref !== p.ref) return;
    b.textContent = waiting ? 'Applying…' : 'Apply the plan';
    if (waiting) b.setAttribute('aria-disabled', 'true');
    else b.removeAttribute('aria-disabled');
  }

  // appliedUnseen marks the plan of answer a, which the drawer shows as a draft, as applied: its
  // apply went through, but the page could not load it again. The drawer and banner say it is
  // applied and the button to apply it goes; the rest is the plan as it was before.
  appliedUnseen(a) {
    this.answer = {...a, plan: {...a.plan, status: 'applied'}, diff: null};
    this.banner(this.answer);
    $('plan-status').textContent = 'applied';
    $('apply-plan')?.remove();
    $('apply-help')?.remove();
    $('changes-body').prepend(h('p', {class: 'error', role: 'alert',
      text: `Plan ${a.plan.name} is applied, but the page could not load it again, so what it shows of the plan is from before the apply. Reload the page to see the plan as recorded.`}));
  }
}

// confirmed asks, in the page's dialog, whether to go on with what text says, the button that
// goes on named ok; it resolves to the choice: 'ok', or 'cancel' (Escape closes with '').
async function confirmed(title, text, ok) {
  const dlg = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = ok;
  dlg.returnValue = ''; // closed with Escape, a dialog keeps its value (the HTML standard): not an earlier 'ok'
  dlg.showModal();
  return new Promise((resolve) => dlg.addEventListener('close', () => resolve(dlg.returnValue), {once: true}));
}

// withdrawable reports whether change c of plan p still waits for a leaving, to be withdrawn:
// not claimed by a release under way, nor withdrawn before.
function withdrawable(p, c) {
  return p.status === 'applied' && c.waiting && !c.releasing && !c.withdrawn;
}

// chartOf says what the chart of a plan shows: the org on its date with it, for a draft the
// ledger takes; as the ledger has it otherwise.
function chartOf(a) {
  const p = a.plan;
  if (p.status !== 'draft') return `the org on ${p.effective} as recorded`;
  return a.diff ? `the org on ${p.effective} with the plan` : `the org on ${p.effective} without the plan, which the ledger would refuse`;
}

// withoutDiff says why a plan has no changes to list: an applied plan's are in the ledger (or
// wait for a leaving), one being applied is on its way there, a dropped plan's never will be,
// and a draft the ledger would refuse changes nothing yet.
function withoutDiff(p) {
  switch (p.status) {
  case 'applied': return 'The plan is applied: its changes are recorded (those waiting for a leaving once it is), and the chart is the org on its date as recorded.';
  case 'applying': return 'The plan is being applied: the chart is the org on its date as recorded so far.';
  case 'dropped': return 'The plan is dropped: the chart is the org on its date without it.';
  default: return 'The ledger would refuse the plan as it stands (its check says why), so the chart is the org on its date without it.';
  }
}

// untold is the warnings of apply x that told (the warnings the drawer tells already) does not
// hold, which it then holds: two applies at once can each warn of both plans their leavings
// released, and the drawer tells each warning once. They are told as the drawer of plan ref
// tells them: another plan's apply is named on its warnings, since the drawer is about plan ref.
function untold(x, ref, told) {
  const out = [];
  for (const w of x.notes) {
    if (told.has(w)) continue;
    told.add(w);
    out.push({warning: w, text: x.ref === ref ? w : `Applying ${nameBeside(x.ref, ref)}: ${w}`});
  }
  return out;
}

// refOf names plan p by its reference, NAME@OWNER, as the plans page links to it: an admin
// sees the plans of every owner, two of whom may each have a plan of that name.
function refOf(p) {
  return p.ref || p.name;
}

// count says n of what is counted, "1 change" or "3 changes".
function count(n, what) {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

// nameBeside names plan ref (NAME@OWNER) beside plan shown: by its name where the two have one
// owner, else with its owner too, since two owners may each have a plan of that name.
function nameBeside(ref, shown) {
  const owner = (r) => r.slice(r.indexOf('@') + 1);
  const at = ref.indexOf('@');
  return at >= 0 && shown?.includes('@') && owner(shown) === owner(ref) ? ref.slice(0, at) : ref;
}

// toldIn is the warnings of applies that the drawer body tells.
function toldIn(body) {
  return new Set([...body.querySelectorAll('li[data-warning]')].map((li) => li.dataset.warning));
}

// warningList lists what did not go as it should with an apply: notes from untold.
function warningList(notes) {
  return h('ul', {class: 'problems'}, notes.map((n) => h('li', {class: 'warning', 'data-warning': n.warning, text: n.text})));
}

function problem(e) {
  return [e.change ? `change ${e.change}` : '', e.verb, e.reason].filter(Boolean).join(': ');
}

// unreleasedNote says how many changes of plan p (a summary) wait for a leaving, and how many
// were withdrawn while they waited.
function unreleasedNote(p) {
  const parts = [p.waiting ? `${p.waiting} waiting` : '', p.withdrawn ? `${p.withdrawn} withdrawn` : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

// stateNote says of a change of a plan whether it waits for a leaving, and whether that
// leaving is recorded already (the ledger refused the change, or has not released it yet,
// and why it is held back, when the view says); or,
// of one recorded, that its event was retracted by hand: it is not in force, and one its
// leaving released does not wait again; or that it was withdrawn while it waited.
function stateNote(c) {
  if (c.withdrawn) return ` (withdrawn by ${c.withdrawn.by} at ${c.withdrawn.at}: the leaving records nothing of it)`;
  if (c.retracted && c.when) return ` (taken back: its event ${c.retracted.event} was retracted by event ${c.retracted.by}; it does not wait again)`;
  if (c.retracted) return ` (taken back: its event ${c.retracted.event} was retracted by event ${c.retracted.by})`;
  if (!c.waiting) return '';
  if (c.releasing) return ` (waiting: the leaving is recorded, and a release claimed this change at ${c.releasing} to record it)`;
  if (c.leaving_recorded && c.held) return ` (waiting: the leaving is recorded, this change is held back: ${c.held})`;
  return c.leaving_recorded ? ' (waiting: the leaving is recorded, this change not yet)' : ' (waiting)';
}

// The page's entry point. The same page shows the chart and the plans (the server says which
// in data-view); everything it shows comes from the /ui/ routes, and everything it is showing
// is in the URL.

import {$, announce} from './dom.js';
import {writeState, readState} from './state.js';
import {ChartApp} from './chartapp.js';
import {keyHandler} from './keys.js';
import {Search} from './search.js';
import {Panel} from './panel.js';
import {TimeControls} from './timectl.js';
import {PlanView, showPlansPage} from './plans.js';
import {chartTitle, exportSVG, exportPNG} from './export.js';
import {syncDrawers, watchDrawers} from './drawers.js';

class App extends ChartApp {
  constructor() {
    super();
    this.search = new Search(this);
    this.panel = new Panel(this);
    this.time = new TimeControls(this);
    this.planView = new PlanView(this);
    this.onshown = () => this.afterLoad();
    // A plan the ledger would refuse has no chart, but its page still says why.
    this.onfailed = () => { if (this.state.plan) this.planView.load(this.state.plan).catch(() => {}); };
  }

  afterLoad() {
    $('print-title').textContent = chartTitle(this);
    this.time.update();
    this.search.reset();
    this.panel.refresh();
    if (this.state.plan) this.planView.load(this.state.plan).catch((err) => announce(err.message));
    if (!this.timed) {
      this.timed = true;
      performance.mark('chart-visible');
      this.time.loadSpan();
    }
  }

  // setDate shows the chart on another date, timing how long the new chart takes to show. The
  // URL takes the date once its chart is fetched: where it cannot be (the network lost), the
  // chart, the URL and the date field stay on the date shown, and the failure is told beside
  // the date. Told over the chart, with the URL on the new date, it left the two at odds.
  async setDate(d) {
    if (!d || d === this.meta?.at && d === this.state.at && !this.state.plan) return;
    performance.clearMarks('date-start');
    performance.mark('date-start');
    const before = this.state.at;
    this.state.at = d;
    const fetched = () => writeState(this.state, true);
    const unfetched = (err) => {
      this.state.at = before;
      this.time.update();
      this.time.tell(`The chart of ${d} could not be loaded (${err.message}): it stays on ${this.meta.at}.`);
      document.body.dataset.ready = 'error';
    };
    if (await this.load({anchor: this.anchorId(), fetched, unfetched})) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      performance.measure('date-change', 'date-start');
    }
  }

  // showToday shows today's chart: the server's today where a chart has been shown, else the
  // chart an address without a date asks for (one whose date was no date showed none).
  showToday() {
    if (this.meta?.today) return this.setDate(this.meta.today);
    this.state.at = '';
    writeState(this.state, true);
    return this.load({});
  }

  setKnown(k) {
    this.state.known = k;
    writeState(this.state, true);
    this.load({anchor: this.anchorId()});
  }

  setCompare(d) {
    this.clearCompareProblem();
    this.state.compare = d;
    $('compare').value = d;
    writeState(this.state, true);
    if (d) {
      this.loadDiff().catch((err) => announce(err.message));
      return;
    }
    this.diffSeq++; // a comparison still on its way is not shown
    this.marks = null;
    this.nodes.version++;
    $('changes').hidden = true;
    this.requestRender();
    this.tellShown();
  }

  reload() { return this.load({anchor: this.anchorId()}); }

  // openPanel shows the details of box i: its holder when it has one, else the position.
  openPanel(i) {
    const hs = this.org.holders(i);
    this.panel.show(hs.length === 1 ? hs[0].id : this.org.ids[i]);
  }

  closePanel() { this.panel.close(); }

  // goTo focuses the box of an id, if the chart has one, and shows it in the panel: a link
  // followed, a step the back button undoes (moving the focus otherwise replaces the step).
  goTo(id, panelId = id) {
    const i = this.org.find(id);
    if (i >= 0) {
      this.state.focus = id;
      writeState(this.state, true);
      this.focusNode(i, {center: 'always', highlight: true, focusId: id, keepFocus: true});
    }
    this.panel.show(panelId);
  }
}

function wire(app) {
  const nodes = $('nodes');
  nodes.addEventListener('keydown', keyHandler(app));
  nodes.addEventListener('focus', (e) => {
    // Tabbing into the chart focuses a box; a click on the background, which focuses the
    // chart too, must not move the view.
    if (e.target !== nodes || !app.org || !nodes.matches(':focus-visible')) return;
    // Shift+Tab from a box lands here on its way back: it goes on to the tools before the chart.
    if (nodes.contains(e.relatedTarget)) return $('print').focus();
    const i = app.focus >= 0 ? app.focus : app.org.parent.indexOf(-1);
    if (i >= 0) app.focusNode(i, {center: 'if-needed'});
  });
  $('chart').addEventListener('click', (e) => {
    if (app.view.dragged || e.target.closest('.node, .tools') || !app.lay) return;
    const box = $('chart').getBoundingClientRect();
    const v = app.view;
    const i = app.lay.at((e.clientX - box.left - v.tx) / v.s, (e.clientY - box.top - v.ty) / v.s);
    if (i >= 0) app.focusNode(i, {center: 'always'});
  });
  const on = (id, fn) => $(id).addEventListener('click', fn);
  on('zoom-in', () => app.view.zoomAt(1.25));
  on('zoom-out', () => app.view.zoomAt(0.8));
  on('fit', () => app.view.fit(app.lay.width, app.lay.height));
  on('expand-all', () => app.setDepth('all'));
  on('collapse-all', () => app.setDepth('1'));
  on('export-svg', () => exportSVG(app));
  on('export-png', () => exportPNG(app).catch((err) => announce('The PNG could not be made: ' + err.message)));
  on('print', () => window.print());
  printLayout(app);
  const closeChanges = () => { // focus where a comparison is asked for, or (with a plan) the chart
    $('changes').hidden = true;
    syncDrawers();
    if (!$('compare').disabled) $('compare').focus();
    else if (app.org) app.focusNode(app.focus >= 0 ? app.focus : app.org.parent.indexOf(-1), {center: 'if-needed'});
  };
  watchDrawers();
  on('changes-close', closeChanges);
  $('changes').addEventListener('keydown', (e) => { if (e.key === 'Escape') closeChanges(); });
  window.addEventListener('popstate', () => {
    app.state = readState();
    app.load();
  });
}

async function main() {
  if (document.body.dataset.view === 'plans') {
    await showPlansPage();
    document.body.dataset.ready = 'true';
    return;
  }
  $('nav-chart').setAttribute('aria-current', 'page');
  const app = new App();
  window.orgledger = app; // a handle for the browser's console, and for the performance test
  wire(app);
  await app.load();
}

// printLayout lays the chart out for the page while it prints: the part on screen, scaled to
// the page, its boxes and its lines drawn together at the page's size; the screen's view comes
// back afterwards. Left to the print styles alone, the boxes kept their places on the screen,
// cut at the page's edge, and the lines were stretched to the page away from them.
function printLayout(app) {
  let screen = null;
  const sized = (v) => { v.w = v.el.clientWidth; v.h = v.el.clientHeight; };
  window.addEventListener('beforeprint', () => {
    if (!app.lay || screen) return;
    const v = app.view;
    screen = {s: v.s, tx: v.tx, ty: v.ty, fitted: v.fitted, w: v.w, h: v.h};
    document.body.classList.add('printing');
    sized(v);
    const k = Math.min(v.w / screen.w, v.h / screen.h);
    v.set(screen.s * k, screen.tx * k + (v.w - screen.w * k) / 2, screen.ty * k);
    app.render();
  });
  window.addEventListener('afterprint', () => {
    if (!screen) return;
    document.body.classList.remove('printing');
    sized(app.view);
    app.view.set(screen.s, screen.tx, screen.ty, screen.fitted);
    screen = null;
    app.render();
  });
}

main().catch((err) => {
  announce(err.message);
  document.body.dataset.ready = 'error';
});

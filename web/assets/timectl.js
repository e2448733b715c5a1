// The time controls: the date of the chart (a date field, and a slider across the ledger's
// history from its first effective date to the last the caller may see), "as known at" (what
// the ledger knew at the end of a day), and the date to compare with.

import {$, debounce, announce} from './dom.js';
import {get} from './api.js';

const DAY = 86400000;

const toDays = (d) => Math.round(Date.parse(d + 'T00:00:00Z') / DAY);
const fromDays = (n) => new Date(n * DAY).toISOString().slice(0, 10);
// valid takes a date of a four-digit year: typing a year into a date field makes it 0002,
// 0020 and 0202 on the way to 2022, none of which is meant.
const valid = (d) => /^[1-9]\d{3}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));

// onDate calls use with a date field's value when it changes: at once for a date picked, and
// for one typed (which changes at each segment: the month, the day, then the year) once typing
// stops, with the value typed last (a load finishing may set the field meanwhile). It returns
// the wait, for a button that decides to cancel.
function onDate(input, use) {
  let keyed = -Infinity;
  const wait = debounce(use, 400);
  input.addEventListener('keydown', () => { keyed = performance.now(); });
  input.addEventListener('change', () => {
    if (performance.now() - keyed < 1000) return wait(input.value);
    wait.cancel();
    use(input.value);
  });
  return wait;
}

export class TimeControls {
  constructor(app) {
    this.app = app;
    this.at = $('at');
    this.slider = $('slider');
    this.known = $('known');
    this.compare = $('compare');
    this.first = 0;
    const typed = onDate(this.at, (d) => {
      this.badDate(!valid(d));
      if (valid(d)) app.setDate(d);
    });
    const slide = debounce(() => app.setDate(fromDays(this.first + Number(this.slider.value))), 150);
    this.slider.addEventListener('input', () => {
      const d = fromDays(this.first + Number(this.slider.value));
      this.at.value = d;
      this.badDate(false);
      this.slider.setAttribute('aria-valuetext', d);
      slide();
    });
    $('today').addEventListener('click', () => { typed.cancel(); app.showToday(); });
    // Emptied, the known-at field means now; a year half typed means nothing yet.
    const knew = onDate(this.known, (d) => { if (d === '' || valid(d)) app.setKnown(d); });
    $('known-now').addEventListener('click', () => { knew.cancel(); app.setKnown(''); });
    // Emptied, the compare field ends the comparison, as Clear does; a date half typed (the
    // field holds some of its parts: badInput) means nothing yet. Emptied part by part, the
    // field changes at the first part only, so the key that empties the last ends it too.
    const emptied = () => this.compare.value === '' && !this.compare.validity.badInput && Boolean(app.state.compare);
    const compared = onDate(this.compare, (d) => {
      if (valid(d)) app.setCompare(d);
      else if (d === '' && emptied()) app.setCompare('');
    });
    this.compare.addEventListener('keyup', () => { if (emptied()) compared(''); });
    $('compare-off').addEventListener('click', () => { compared.cancel(); app.setCompare(''); });
  }

  // loadSpan asks for the range of the slider; it comes after the chart, since working it out
  // reads the ledger's log.
  async loadSpan() {
    try {
      const span = await get('/ui/span');
      this.first = toDays(span.first);
      this.slider.max = String(Math.max(0, toDays(span.last) - this.first));
      this.slider.min = '0';
      this.at.min = span.first;
      this.compare.min = span.first;
      this.placeSlider(); // not update(), which would clear what is told beside the date
    } catch (err) {
      this.slider.hidden = true; // the date field still works
    }
  }

  // badDate marks the date field as holding no date (one typed that is not on the calendar,
  // such as 02/30, or none), saying that the chart stays where it is, or clears the mark.
  // Unmarked, the field showed the date typed over a chart of another.
  badDate(bad) {
    const shown = this.app.meta?.at;
    const what = this.at.validity.badInput ? 'The date typed is not on the calendar' : 'No date is given';
    this.tell(bad ? `${what}: the chart stays on ${shown || 'the date it shows'}.` : '');
    if (bad) this.at.setAttribute('aria-invalid', 'true');
    else this.at.removeAttribute('aria-invalid');
  }

  // tell says something of the date asked for beside the date field, or ("") clears it.
  tell(text) {
    $('at-error').textContent = text;
    $('at-error').hidden = !text;
    if (text) announce(text);
  }

  // placeSlider puts the slider on the chart's date, once its range is known.
  placeSlider() {
    const at = this.app.meta?.at;
    if (this.first && at) {
      this.slider.value = String(toDays(at) - this.first);
      this.slider.setAttribute('aria-valuetext', at);
    }
  }

  // update shows the chart's date, limits and state in the controls.
  update() {
    const {meta, state} = this.app;
    if (!meta) return;
    this.at.value = meta.at;
    this.badDate(false);
    if (meta.max) {
      this.at.max = meta.max;
      this.compare.max = meta.max;
      this.known.max = meta.max;
      $('horizon').textContent = `As a viewer you see the org up to today, ${meta.max}.`;
      $('horizon').hidden = false;
    }
    this.placeSlider();
    this.known.value = /^\d{4}-\d{2}-\d{2}/.test(state.known) ? state.known.slice(0, 10) : '';
    // A link may carry a time of day, which the date field cannot show: it is shown beside it.
    const time = /^\d{4}-\d{2}-\d{2}T(.+)$/.exec(state.known || '');
    $('known-time').textContent = time ? `at ${time[1]}` : '';
    $('known-time').hidden = !time;
    this.compare.value = state.compare;
    const planned = Boolean(state.plan);
    for (const el of [this.at, this.slider, this.known, this.compare, $('today'), $('known-now'), $('compare-off')]) {
      el.disabled = planned;
    }
  }
}

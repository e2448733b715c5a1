// Viewport is the window onto the chart: a scale and a translation from chart coordinates
// (CSS pixels at zoom 1) to the screen. Dragging pans, the wheel and pinching zoom about the
// pointer. It computes in doubles and hands the drawing screen coordinates, because the
// chart of a large org is millions of pixels wide, beyond what the GPU's floats place exactly.

const MAX_SCALE = 2.5;
const FIT_PAD = 32; // the room left around a chart fitted to the screen

export class Viewport {
  constructor(el, onchange) {
    this.el = el;
    this.onchange = onchange;
    this.s = 1;
    this.tx = 0;
    this.ty = 0;
    this.minScale = 0.05;
    this.fitted = null; // the size of the chart the view was fitted to, until it moves
    this.w = el.clientWidth;
    this.h = el.clientHeight;
    this.pointers = new Map();
    this.dragged = false;
    new ResizeObserver(() => this.resize()).observe(el);
    el.addEventListener('pointerdown', (e) => this.down(e));
    el.addEventListener('pointermove', (e) => this.move(e));
    el.addEventListener('pointerup', (e) => this.up(e));
    el.addEventListener('pointercancel', (e) => this.up(e));
    el.addEventListener('wheel', (e) => this.wheel(e), {passive: false});
  }

  // resize keeps the middle of the chart in the middle when the chart's box changes size (a
  // drawer opens beside it), so that what was looked at stays in view.
  resize() {
    const w = this.el.clientWidth, h = this.el.clientHeight;
    if (this.w && this.h) {
      this.tx += (w - this.w) / 2;
      this.ty += (h - this.h) / 2;
    }
    this.w = w;
    this.h = h;
    if (this.fitted) return this.fit(...this.fitted);
    this.onchange();
  }

  sx(x) { return x * this.s + this.tx; }
  sy(y) { return y * this.s + this.ty; }

  // rect is the part of the chart on screen, with a margin so that boxes entering the view
  // are ready before they show.
  rect(margin = 0) {
    const m = margin / this.s;
    return {x0: -this.tx / this.s - m, y0: -this.ty / this.s - m,
      x1: (this.w - this.tx) / this.s + m, y1: (this.h - this.ty) / this.s + m};
  }

  // set moves the view. Any move but fit's own ends the fit: a view the person moved stays
  // where they put it when the chart's box changes size.
  set(s, tx, ty, fitted = null) {
    this.fitted = fitted;
    this.s = Math.min(MAX_SCALE, Math.max(this.minScale, s));
    this.tx = tx;
    this.ty = ty;
    this.onchange();
  }

  panBy(dx, dy) { this.set(this.s, this.tx + dx, this.ty + dy); }

  // zoomAt scales by f, keeping the chart point under the screen point (px, py) in place.
  zoomAt(f, px = this.w / 2, py = this.h / 2) {
    const s = Math.min(MAX_SCALE, Math.max(this.minScale, this.s * f));
    const k = s / this.s;
    this.set(s, px - (px - this.tx) * k, py - (py - this.ty) * k);
  }

  // center puts the chart point (x, y) in the middle of the screen.
  center(x, y, s = this.s) {
    s = Math.min(MAX_SCALE, Math.max(this.minScale, s));
    this.set(s, this.w / 2 - x * s, this.h / 2 - y * s);
  }

  // fitScale is the scale at which a chart of width by height fits on screen, at most 1.
  fitScale(width, height) {
    return Math.min(1, (this.w - 2 * FIT_PAD) / Math.max(width, 1), (this.h - 2 * FIT_PAD) / Math.max(height, 1));
  }

  // fit shows the whole chart, at most at zoom 1, in the middle of the screen: a chart wider
  // than it is tall, at the top of a screen, left the rest of the screen empty below it.
  fit(width, height) {
    const s = this.fitScale(width, height);
    this.minScale = Math.min(0.05, s * 0.8);
    const k = Math.max(this.minScale, s);
    this.set(k, (this.w - width * k) / 2, Math.max(FIT_PAD, (this.h - height * k) / 2), [width, height]);
  }

  // down starts watching a pointer; it is captured only once it drags (move), so that a click
  // on a box stays the box's: captured at once, the click would go to the chart instead.
  down(e) {
    if (e.button !== 0 || e.target.closest('button')) return;
    this.pointers.set(e.pointerId, {x: e.clientX, y: e.clientY});
    this.dragged = false;
    this.start = {x: e.clientX, y: e.clientY};
  }

  move(e) {
    const last = this.pointers.get(e.pointerId);
    if (!last) return;
    if (this.pointers.size === 2) return this.pinch(e, last);
    const dx = e.clientX - last.x, dy = e.clientY - last.y;
    last.x = e.clientX;
    last.y = e.clientY;
    if (!this.dragged && Math.hypot(e.clientX - this.start.x, e.clientY - this.start.y) < 4) return;
    if (!this.dragged) {
      this.el.classList.add('dragging');
      try { this.el.setPointerCapture(e.pointerId); } catch { /* a synthetic pointer */ }
    }
    this.dragged = true;
    this.panBy(dx, dy);
  }

  // pinch zooms by how much farther apart the two pointers are, about their midpoint.
  pinch(e, last) {
    const [a, b] = [...this.pointers.values()];
    const before = Math.hypot(a.x - b.x, a.y - b.y);
    last.x = e.clientX;
    last.y = e.clientY;
    const after = Math.hypot(a.x - b.x, a.y - b.y);
    const box = this.el.getBoundingClientRect();
    this.dragged = true;
    if (before > 0) this.zoomAt(after / before, (a.x + b.x) / 2 - box.left, (a.y + b.y) / 2 - box.top);
  }

  up(e) {
    this.pointers.delete(e.pointerId);
    this.el.classList.remove('dragging');
  }

  wheel(e) {
    e.preventDefault();
    const box = this.el.getBoundingClientRect();
    const unit = e.deltaMode === 1 ? 16 : 1;
    if (e.shiftKey) return this.panBy(-(e.deltaY || e.deltaX) * unit, 0);
    this.zoomAt(Math.exp(-e.deltaY * unit * 0.0015), e.clientX - box.left, e.clientY - box.top);
  }
}

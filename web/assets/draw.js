// The canvas under the boxes: the reporting lines and dotted lines, and, when the chart is
// zoomed too far out to read, the boxes themselves as plain rectangles. Only what meets the
// screen is drawn, each kind of line as one path, so a frame costs the same for 100 positions
// as for 100,000.

const INK = {
  line: '#5b6270',
  dotted: '#6b7280',
  box: '#ffffff',
  border: '#5b6270',
  assistant: '#eceff3',
  vacant: '#f7f7f8',
  focus: '#1f5fbf',
  hit: '#f2b705',
};

// Mark colours, for the boxes drawn on the canvas; the DOM boxes take theirs from the CSS.
// TINY is the on-screen width below which a box is drawn as a few pixels.
const TINY = 3;

// abgr is a #rrggbb colour as an opaque pixel of a Uint32Array over ImageData, which is RGBA
// in memory: little-endian, so alpha is the high byte.
function abgr(hex) {
  const n = parseInt(hex.slice(1), 16);
  return (0xff000000 | ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff)) >>> 0;
}

export const MARK_COLORS = {
  joined: '#1b7f3b', left: '#b3261e', created: '#00707a', moved: '#1f5fbf', manager: '#6b3fa0', title: '#8a5a00',
};

export class Painter {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
  }

  // size matches the canvas to its box and the screen's pixel ratio.
  size(w, h) {
    const dpr = window.devicePixelRatio || 1;
    const W = Math.round(w * dpr), H = Math.round(h * dpr);
    if (this.canvas.width !== W || this.canvas.height !== H) {
      this.canvas.width = W;
      this.canvas.height = H;
    }
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  // paint draws one frame. vis holds the count boxes on screen; boxes says whether the canvas
  // draws them too (the DOM does at readable zoom levels).
  paint(v, org, lay, vis, count, opt) {
    this.size(v.w, v.h);
    const ctx = this.ctx;
    ctx.clearRect(0, 0, v.w, v.h);
    if (!org || !lay) return;
    const r = v.rect(8);
    const tiny = lay.bw * v.s < TINY;
    if (tiny && opt.boxes) this.pixels(v, org, lay, vis, count, opt);
    if (v.s > 0.03) this.lines(v, org, lay, r);
    this.dotted(v, org, lay, r);
    if (opt.boxes && !tiny) this.boxes(v, org, lay, vis, count, opt);
    if (tiny) this.ring(v, lay, opt.focus, INK.focus, 2, 2);
  }

  // pixels draws boxes too small to outline straight into the canvas's pixels, a few pixels
  // each: the whole of a 100,000-person org is then a density map drawn in a few
  // milliseconds, where 100,000 rectangles on a path would take tens.
  pixels(v, org, lay, vis, count, opt) {
    const {canvas, ctx} = this;
    const W = canvas.width, H = canvas.height, dpr = W / v.w;
    if (W === 0 || H === 0) return; // no room on screen (a panel over the whole window)
    if (!this.img || this.img.width !== W || this.img.height !== H) {
      this.img = ctx.createImageData(W, H);
      this.buf = new Uint32Array(this.img.data.buffer);
    }
    const buf = this.buf;
    buf.fill(0);
    const w = Math.max(1, Math.round(lay.bw * v.s * dpr)), h = Math.max(1, Math.round(lay.bh * v.s * dpr));
    const ink = abgr(INK.border);
    for (let k = 0; k < count; k++) {
      const i = vis[k];
      const mark = opt.marks?.get(i);
      const color = mark ? abgr(MARK_COLORS[mark.kinds[0]]) : ink;
      const x0 = Math.max(0, Math.floor(v.sx(lay.x[i]) * dpr)), y0 = Math.max(0, Math.floor(v.sy(lay.y[i]) * dpr));
      const x1 = Math.min(W, x0 + w), y1 = Math.min(H, y0 + h);
      for (let y = y0; y < y1; y++) buf.fill(color, y * W + x0, y * W + x1);
    }
    ctx.putImageData(this.img, 0, 0);
  }

  // lines draws the connectors of every family that meets the screen, in the shapes package
  // layout routes them: a trunk down from the parent, a crossbar, and a drop to each report
  // below; a stub to each assistant; a spine down each stacked column. Crossbars are clamped
  // to the screen, so that a family millions of pixels wide costs no more than a narrow one.
  lines(v, org, lay, r) {
    const ctx = this.ctx, f = lay.fam;
    ctx.beginPath();
    for (let k = 0; k < f.length; k += 5) {
      if (f[k + 1] > r.x1 || f[k + 3] < r.x0 || f[k + 2] > r.y1 || f[k + 4] < r.y0) continue;
      this.family(v, org, lay, r, f[k]);
    }
    ctx.strokeStyle = INK.line;
    ctx.lineWidth = Math.max(0.75, Math.min(1.5, 1.25 * v.s));
    ctx.stroke();
  }

  family(v, org, lay, r, p) {
    const ctx = this.ctx, {x, y, bw, bh, gap, stub, edge} = lay;
    const px = x[p] + bw / 2;
    let lo = px, hi = px, elbow = -1, slo = px, shi = px;
    for (const c of org.children(p)) {
      const cx = x[c], cy = y[c], mid = v.sy(cy + bh / 2);
      if (edge[c] === 1) { // an assistant, beside the parent's line
        const side = cx > px ? cx : cx + bw;
        ctx.moveTo(v.sx(px), v.sy(y[p] + bh));
        ctx.lineTo(v.sx(px), mid);
        ctx.lineTo(v.sx(side), mid);
      } else if (edge[c] === 2) { // a stacked report, off its column's spine
        const spine = cx - stub;
        slo = Math.min(slo, spine);
        shi = Math.max(shi, spine);
        if (spine < r.x0 || spine > r.x1) continue;
        ctx.moveTo(v.sx(spine), v.sy(lay.bar[p]));
        ctx.lineTo(v.sx(spine), mid);
        ctx.lineTo(v.sx(cx), mid);
      } else { // a report below, dropping from the crossbar
        const ccx = cx + bw / 2;
        elbow = cy - gap / 2;
        lo = Math.min(lo, ccx);
        hi = Math.max(hi, ccx);
        if (ccx < r.x0 || ccx > r.x1) continue;
        ctx.moveTo(v.sx(ccx), v.sy(elbow));
        ctx.lineTo(v.sx(ccx), v.sy(cy));
      }
    }
    const stacked = lay.bar[p] !== Infinity;
    const bottom = Math.max(elbow, stacked ? lay.bar[p] : -1);
    if (bottom < 0) return;
    ctx.moveTo(v.sx(px), v.sy(y[p] + bh));
    ctx.lineTo(v.sx(px), v.sy(bottom));
    if (elbow >= 0) this.bar(v, r, lo, hi, elbow);
    if (stacked) this.bar(v, r, slo, shi, lay.bar[p]);
  }

  // bar draws a horizontal line from x0 to x1 at y, clamped to the screen.
  bar(v, r, x0, x1, y) {
    const a = Math.max(x0, r.x0), b = Math.min(x1, r.x1);
    if (a >= b) return;
    this.ctx.moveTo(v.sx(a), v.sy(y));
    this.ctx.lineTo(v.sx(b), v.sy(y));
  }

  // dotted draws each dotted line as a dashed curve from box to box, as the SVG chart does.
  dotted(v, org, lay, r) {
    const d = org.dotted, ctx = this.ctx;
    if (d.length === 0) return;
    ctx.beginPath();
    for (let k = 0; k < d.length; k += 2) {
      const a = d[k], b = d[k + 1];
      if (!lay.shown(a) || !lay.shown(b)) continue;
      const c = curve(lay, a, b);
      if (Math.max(c[0], c[6]) < r.x0 || Math.min(c[0], c[6]) > r.x1) continue;
      ctx.moveTo(v.sx(c[0]), v.sy(c[1]));
      ctx.bezierCurveTo(v.sx(c[2]), v.sy(c[3]), v.sx(c[4]), v.sy(c[5]), v.sx(c[6]), v.sy(c[7]));
    }
    ctx.setLineDash([6, 4]);
    ctx.strokeStyle = INK.dotted;
    ctx.lineWidth = Math.max(1, 1.5 * Math.min(1, v.s));
    ctx.stroke();
    ctx.setLineDash([]);
  }

  // boxes draws boxes as rectangles, grouped by fill so that each fill is one path.
  // A box with a mark keeps its fill and takes the mark's colour for a thick border, as the
  // boxes with text do.
  boxes(v, org, lay, vis, count, opt) {
    const ctx = this.ctx, groups = new Map();
    const w = Math.max(1, lay.bw * v.s), hh = Math.max(1, lay.bh * v.s);
    for (let k = 0; k < count; k++) {
      const i = vis[k];
      const mark = opt.marks?.get(i);
      const fill = org.assistant(i) ? INK.assistant : org.vacant(i) ? INK.vacant : INK.box;
      const border = mark ? MARK_COLORS[mark.kinds[0]] : INK.border;
      const key = fill + border;
      if (!groups.has(key)) groups.set(key, {fill, border, marked: Boolean(mark), is: []});
      groups.get(key).is.push(i);
    }
    for (const g of groups.values()) {
      ctx.beginPath();
      for (const i of g.is) ctx.rect(v.sx(lay.x[i]), v.sy(lay.y[i]), w, hh);
      ctx.fillStyle = g.fill;
      ctx.fill();
      if (w >= 4 || g.marked) {
        ctx.strokeStyle = g.border;
        ctx.lineWidth = g.marked ? Math.max(1.5, 3 * v.s) : 1;
        ctx.stroke();
      }
    }
    this.ring(v, lay, opt.hit, INK.hit, w, hh);
    this.ring(v, lay, opt.focus, INK.focus, w, hh);
  }

  // ring outlines one box, so that the found or focused box stands out when zoomed out.
  ring(v, lay, i, color, w, hh) {
    if (i == null || i < 0 || !lay.shown(i)) return;
    const ctx = this.ctx;
    ctx.strokeStyle = color;
    ctx.lineWidth = 3;
    ctx.strokeRect(v.sx(lay.x[i]) - 3, v.sy(lay.y[i]) - 3, w + 6, hh + 6);
  }
}

// curve returns the control points of a dotted line from box a to box b: side to side when they
// stand apart, else from the bottom of the upper to the top of the lower.
export function curve(lay, a, b) {
  const {x, y, bw, bh} = lay;
  let x1, y1, x2, y2, horizontal = true;
  if (x[a] + bw <= x[b]) [x1, y1, x2, y2] = [x[a] + bw, y[a] + bh * 0.7, x[b], y[b] + bh * 0.7];
  else if (x[b] + bw <= x[a]) [x1, y1, x2, y2] = [x[a], y[a] + bh * 0.7, x[b] + bw, y[b] + bh * 0.7];
  else if (y[a] + bh <= y[b]) [x1, y1, x2, y2, horizontal] = [x[a] + bw * 0.3, y[a] + bh, x[b] + bw * 0.3, y[b], false];
  else [x1, y1, x2, y2, horizontal] = [x[a] + bw * 0.3, y[a], x[b] + bw * 0.3, y[b] + bh, false];
  if (horizontal) return [x1, y1, (x1 + x2) / 2, y1, (x1 + x2) / 2, y2, x2, y2];
  return [x1, y1, x1, (y1 + y2) / 2, x2, (y1 + y2) / 2, x2, y2];
}

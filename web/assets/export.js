// Export of the current view: the boxes and lines on screen as an SVG file, and the same drawn
// to a PNG at twice the screen's resolution. The SVG is built from the chart's data, not copied
// from the page, so it stands alone: real text, no scripts, no styles from elsewhere.

import {download} from './dom.js';
import {MARK_COLORS, curve} from './draw.js';
import {markText} from './nodes.js';

const FONT = 'Helvetica, Arial, \'Liberation Sans\', sans-serif';

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;'}[c]));

// fit cuts a line of text to about the width of n average characters, counted by code point so
// that a character outside the BMP (an emoji) is never cut in half.
const fit = (s, n) => {
  const cs = Array.from(s);
  return cs.length > n ? cs.slice(0, n - 1).join('') + '…' : s;
};

// svgOf draws the part of the chart in view, in chart coordinates.
export function svgOf(app) {
  const {org, lay, view: v} = app;
  const r = v.rect();
  const vis = new Int32Array(org.n);
  const count = lay.visible(r, vis);
  const w = Math.round(v.w), hgt = Math.round(v.h);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hgt}" viewBox="${r.x0} ${r.y0} ${r.x1 - r.x0} ${r.y1 - r.y0}" font-family="${FONT}">`,
    `<title>${esc(title(app))}</title>`,
    `<rect x="${r.x0}" y="${r.y0}" width="${r.x1 - r.x0}" height="${r.y1 - r.y0}" fill="#ffffff"/>`,
    lines(org, lay, vis, count), dotted(org, lay)];
  for (let k = 0; k < count; k++) out.push(box(app, vis[k]));
  out.push(caption(app, r), '</svg>');
  return out.join('\n');
}

// chartTitle says what the view shows: the day, with the plan, as known when, and the changes
// since the day compared with. The printed page and an exported image carry it alike.
export function chartTitle(app) {
  const m = app.meta;
  return m.plan ? `Org chart on ${m.at} with plan ${m.plan.name}`
    : `Org chart on ${m.at}` + (m.known_at ? `, as known at ${m.known_at}` : '') + (app.state.compare ? `, changes since ${app.state.compare}` : '');
}

const title = chartTitle;

// caption writes the title in the image's bottom left corner, 12 pixels high whatever the
// zoom, with a white halo over the lines and boxes it may cross: an image shared alone still
// says which day it shows, and as known when.
function caption(app, r) {
  const s = app.view.s, pad = 8 / s;
  return `<text x="${r.x0 + pad}" y="${r.y1 - pad}" font-size="${12 / s}" fill="#1a1d23" stroke="#ffffff" ` +
    `stroke-width="${3 / s}" paint-order="stroke">${esc(title(app))}</text>`;
}

// lines draws the connectors that meet the view, as the page draws them.
function lines(org, lay, vis, count) {
  const {x, y, bw, bh, gap, stub, edge} = lay;
  const ends = new Set(); // the boxes in view, and the reports of those, whose lines leave the view
  for (let k = 0; k < count; k++) {
    ends.add(vis[k]);
    for (const c of org.children(vis[k])) if (lay.shown(c)) ends.add(c);
  }
  const d = [];
  for (const c of ends) {
    const p = org.parent[c];
    if (p < 0 || !lay.shown(p)) continue;
    const px = x[p] + bw / 2, pb = y[p] + bh, mid = y[c] + bh / 2;
    if (edge[c] === 1) d.push(`M${px} ${pb}V${mid}H${x[c] > px ? x[c] : x[c] + bw}`);
    else if (edge[c] === 2) d.push(`M${px} ${pb}V${lay.bar[p]}H${x[c] - stub}V${mid}H${x[c]}`);
    else d.push(`M${px} ${pb}V${y[c] - gap / 2}H${x[c] + bw / 2}V${y[c]}`);
  }
  return `<path d="${d.join('')}" fill="none" stroke="#5b6270" stroke-width="1.25"/>`;
}

function dotted(org, lay) {
  const d = [];
  for (let k = 0; k < org.dotted.length; k += 2) {
    const a = org.dotted[k], b = org.dotted[k + 1];
    if (!lay.shown(a) || !lay.shown(b)) continue;
    const c = curve(lay, a, b);
    d.push(`M${c[0]} ${c[1]}C${c[2]} ${c[3]} ${c[4]} ${c[5]} ${c[6]} ${c[7]}`);
  }
  return d.length ? `<path d="${d.join('')}" fill="none" stroke="#6b7280" stroke-width="1.5" stroke-dasharray="6 4"/>` : '';
}

// box draws one position: its rectangle, title, holders, unit, and what changed.
function box(app, i) {
  const {org, lay, marks} = app;
  const x = lay.x[i], y = lay.y[i], mark = marks?.get(i);
  const fill = org.assistant(i) ? '#eceff3' : '#ffffff';
  const stroke = mark ? MARK_COLORS[mark.kinds[0]] : '#5b6270';
  const dash = org.vacant(i) ? ' stroke-dasharray="5 3"' : '';
  const t = (dy, size, text, extra = '') => `<text x="${x + 12}" y="${y + dy}" font-size="${size}"${extra}>${esc(text)}</text>`;
  const parts = [`<g data-id="${esc(org.ids[i])}"><title>${esc(org.label(i))}</title>`,
    `<rect x="${x}" y="${y}" width="${lay.bw}" height="${lay.bh}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="${mark ? 2.5 : 1.25}"${dash}/>`,
    t(22, 13, fit(org.titleOf(i), 34), ' font-weight="bold" fill="#1a1d23"'),
    t(44, 13, fit(org.namesOf(i), 34), org.vacant(i) ? ' font-style="italic" fill="#4a5160"' : ' fill="#1a1d23"'),
    t(64, 11, fit(org.unitOf(i), 40), ' fill="#4a5160"')];
  const tags = [org.holders(i).some((p) => p.acting) ? 'Acting' : '', org.assistant(i) ? 'Assistant' : '', mark ? markText(mark) : '']
    .filter(Boolean).join(' · ');
  if (tags) parts.push(t(84, 10, fit(tags, 44), ' font-weight="bold" fill="#4a5160"'));
  parts.push('</g>');
  return parts.join('');
}

// exportSVG saves the view as an SVG file.
export function exportSVG(app) {
  download(new Blob([svgOf(app)], {type: 'image/svg+xml'}), fileName(app, 'svg'));
}

// exportPNG draws the SVG onto a canvas at twice its size and saves that as a PNG. An SVG
// image from a blob: URL does not taint the canvas, so it can be read back.
export async function exportPNG(app) {
  const svg = svgOf(app);
  const url = URL.createObjectURL(new Blob([svg], {type: 'image/svg+xml'}));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = 2;
    const c = document.createElement('canvas');
    c.width = Math.round(app.view.w * scale);
    c.height = Math.round(app.view.h * scale);
    c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
    const blob = await new Promise((resolve) => c.toBlob(resolve, 'image/png'));
    download(blob, fileName(app, 'png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function fileName(app, ext) {
  const m = app.meta;
  return `orgchart-${m.plan ? 'plan-' + m.plan.name : m.at}.${ext}`;
}

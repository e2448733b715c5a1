// Small helpers for building the page. Text always goes in as text, never as markup, so
// nothing a ledger holds can turn into script; and styles are set through the DOM, which the
// page's Content-Security-Policy allows, never as style attributes in markup.

// h makes an element: h('a', {href: '/', class: 'x', text: 'Home', onclick: fn}, ...children).
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export const $ = (id) => document.getElementById(id);

// announce tells screen readers what just happened, in the page's status line.
export function announce(text) {
  $('status').textContent = text;
}

// initials are what a box shows in place of a photo: the first letters of the first and last
// words of a name that have one, leaving out a word in parentheses (a name a person also goes
// by) unless there is no other.
export function initials(name) {
  const all = (name || '').trim().split(/\s+/).filter(Boolean);
  const plain = (name || '').replace(/\([^)]*\)?/g, ' ').trim().split(/\s+/).filter(Boolean);
  const words = (plain.length ? plain : all).map(firstLetter).filter(Boolean);
  if (words.length === 0) return '';
  return (words[0] + (words.length > 1 ? words[words.length - 1] : '')).toUpperCase();
}

// firstLetter returns a word's first letter, whole (a character beyond U+FFFF is two UTF-16
// units, of which one alone draws as a box), with the marks that follow it; "" for a word
// without one, as "(David)" gives "D" and an emoji nothing.
function firstLetter(word) {
  return word.match(/\p{L}\p{M}*/u)?.[0] || '';
}

// hue gives each person a colour of their own for their initials, the same on every visit.
export function hue(id) {
  let x = 0;
  for (let i = 0; i < id.length; i++) x = (x * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(x) % 360;
}

// download saves a blob as a file.
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', {href: url, download: name});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// debounce runs fn once calls stop coming for ms.
export function debounce(fn, ms) {
  let t = 0;
  const call = (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
  call.cancel = () => clearTimeout(t); // a click that decides must not be undone by typing before it
  return call;
}

// Building the page without HTML strings: every element is created with
// document.createElement and every piece of text goes in as a text node, so
// a complaint that reads <img src=x onerror=alert(1)> is shown as those
// characters and never becomes markup. Nothing in the app uses innerHTML.

// h('p', {class: 'note'}, 'text', child, ...) → an element. Attributes whose
// value is null, undefined or false are left out; on* keys add listeners.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = !!value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  return append(el, children);
}

// Appends children to el, skipping null, undefined and false (which the
// DOM's own append would write out as text) and flattening arrays.
export function append(el, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  return append(el, children);
}

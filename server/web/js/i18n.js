// Translations of the web app from assets/i18n/web/<lang>.json (served as
// /app/i18n/<lang>.json). Bahasa Indonesia first, English second; the choice
// is kept in the browser. Static text is marked in the HTML with a
// data-i18n attribute naming its key (or data-i18n-placeholder, -title,
// -aria-label) and filled by apply(); scripts call t(KEY) or tk(PREFIX,
// value). tests/core/i18n_test.cpp checks that every key used exists.

let catalog = {};
let language = 'id';

export function lang() { return language; }
export function locale() { return language === 'id' ? 'id-ID' : 'en-GB'; }

export async function load(preferred) {
  language = preferred || localStorage.getItem('kotak.lang') || 'id';
  if (language !== 'id' && language !== 'en') language = 'id';
  const response = await fetch(`/app/i18n/${language}.json`, {cache: 'no-cache'});
  catalog = await response.json();
  document.documentElement.lang = language;
}

export async function switchLanguage() {
  const next = language === 'id' ? 'en' : 'id';
  localStorage.setItem('kotak.lang', next);
  await load(next);
}

// The text of key with {name} placeholders filled; the key itself when
// missing, so that a gap is seen.
export function t(key, args = {}) {
  const text = catalog[key] ?? key;
  return text.replace(/\{([a-z_]+)\}/g, (whole, name) => (name in args ? String(args[name]) : whole));
}

// The text of a value from a closed set, e.g. tk("status", "baru").
export function tk(prefix, value) { return t(`${prefix}.${value}`); }

export function apply(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const [attr, data] of [['placeholder', 'i18nPlaceholder'], ['title', 'i18nTitle'], ['aria-label', 'i18nAriaLabel']])
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.dataset[data]));
}

const formats = {};
function format(options) {
  const key = language + JSON.stringify(options);
  formats[key] ??= new Intl.DateTimeFormat(locale(), options);
  return formats[key];
}
export function dateTime(ms) { return ms == null ? '' : format({dateStyle: 'medium', timeStyle: 'short'}).format(new Date(ms)); }
export function date(ms) { return ms == null ? '' : format({dateStyle: 'long'}).format(new Date(ms)); }
export function shortDate(ms) { return ms == null ? '' : format({day: 'numeric', month: 'short'}).format(new Date(ms)); }
export function number(value, digits = 0) {
  return value == null ? '' : new Intl.NumberFormat(locale(), {maximumFractionDigits: digits, minimumFractionDigits: digits}).format(value);
}

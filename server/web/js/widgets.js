// Small pieces shared by the pages: status badges, flags, messages, form
// fields and select boxes.
import {h} from './dom.js';
import {t, tk} from './i18n.js';

export function statusBadge(status) {
  return h('span', {class: `badge status-${status}`}, tk('status', status));
}

export function flags(c) {
  return [
    c.urgent ? h('span', {class: 'flag urgent'}, t('case.urgent')) : null,
    !c.urgent && c.rating === 1 ? h('span', {class: 'flag negative'}, tk('face', 1)) : null,
    c.overdue ? h('span', {class: 'flag overdue'}, t('case.overdue')) : null,
    c.identity_mode === 'rahasia' ? h('span', {class: 'flag secret'}, tk('identity', 'rahasia')) : null,
    c.voice_ms > 0 ? h('span', {class: 'flag voice', title: t('case.voice')}, `${t('case.voice_mark')} ${duration(c.voice_ms)}`) : null,
    c.clock === 'uncertain' ? h('span', {class: 'flag clock', title: t('case.time_uncertain_detail')}, t('case.time_uncertain')) : null,
  ];
}

// A recording's length as m:ss.
export function duration(ms) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function message(kind, text) {
  return h('p', {class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status'}, text);
}

export function errorText(error) {
  if (error.status === 0) return t('error.network');
  if (error.code) return error.message;  // said by the server in this page's language
  if (error.status === 403) return t('error.forbidden');
  return t('error.generic', {reason: error.message});
}

// <label>text <control></label> as one field.
export function field(label, control, hint) {
  return h('label', {class: 'field'}, h('span', {class: 'label'}, label), control, hint ? h('small', {}, hint) : null);
}

// A select of values from a closed set, labelled through the catalog.
export function choice(name, values, prefix, selected, {empty = null, required = false} = {}) {
  return h('select', {name, required},
    empty !== null ? h('option', {value: ''}, empty) : null,
    values.map((v) => h('option', {value: v, selected: v === selected}, tk(prefix, v))));
}

// A unit the kiosk sent that is not in the list (an old kiosk config) stays
// selectable, so that saving a form never drops it silently.
export function unitSelect(name, units, selected, empty) {
  const known = units.some((u) => u.id === selected);
  return h('select', {name},
    h('option', {value: ''}, empty),
    units.map((u) => h('option', {value: u.id, selected: u.id === selected}, unitLabel(units, u.id))),
    selected && !known ? h('option', {value: selected, selected: true}, selected) : null);
}

let currentLanguage = 'id';
export function setUnitLanguage(language) { currentLanguage = language; }
export function unitLabel(units, id) {
  if (!id) return t('unit.none');
  const unit = units.find((u) => u.id === id);
  return unit ? (unit.label[currentLanguage] || unit.label.id) : id;
}

export const STATUSES = ['baru', 'diverifikasi', 'diteruskan', 'ditanggapi', 'selesai', 'bukan_wewenang', 'arsip'];
export const CHANNELS = ['kiosk', 'kotak_saran', 'sms_wa', 'telepon', 'email', 'website', 'media_sosial', 'tatap_muka', 'formulir', 'qr_ponsel'];
export const ANSWER_CHANNELS = ['telepon', 'sms_wa', 'email', 'website', 'tatap_muka', 'surat', 'papan'];
export const TYPES = ['keluhan', 'saran', 'pertanyaan', 'pujian'];
export const IDENTITY_MODES = ['anonim', 'named', 'rahasia'];

// "2026-11-23T09:30" of a datetime-local input → ISO 8601 with the
// browser's offset, as the server wants it.
export function isoFromLocal(value) {
  const d = new Date(value);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n) => String(Math.abs(Math.trunc(n))).padStart(2, '0');
  return `${value.length === 16 ? `${value}:00` : value}.000${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

export function localInputValue(ms) {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

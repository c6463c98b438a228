// The forms that fill in the SKM document (mutu, kepala, admin; the server
// checks the role again): the facility's letterhead and signatories with
// its logo, the report's number, method and days, the RTL as rows, and the
// status of the previous semester's RTL rows. None of them prints.
import {api, query} from '../api.js';
import {clear, h} from '../dom.js';
import {t, tk} from '../i18n.js';
import {errorText, message} from '../widgets.js';
import {readBase64} from './skm_forms.js';

const LOGO_BYTES = 200 * 1024;
const STATUSES = ['', 'belum', 'berjalan', 'selesai', 'batal'];
const CODES = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];

function target(r) { return query({facility: r.facility}); }

function input(name, value, attrs = {}) {
  return h('input', {name, value: value ?? '', ...attrs});
}

function labelled(key, control) {
  return h('label', {class: 'field'}, h('span', {class: 'label'}, t(key)), control);
}

// Posts what `body()` gives, then reloads the page; errors stay in `note`.
function submitting(form, note, path, body, reload) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(note);
    try {
      const payload = await body();
      if (payload === null) return;
      await api.post(path, payload);
      await reload();
    } catch (error) {
      note.append(message('error', errorText(error)));
    }
  });
  return form;
}

export function letterheadForm(r, reload) {
  const l = r.letterhead || {};
  const note = h('div', {});
  const text = (key, value, attrs) => labelled(`skm.letterhead.${key}`, input(key, value, attrs));
  const area = (key, value) => labelled(`skm.letterhead.${key}`, h('textarea', {name: key, rows: 2}, value ?? ''));
  const logo = h('input', {type: 'file', name: 'logo', accept: 'image/png,image/jpeg'});
  const removeLogo = h('input', {type: 'checkbox', name: 'remove_logo'});
  const form = h('form', {class: 'form-grid skm-settings-form', id: 'skm-letterhead-form'},
    area('government', l.government), text('name', l.name, {maxlength: 200}),
    area('address', l.address), text('contact', l.contact, {maxlength: 300}),
    text('place', l.place, {maxlength: 100}),
    text('head_name', l.head_name, {maxlength: 120}), text('head_nip', l.head_nip, {maxlength: 40, inputmode: 'numeric'}),
    text('mutu_name', l.mutu_name, {maxlength: 120}), text('mutu_nip', l.mutu_nip, {maxlength: 40, inputmode: 'numeric'}),
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('skm.letterhead.logo')), logo, h('small', {}, t('skm.letterhead.logo_hint'))),
    l.logo ? h('label', {class: 'check'}, removeLogo, t('skm.letterhead.remove_logo')) : null,
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, t('skm.letterhead.save'))), note);
  return submitting(form, note, `/api/staff/skm/letterhead${target(r)}`, async () => {
    const data = new FormData(form);
    const body = {};
    for (const key of ['government', 'name', 'address', 'contact', 'place', 'head_name', 'head_nip', 'mutu_name', 'mutu_nip'])
      body[key] = data.get(key);
    const file = logo.files[0];
    if (file) {
      if (file.size > LOGO_BYTES) { note.append(message('error', t('error.skm.logo_too_large'))); return null; }
      body.logo_base64 = await readBase64(file);
    } else if (removeLogo.checked) body.logo_base64 = null;
    return body;
  }, reload);
}

export function detailsForm(r, reload) {
  const d = r.details || {};
  const note = h('div', {});
  const day = (key, value) => labelled(`skm.details.${key}`, input(key, value, {type: 'date'}));
  const form = h('form', {class: 'form-grid skm-settings-form', id: 'skm-details-form'},
    labelled('skm.number', input('number', d.number, {maxlength: 120})),
    labelled('skm.method', h('textarea', {name: 'method', rows: 3, maxlength: 2000, placeholder: t('skm.method_default')}, d.method ?? '')),
    day('fieldwork_from', d.fieldwork_from), day('fieldwork_to', d.fieldwork_to), day('signed_day', d.signed_day),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, t('skm.details.save'))), note);
  return submitting(form, note, `/api/staff/skm/details${target(r)}`, async () => {
    const data = new FormData(form);
    const orNull = (key) => data.get(key) || null;
    return {from: r.from, to: r.to, unit: r.unit, number: data.get('number'), method: data.get('method'),
      fieldwork_from: orNull('fieldwork_from'), fieldwork_to: orNull('fieldwork_to'), signed_day: orNull('signed_day')};
  }, reload);
}

function rowEditor(row = {}) {
  const element = h('select', {name: 'element'}, h('option', {value: ''}, t('skm.rtl.general')),
    CODES.map((c) => h('option', {value: c, selected: c === row.element}, `${c} ${t(`skm.unsur.${c}`)}`)));
  return h('tr', {class: 'rtl-row'},
    h('td', {}, element), h('td', {}, input('activity', row.activity, {maxlength: 500})),
    h('td', {}, input('time_frame', row.time_frame, {maxlength: 500})), h('td', {}, input('person', row.person, {maxlength: 500})));
}

function rowsOf(tbody) {
  return [...tbody.querySelectorAll('tr.rtl-row')].map((tr) => Object.fromEntries(
    [...tr.querySelectorAll('input, select')].map((control) => [control.name, control.value])));
}

// The plan's rows (unsur, activity, time frame, person in charge), blank
// rows to add more, and the free text as before.
export function rtlForm(r, reload) {
  const current = r.rtl[0] || {rows: [], text: ''};
  const note = h('div', {});
  const body = h('tbody', {}, current.rows.map((row) => rowEditor(row)), rowEditor(), current.rows.length ? null : rowEditor());
  const add = h('button', {type: 'button', class: 'secondary', onclick: () => body.append(rowEditor())}, t('skm.rtl.add_row'));
  const form = h('form', {class: 'no-print', id: 'skm-rtl-form'},
    h('table', {class: 'faces skm-rtl-edit'}, h('thead', {}, h('tr', {},
      ['skm.rtl.element', 'skm.rtl.activity', 'skm.rtl.time_frame', 'skm.rtl.person'].map((k) => h('th', {scope: 'col'}, t(k))))), body),
    add,
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('skm.rtl_hint')),
      h('textarea', {name: 'text', rows: 3, maxlength: 5000}, current.text ?? '')),
    h('button', {type: 'submit', class: 'primary'}, t('skm.rtl_save')), note);
  return submitting(form, note, `/api/staff/skm/rtl${target(r)}`,
    async () => ({from: r.from, to: r.to, unit: r.unit, rows: rowsOf(body), text: new FormData(form).get('text')}), reload);
}

// The status and a note per row of the previous semester's plan, saved as
// a new version of that plan.
export function previousStatusForm(r, reload) {
  const p = r.previous;
  if (!p?.rtl?.rows.length) return null;
  const note = h('div', {});
  const rows = p.rtl.rows.map((row, i) => h('tr', {'data-row': i},
    h('td', {}, row.element || t('skm.rtl.general')), h('td', {}, row.activity),
    h('td', {}, h('select', {name: 'status'}, STATUSES.map((s) => h('option', {value: s, selected: s === row.status}, tk('skm.rtl.status', s || 'none'))))),
    h('td', {}, input('note', row.note, {maxlength: 500}))));
  const form = h('form', {class: 'no-print', id: 'skm-previous-form'},
    h('table', {class: 'faces skm-rtl-edit'}, h('thead', {}, h('tr', {},
      ['skm.rtl.element', 'skm.rtl.activity', 'skm.rtl.status', 'skm.rtl.note'].map((k) => h('th', {scope: 'col'}, t(k))))), h('tbody', {}, rows)),
    h('button', {type: 'submit', class: 'primary'}, t('skm.rtl.status_save')), note);
  return submitting(form, note, `/api/staff/skm/rtl${target(r)}`, async () => {
    const changed = p.rtl.rows.map((row, i) => {
      const tr = form.querySelector(`tr[data-row="${i}"]`);
      return {...row, status: tr.querySelector('select').value, note: tr.querySelector('input').value};
    });
    return {from: p.from, to: p.to, unit: r.unit, rows: changed, text: p.rtl.text};
  }, reload);
}

// What staff change on the SKM page: the population (mutu, kepala, admin),
// the follow-up plan (RTL; mutu and kepala) and CSV imports (mutu, kepala,
// admin). Every change is a POST with the session's CSRF token (api.js);
// the server checks the role again. The RTL prints; the forms do not.
import {api, query} from '../api.js';
import {append, clear, h} from '../dom.js';
import {dateTime, lang, number, t} from '../i18n.js';
import {errorText, message} from '../widgets.js';
import {rtlPrinted} from './skm_document.js';

const MAX_BYTES = 2 * 1024 * 1024;

// The report's facility for the admin, who names it; others' is their own.
function target(r) { return query({facility: r.facility}); }

export function populationForm(r, reload) {
  const note = h('div', {});
  const form = h('form', {class: 'skm-inline no-print', id: 'skm-population-form'},
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('skm.population')),
      h('input', {type: 'number', name: 'population', min: 1, step: 1, inputmode: 'numeric', value: r.population?.value ?? ''}),
      h('small', {}, t('skm.population_hint'))),
    h('button', {type: 'submit', class: 'secondary'}, t('skm.population_save')), note);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(note);
    const text = new FormData(form).get('population').trim();
    const value = text === '' ? null : Number(text);
    if (value !== null && !(Number.isInteger(value) && value >= 1)) return note.append(message('error', t('skm.population_invalid')));
    try {
      await api.post(`/api/staff/skm/population${target(r)}`, {from: r.from, to: r.to, unit: r.unit, population: value});
      await reload();
    } catch (error) {
      note.append(message('error', errorText(error)));
    }
  });
  return form;
}

// The plan of this report: rows (unsur, activity, time frame, person in
// charge) and any free text; without one, ruled blank lines on paper.
export function rtlSection(r, form) {
  const current = r.rtl[0];
  const printed = current && (current.rows.length || current.text.trim())
    ? rtlPrinted(current, 'skm-rtl-table')
    : h('div', {class: 'skm-rtl-blank', id: 'skm-rtl-blank'}, h('p', {class: 'muted no-print'}, t('skm.rtl_none')),
      [1, 2, 3, 4, 5, 6].map(() => h('div', {class: 'rule'})));
  const history = r.rtl.slice(1);
  return h('section', {class: 'card skm-rtl', id: 'skm-rtl'}, h('h2', {}, t('skm.rtl')), printed,
    current ? h('p', {class: 'meta no-print'}, t('skm.rtl_by', {user: current.user_name, when: dateTime(current.saved_ms)})) : null,
    form,
    history.length ? h('details', {class: 'no-print'}, h('summary', {}, t('skm.rtl_history')),
      h('ul', {class: 'timeline small'}, history.map((v) => h('li', {},
        v.rows.map((row) => h('p', {}, [row.element, row.activity, row.time_frame, row.person].filter(Boolean).join(' · '))),
        v.text ? h('p', {class: 'pre'}, v.text) : null,
        h('p', {class: 'meta'}, t('skm.rtl_by', {user: v.user_name, when: dateTime(v.saved_ms)})))))) : null);
}

export async function readBase64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function problemsList(result) {
  const lines = result.errors.map((e) => h('li', {'data-line': e.line},
    e.line ? h('strong', {}, `${t('skm.import.line')} ${e.line}: `) : null,
    e.problems.map((p) => p.text).join(' ')));
  const more = result.bad_lines - result.errors.length;
  return h('ul', {class: 'skm-problems', id: 'skm-import-problems'}, lines, more > 0 ? h('li', {}, t('skm.import.more', {count: more})) : null);
}

// One import of the list: undone ones struck through with who undid them;
// live ones of the reader's role with a button to undo them.
function importEntry(r, i, reload) {
  const text = t('skm.import.entry', {file: i.file_name, count: number(i.responses), user: i.user_name, when: dateTime(i.imported_ms)});
  if (i.undone_ms != null)
    return h('li', {class: 'undone', 'data-import': i.id}, h('s', {}, text), ' ',
      t('skm.import.undone_entry', {user: i.undone_user_name, when: dateTime(i.undone_ms)}));
  const note = h('span', {});
  const undo = async () => {
    if (!window.confirm(t('skm.import.undo_confirm', {file: i.file_name}))) return;
    try {
      await api.post(`/api/staff/skm/import/undo${target(r)}`, {id: i.id});
      await reload();
    } catch (error) {
      note.append(message('error', errorText(error)));
    }
  };
  return h('li', {'data-import': i.id}, text, ' ',
    i.user_role === r.role ? h('button', {type: 'button', class: 'link skm-undo', onclick: undo}, t('skm.import.undo')) : null, note);
}

export function importSection(r, reload) {
  const note = h('div', {id: 'skm-import-result'});
  const form = h('form', {class: 'skm-import-form', id: 'skm-import-form'},
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('skm.import.file')),
      h('input', {type: 'file', name: 'file', accept: '.csv,text/csv', required: true})),
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('skm.import.source')),
      h('select', {name: 'source'}, ['kertas', 'web'].map((s) => h('option', {value: s}, t(`skm.source.${s}`))))),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, t('skm.import.submit'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(note);
    const data = new FormData(form);
    const file = data.get('file');
    if (!file || !file.name) return note.append(message('error', t('skm.import.choose')));
    if (file.size > MAX_BYTES) return note.append(message('error', t('skm.import.too_large')));
    try {
      const result = await api.post(`/api/staff/skm/import${target(r)}`,
        {file_name: file.name, source: data.get('source'), lang: lang(), content_base64: await readBase64(file)});
      await reload();
      const shown = document.getElementById('skm-import-result');
      shown?.append(message('info', t('skm.import.done', {count: number(result.imported)})),
        ...result.ignored_columns.map((c) => message('info', t('skm.import.ignored', {column: c}))),
        result.warning ? message('error', result.warning) : '');
    } catch (error) {
      note.append(message('error', error.status === 422 || error.status === 409 ? error.message : errorText(error)));
      if (error.status === 422 && error.body?.errors) note.append(problemsList(error.body));
    }
  });
  return h('section', {class: 'card skm-import no-print', id: 'skm-import'}, h('h2', {}, t('skm.import.title')),
    h('p', {class: 'hint'}, t('skm.import.intro')), form, note,
    r.imports.length ? [h('h3', {}, t('skm.import.recent')), h('ul', {class: 'skm-imports', id: 'skm-imports'},
      r.imports.map((i) => importEntry(r, i, reload)))] : null);
}

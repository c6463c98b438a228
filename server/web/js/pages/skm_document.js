// The SKM report as the document a puskesmas sends to its Dinas Kesehatan
// (issue 16): the letterhead (kop surat) with the logo, the title with the
// report's number, how the survey was done, the analysis of all nine unsur
// with the complaints of the same period, what became of the previous
// semester's RTL, and the signatures of the Tim Mutu and the head. The
// numbers' sections are in skm_report.js; the forms that fill these in are
// in skm_settings.js.
import {h} from '../dom.js';
import {date, number, t, tk} from '../i18n.js';
import {fixed} from './skm_report.js';

// "2026-12-05" → "5 Desember 2026" in the reader's language.
export function longDay(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return date(new Date(y, m - 1, d).getTime());
}

function lines(text) {
  return text ? text.split('\n').map((line) => h('span', {class: 'line'}, line)) : null;
}

// The kop surat: the logo left, the government and facility centred, a
// double rule under it. Without a letterhead, the facility's name alone.
export function letterheadBlock(r) {
  const l = r.letterhead;
  if (!l) return h('div', {class: 'skm-kop plain', id: 'skm-kop'}, h('p', {class: 'kop-name'}, r.facility_name));
  return h('div', {class: 'skm-kop', id: 'skm-kop'},
    l.logo ? h('img', {class: 'kop-logo', src: l.logo, alt: t('skm.letterhead.logo')}) : h('span', {class: 'kop-logo'}),
    h('div', {class: 'kop-text'},
      h('p', {class: 'kop-government'}, lines(l.government)),
      h('p', {class: 'kop-name'}, l.name || r.facility_name),
      h('p', {class: 'kop-address'}, lines(l.address)),
      l.contact ? h('p', {class: 'kop-contact'}, l.contact) : null),
    h('span', {class: 'kop-logo'}));
}

// Title, number, period and unit under the kop.
export function titleBlock(r, periodText) {
  return h('div', {class: 'skm-doc-title'},
    h('h1', {}, t('skm.heading')),
    r.details?.number ? h('p', {id: 'skm-number'}, `${t('skm.number')}: ${r.details.number}`) : null,
    h('p', {}, `${t('skm.period')}: ${periodText} · ${t('skm.unit')}: ${r.unit_label || t('skm.all_units')}`));
}

// How the survey was done: method, fieldwork days, population and sample.
export function surveySection(r) {
  const d = r.details || {};
  const from = d.fieldwork_from || r.fieldwork.from, to = d.fieldwork_to || r.fieldwork.to;
  const fieldwork = from ? `${longDay(from)} – ${longDay(to)}` : '–';
  return h('section', {class: 'card skm-survey', id: 'skm-survey'}, h('h2', {}, t('skm.survey')),
    h('dl', {class: 'details'},
      h('dt', {}, t('skm.method')), h('dd', {id: 'skm-method'}, d.method || t('skm.method_default')),
      h('dt', {}, t('skm.fieldwork')), h('dd', {id: 'skm-fieldwork'}, fieldwork),
      h('dt', {}, t('skm.population')),
      h('dd', {}, r.population ? number(r.population.value) : t('skm.population_unknown')),
      h('dt', {}, t('skm.minimum_sample')),
      h('dd', {}, r.minimum_sample == null ? t('skm.sample_unknown') : number(r.minimum_sample)),
      h('dt', {}, t('skm.respondents')), h('dd', {}, number(r.respondents))));
}

// All nine unsur from the lowest NRR, the complaints of the same period and
// unit counted by type and by unsur, and examples for the weakest one.
export function analysisSection(r) {
  const a = r.analysis;
  const byCode = Object.fromEntries(r.elements.map((e) => [e.code, e]));
  const weakest = a.ranking[0];
  const rows = a.ranking.map((code, i) => {
    const e = byCode[code];
    return h('tr', {'data-element': code, class: i === 0 ? 'weakest' : ''},
      h('td', {}, String(i + 1)), h('th', {scope: 'row'}, code), h('td', {class: 'name'}, t(`skm.unsur.${code}`)),
      h('td', {}, fixed(e.nrr, e.nrr_places)), h('td', {}, number(e.converted, 2)), h('td', {}, e.mutu || '–'),
      h('td', {}, number(a.mentions[code])));
  });
  const types = Object.entries(a.by_type).map(([type, n]) => `${tk('type', type)} ${number(n)}`).join(' · ');
  return h('section', {class: 'card skm-analysis', id: 'skm-analysis'}, h('h2', {}, t('skm.analysis')),
    h('table', {class: 'faces skm-table skm-ranking', id: 'skm-ranking'},
      h('thead', {}, h('tr', {}, ['skm.rank', 'skm.code', 'skm.element', 'skm.nrr', 'skm.converted', 'skm.mutu', 'skm.mentions']
        .map((k) => h('th', {scope: 'col'}, t(k))))),
      h('tbody', {}, rows)),
    h('p', {id: 'skm-cases'}, `${t('skm.cases')}: ${number(a.cases)}${types ? ` (${types})` : ''}`,
      a.rahasia ? `; ${t('skm.cases_rahasia')}: ${number(a.rahasia)}` : ''),
    weakest ? h('div', {class: 'skm-examples', id: 'skm-examples'},
      h('h3', {}, t('skm.examples', {code: weakest, name: t(`skm.unsur.${weakest}`)})),
      a.examples.length ? h('ul', {}, a.examples.map((x) => h('li', {}, `“${x}”`)))
        : h('p', {class: 'muted'}, t('skm.examples_none'))) : null);
}

function rtlTable(rows, withStatus, id) {
  const head = ['skm.rtl.element', 'skm.rtl.activity', 'skm.rtl.time_frame', 'skm.rtl.person']
    .concat(withStatus ? ['skm.rtl.status', 'skm.rtl.note'] : []);
  return h('table', {class: 'faces skm-rtl-table', id},
    h('thead', {}, h('tr', {}, head.map((k) => h('th', {scope: 'col'}, t(k))))),
    h('tbody', {}, rows.map((row) => h('tr', {'data-status': row.status || 'none'},
      h('td', {}, row.element ? `${row.element} ${t(`skm.unsur.${row.element}`)}` : t('skm.rtl.general')),
      h('td', {}, row.activity), h('td', {}, row.time_frame), h('td', {}, row.person),
      withStatus ? [h('td', {class: 'status'}, tk('skm.rtl.status', row.status || 'none')), h('td', {}, row.note)] : null))));
}

// The plan as the report prints it: its rows, and any free text under them.
export function rtlPrinted(plan, id) {
  return [plan.rows.length ? rtlTable(plan.rows, false, id) : null,
    plan.text?.trim() ? h('div', {class: 'skm-rtl-text pre', id: 'skm-rtl-text'}, plan.text) : null];
}

// What became of the previous semester's plan, row by row.
export function previousSection(r, form) {
  const p = r.previous;
  if (!p) return null;
  const plan = p.rtl;
  return h('section', {class: 'card skm-previous', id: 'skm-previous'},
    h('h2', {}, t('skm.rtl.previous')),
    h('p', {class: 'muted'}, `${t('skm.period')}: ${t(`skm.semester.${p.half}`, {year: p.year})}`),
    plan && plan.rows.length ? rtlTable(plan.rows, true, 'skm-previous-table')
      : plan && plan.text ? h('div', {class: 'skm-rtl-text pre'}, plan.text)
        : h('p', {id: 'skm-previous-none'}, t('skm.rtl.previous_none')),
    form);
}

// Place and date, then the Tim Mutu left and "Mengetahui, Kepala Puskesmas"
// right, each with a space to sign, the name and the NIP.
export function signatures(r) {
  const l = r.letterhead || {};
  const day = r.details?.signed_day ? longDay(r.details.signed_day) : '';
  const signer = (role, name, nip, before) => h('div', {class: 'signer'},
    h('p', {}, before || '\u00a0'), h('p', {}, role), h('div', {class: 'sign-space'}),
    h('p', {class: 'sign-name'}, name || '\u00a0'), h('p', {class: 'sign-nip'}, nip ? `NIP ${nip}` : 'NIP'));
  return h('section', {class: 'skm-sign', id: 'skm-sign'},
    h('p', {class: 'sign-date'}, [l.place, day].filter(Boolean).join(', ') || `${t('skm.sign_date')}: ............`),
    h('div', {class: 'signers'},
      signer(t('skm.sign_mutu'), l.mutu_name, l.mutu_nip),
      signer(t('skm.sign_head'), l.head_name, l.head_nip, t('skm.sign_place'))));
}

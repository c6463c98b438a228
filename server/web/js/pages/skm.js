// The SKM semester report (issue 6): pick a semester (the current one by
// default) or any range, optionally a unit; see respondents against the
// minimum sample, NRR and converted value per element, IKM/NIK with mutu and
// kinerja, weakest and strongest elements, the respondent profile, the
// trend of earlier semesters and the follow-up plan (RTL). Printed on A4 by
// the browser and downloadable as CSV; staff who keep the survey set the
// population, import CSV files and write the RTL below the report.
import {api, query} from '../api.js';
import {append, clear, h} from '../dom.js';
import {lang, t} from '../i18n.js';
import {unitLabel} from '../widgets.js';
import {elementsSection, headSection, profileSection, sampleSection} from './skm_report.js';
import {trendSection} from './skm_chart.js';
import {importSection, populationForm, rtlSection} from './skm_forms.js';
import {analysisSection, letterheadBlock, previousSection, signatures, surveySection, titleBlock} from './skm_document.js';
import {detailsForm, letterheadForm, previousStatusForm, rtlForm} from './skm_settings.js';

// Semesters as "YYYY-1" / "YYYY-2", newest first: this one and five before.
function recentSemesters(today = new Date()) {
  let year = today.getFullYear();
  let half = today.getMonth() < 6 ? 1 : 2;
  const out = [];
  for (let i = 0; i < 6; i += 1) {
    out.push(`${year}-${half}`);
    if (half === 1) { year -= 1; half = 2; } else half = 1;
  }
  return out;
}

export function semesterLabel(year, half) {
  return t(`skm.semester.${half}`, {year});
}

function picker(state, units) {
  const semesters = recentSemesters();
  const custom = !state.semester;
  const range = h('div', {class: 'skm-range', hidden: !custom},
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('skm.from')), h('input', {type: 'date', name: 'from', value: state.from || ''})),
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('skm.to')), h('input', {type: 'date', name: 'to', value: state.to || ''})));
  const period = h('select', {name: 'semester', id: 'skm-semester'},
    semesters.map((s) => h('option', {value: s, selected: s === state.semester}, semesterLabel(...s.split('-')))),
    h('option', {value: '', selected: custom}, t('skm.custom')));
  period.addEventListener('change', () => { range.hidden = period.value !== ''; });
  const form = h('form', {class: 'filters skm-filters no-print', id: 'skm-filters'},
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('skm.period')), period),
    range,
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('skm.unit')),
      h('select', {name: 'unit', id: 'skm-unit'}, h('option', {value: ''}, t('skm.all_units')),
        units.map((u) => h('option', {value: u.id, selected: u.id === state.unit}, unitLabel(units, u.id))))),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, t('skm.show')),
      h('button', {type: 'button', class: 'secondary', onclick: () => window.print()}, t('skm.print')),
      h('a', {class: 'button secondary', id: 'skm-csv', download: '',
        href: `/api/staff/skm.csv${query({...state.params, lang: lang()})}`}, t('skm.csv'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const semester = data.get('semester');
    const params = semester ? {semester} : {from: data.get('from'), to: data.get('to')};
    location.hash = `#/skm${query({...params, unit: data.get('unit')})}`;
  });
  return form;
}

// What the address asks for, the current semester when nothing.
function stateOf(params, session) {
  const facility = session.me.user.all_facilities ? session.facility : '';
  const from = params.get('from') || '', to = params.get('to') || '';
  const semester = from && to ? '' : params.get('semester') || recentSemesters()[0];
  const unit = params.get('unit') || '';
  const period = semester ? {semester} : {from, to};
  return {semester, from, to, unit, facility, params: {...period, unit, facility}};
}

export async function showSkm(root, {params, session}) {
  const state = stateOf(params, session);
  const r = await api.get(`/api/staff/skm${query(state.params)}`);
  const units = session.me.units;
  const reload = () => showSkm(clear(root), {params, session});
  const title = r.trend.at(-1).half ? semesterLabel(r.trend.at(-1).year, r.trend.at(-1).half) : `${r.from} – ${r.to}`;
  const report = h('article', {class: 'skm-report', id: 'skm-report'},
    h('header', {class: 'skm-title'}, letterheadBlock(r), titleBlock(r, title)),
    headSection(r),
    surveySection(r),
    r.respondents ? [elementsSection(r), analysisSection(r), profileSection(r, units), trendSection(r)] : null,
    sampleSection(r, r.can_manage ? populationForm(r, reload) : null),
    previousSection(r, r.can_rtl ? previousStatusForm(r, reload) : null),
    rtlSection(r, r.can_rtl ? rtlForm(r, reload) : null),
    signatures(r));
  const settings = r.can_manage ? h('section', {class: 'card skm-settings no-print', id: 'skm-settings'},
    h('h2', {}, t('skm.settings')),
    h('details', {}, h('summary', {}, t('skm.details.title')), detailsForm(r, reload)),
    h('details', {}, h('summary', {}, t('skm.letterhead.title')), letterheadForm(r, reload))) : null;
  append(root,
    h('div', {class: 'page-head no-print'}, h('h1', {}, `${t('skm.title')} · ${title}`), h('p', {class: 'muted'}, r.facility_name)),
    picker(state, units),
    report,
    settings,
    r.can_manage ? importSection(r, reload) : null);
}

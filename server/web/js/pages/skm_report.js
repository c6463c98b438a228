// The parts of the SKM report that show numbers: the summary (respondents,
// IKM/NIK, mutu and kinerja, sources), the table of the nine elements with
// the weakest and strongest, the respondent profile and the sample.
import {h} from '../dom.js';
import {dateTime, lang, number, t, tk} from '../i18n.js';
import {unitLabel} from '../widgets.js';

const SOURCES = ['kiosk', 'ponsel', 'kertas', 'web'];

function stat(label, value, note, id, extra = '') {
  return h('div', {class: `card stat ${extra}`, id}, h('span', {class: 'label'}, label), h('strong', {}, value), note ? h('small', {}, note) : null);
}

function sampleNote(r) {
  if (r.minimum_sample == null) return t('skm.population_unset');
  const missing = r.minimum_sample - r.respondents;
  return `${t('skm.of_minimum', {minimum: number(r.minimum_sample)})} · ${r.sample_reached ? t('skm.sample_reached') : `${t('skm.sample_short')}, ${t('skm.sample_missing', {count: number(missing)})}`}`;
}

export function headSection(r) {
  if (!r.respondents)
    return h('section', {class: 'card skm-empty', id: 'skm-empty'},
      h('h2', {}, t('skm.no_data')), h('p', {class: 'muted'}, t('skm.no_data_hint')),
      h('p', {}, r.minimum_sample == null ? t('skm.population_unset') : `${t('skm.minimum_sample')}: ${number(r.minimum_sample)}`));
  return h('div', {class: 'stats skm-stats'},
    stat(t('skm.respondents'), number(r.respondents), sampleNote(r), 'skm-respondents', r.sample_reached ? 'ok' : 'short'),
    stat(t('skm.nik'), number(r.nik, 2), `${t('skm.ikm')}: ${fixed(r.ikm, r.ikm_places)}`, 'skm-nik'),
    stat(t('skm.mutu'), r.mutu, `${t('skm.kinerja')}: ${tk('skm.kinerja', r.mutu)}`, 'skm-mutu', `mutu-${r.mutu}`),
    h('div', {class: 'card stat', id: 'skm-sources'}, h('span', {class: 'label'}, t('skm.sources')),
      h('table', {class: 'counts'}, h('tbody', {}, SOURCES.map((s) => h('tr', {class: r.by_source[s] ? '' : 'zero', 'data-source': s},
        h('th', {scope: 'row'}, tk('skm.source', s)), h('td', {}, number(r.by_source[s]))))))));
}

function elementName(code) { return `${code} · ${t(`skm.unsur.${code}`)}`; }

// A figure rounded as the server rounds it (half away from zero, with the
// same nudge for x.xx5 stored a hair below), then written with `places`
// decimals: Intl alone rounds the binary value and could print 2,67 where
// the CSV says 2,68.
export function fixed(value, places) {
  if (value == null) return '–';
  const scale = 10 ** places;
  const nudge = value < 0 ? -1e-9 : 1e-9;
  return number(Math.round(value * scale + nudge) / scale, places);
}

export function elementsSection(r) {
  const rows = r.elements.map((e) => {
    const mark = e.code === r.weakest ? 'weakest' : e.code === r.strongest ? 'strongest' : '';
    // A bar from 1 (empty) to 4 (full); set through CSSOM, which the page's
    // Content-Security-Policy allows where a style attribute would not be.
    const bar = h('span', {class: 'bar'});
    bar.style.width = `${e.nrr == null ? 0 : ((e.nrr - 1) / 3) * 100}%`;
    return h('tr', {class: `${mark} ${e.nrr == null ? 'zero' : ''}`, 'data-element': e.code},
      h('th', {scope: 'row'}, e.code), h('td', {class: 'name'}, t(`skm.unsur.${e.code}`)),
      e.answers.map((n, i) => h('td', {class: 'count', 'data-score': i + 1}, number(n))),
      h('td', {}, number(e.respondents)), h('td', {}, number(e.sum)),
      h('td', {class: 'nrr'}, fixed(e.nrr, e.nrr_places)), h('td', {class: 'weighted'}, fixed(e.weighted, r.weighted_places)),
      h('td', {class: 'bar-cell'}, bar, h('span', {class: 'value'}, e.converted == null ? '–' : number(e.converted, 2))),
      h('td', {}, e.mutu || '–'));
  });
  const head = ['skm.code', 'skm.element'].map((k) => t(k)).concat([1, 2, 3, 4].map((score) => t('skm.answer_count', {score})),
    ['skm.answered', 'skm.sum', 'skm.nrr', 'skm.weighted', 'skm.converted', 'skm.mutu'].map((k) => t(k)));
  return h('section', {class: 'card skm-elements'}, h('h2', {}, t('skm.elements')),
    h('table', {class: 'faces skm-table', id: 'skm-elements'},
      h('thead', {}, h('tr', {}, head.map((text) => h('th', {scope: 'col'}, text)))),
      h('tbody', {}, rows),
      h('tfoot', {}, h('tr', {class: 'total'}, h('th', {scope: 'row', colspan: 9}, t('skm.weighted_total')),
        h('td', {id: 'skm-ikm'}, fixed(r.ikm, r.ikm_places)), h('td', {id: 'skm-nik-cell'}, number(r.nik, 2)), h('td', {}, r.mutu)))),
    h('p', {class: 'skm-rule', id: 'skm-rounding'}, t('skm.rounding_rule')),
    r.missing.length ? h('p', {class: 'message info', id: 'skm-missing'}, t('skm.missing_note', {codes: r.missing.join(', ')})) : null,
    intervalsTable(r));
}

// The conversion table of the regulation, as every SKM report prints it.
function intervalsTable(r) {
  const decimal = (text) => (lang() === 'id' ? text : text.replace(',', '.'));
  return h('div', {class: 'skm-intervals'}, h('h3', {}, t('skm.intervals')),
    h('table', {class: 'faces skm-interval-table', id: 'skm-intervals'},
      h('thead', {}, h('tr', {}, ['skm.interval.perception', 'skm.interval.ni', 'skm.interval.nik', 'skm.mutu', 'skm.kinerja'].map((k) => h('th', {scope: 'col'}, t(k))))),
      h('tbody', {}, r.intervals.map((i) => h('tr', {class: i.mutu === r.mutu ? 'current' : '', 'data-mutu': i.mutu},
        h('td', {}, String(i.perception)), h('td', {}, i.ni.map(decimal).join(' – ')), h('td', {}, i.nik.map(decimal).join(' – ')),
        h('td', {}, i.mutu), h('td', {}, tk('skm.kinerja', i.mutu)))))));
}

// One profile table in the report's order (the questionnaire's: SD, SMP,
// SMA, D3, S1, ...; "not given" last), as the server lists it.
function tally(title, counts, order, label, total) {
  const entries = order.map((value) => [value, counts[value]]);
  return h('div', {class: 'skm-tally'}, h('h3', {}, title),
    h('table', {class: 'counts'}, h('tbody', {}, entries.map(([value, n]) => h('tr', {},
      h('th', {scope: 'row'}, value === '' ? t('skm.profile.none') : label(value)),
      h('td', {}, number(n)), h('td', {class: 'share'}, `${number((100 * n) / total, 0)} %`))))));
}

export function profileSection(r, units) {
  const p = r.profile, o = r.profile_order;
  const same = (v) => v;
  return h('section', {class: 'card skm-profile', id: 'skm-profile'}, h('h2', {}, t('skm.profile')),
    h('div', {class: 'skm-tallies'},
      tally(t('skm.profile.sex'), p.sex, o.sex, (v) => tk('skm.sex', v), r.respondents),
      tally(t('skm.profile.age'), p.age_group, o.age_group, same, r.respondents),
      tally(t('skm.profile.education'), p.education, o.education, same, r.respondents),
      tally(t('skm.profile.occupation'), p.occupation, o.occupation, same, r.respondents),
      tally(t('skm.profile.service'), p.service, o.service, (v) => unitLabel(units, v), r.respondents)));
}

export function sampleSection(r, form) {
  const population = r.population;
  // On paper the survey section says these figures; this one holds the form.
  return h('section', {class: 'card skm-sample no-print', id: 'skm-sample'}, h('h2', {}, t('skm.sample')),
    h('dl', {class: 'details'},
      h('dt', {}, t('skm.population')), h('dd', {id: 'skm-population'}, population ? number(population.value) : t('skm.population_unset')),
      h('dt', {}, t('skm.minimum_sample')), h('dd', {id: 'skm-minimum'}, r.minimum_sample == null ? '–' : number(r.minimum_sample)),
      h('dt', {}, t('skm.respondents')), h('dd', {}, number(r.respondents))),
    population ? h('p', {class: 'meta'}, t('skm.population_by', {user: population.user_name, when: dateTime(population.updated_ms)})) : null,
    form);
}

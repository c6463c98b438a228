// The trend of the SKM report: the converted IKM (NIK) of earlier semesters
// that have data and of this period, as bars on the 25–100 scale with the
// A, B and C bounds drawn across, built with SVG DOM calls (no markup from
// data), and the same figures as a table for print and screen readers.
import {h, svg} from '../dom.js';
import {number, t} from '../i18n.js';
import {fixed} from './skm_report.js';

const BOUNDS = [['A', 88.31], ['B', 76.61], ['C', 65]];

function label(p) {
  return p.half ? t('skm.semester_short', {half: p.half, year: p.year}) : t('skm.this_period');
}

function chart(points) {
  const width = 640, height = 230, top = 14, bottom = 40, left = 40, right = 30;
  const low = 25, high = 100;
  const y = (v) => top + (height - top - bottom) * (1 - (v - low) / (high - low));
  const step = (width - left - right) / points.length;
  const bar = Math.min(70, step * 0.55);
  const out = svg('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart skm-trend-chart', id: 'skm-trend-chart',
    role: 'img', 'aria-label': t('skm.trend')});
  for (const tick of [25, 50, 75, 100])
    out.append(svg('line', {x1: left, x2: width - right, y1: y(tick), y2: y(tick), class: 'grid'}),
      svg('text', {x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis'}, String(tick)));
  for (const [mutu, bound] of BOUNDS)
    out.append(svg('line', {x1: left, x2: width - right, y1: y(bound), y2: y(bound), class: 'bound'}),
      svg('text', {x: width - right + 4, y: y(bound) + 4, class: 'axis'}, mutu));
  points.forEach((p, i) => {
    const x = left + i * step + (step - bar) / 2;
    const last = i === points.length - 1;
    if (p.nik != null)
      out.append(svg('rect', {x, y: y(p.nik), width: bar, height: y(low) - y(p.nik), class: last ? 'now' : 'before'},
        svg('title', {}, `${label(p)}: ${number(p.nik, 2)} (${p.mutu})`)),
      svg('text', {x: x + bar / 2, y: y(p.nik) - 5, 'text-anchor': 'middle', class: 'value'}, number(p.nik, 2)));
    out.append(svg('text', {x: x + bar / 2, y: height - bottom + 16, 'text-anchor': 'middle', class: 'axis'}, label(p)),
      svg('text', {x: x + bar / 2, y: height - bottom + 30, 'text-anchor': 'middle', class: 'axis'}, `n = ${number(p.respondents)}`));
  });
  return out;
}

export function trendSection(r) {
  const points = r.trend;
  return h('section', {class: 'card skm-trend', id: 'skm-trend'}, h('h2', {}, t('skm.trend')),
    h('p', {class: 'hint'}, points.length > 1 ? t('skm.trend_note') : t('skm.trend_single')),
    chart(points),
    h('table', {class: 'faces skm-trend-table'},
      h('thead', {}, h('tr', {}, ['skm.period', 'skm.respondents', 'skm.ikm', 'skm.nik', 'skm.mutu'].map((k) => h('th', {scope: 'col'}, t(k))))),
      h('tbody', {}, points.map((p) => h('tr', {},
        h('th', {scope: 'row'}, p.half ? label(p) : `${p.from} – ${p.to}`), h('td', {}, number(p.respondents)),
        h('td', {}, fixed(p.ikm, p.ikm_places)), h('td', {}, number(p.nik, 2)), h('td', {}, p.mutu || '–'))))));
}

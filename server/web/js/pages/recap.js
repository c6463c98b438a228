// The monthly recap (rekap bulanan): counts by channel, type, unit and
// status, time to first answer, the share answered in time, and the face
// ratings per day (a stacked bar chart drawn as SVG) and per unit. Opens on
// the last complete month (issue 15 item 11). The figures come first; the
// month's cases follow 50 at a time (issue 13: a month may hold 200,000).
// Printed on A4 by the browser (the print style hides the frame) with the
// head of the puskesmas' signature block at the end, and downloadable as
// CSV for Excel or LibreOffice (every case).
import {api, query} from '../api.js';
import {append, h, svg} from '../dom.js';
import {date, dateTime, lang, number, t, tk} from '../i18n.js';
import {unitLabel} from '../widgets.js';

const FACE_COLOURS = ['#c2410c', '#f59e0b', '#84cc16', '#15803d'];

// The month before this one, in the browser's own time: the last one that
// is over, so its recap no longer changes.
function lastCompleteMonth() {
  const d = new Date();
  const last = new Date(d.getFullYear(), d.getMonth() - 1, 1);
  return `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}`;
}

export async function showRecap(root, {params, session}) {
  const month = params.get('month') || lastCompleteMonth();
  const facility = session.me.user.all_facilities ? session.facility : '';
  const r = await api.get(`/api/staff/recap${query({month, facility})}`);
  const units = session.me.units;
  const picker = h('form', {class: 'filters no-print'},
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('recap.month')), h('input', {type: 'month', name: 'month', value: month, required: true})),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, t('recap.show')),
      h('button', {type: 'button', class: 'secondary', onclick: () => window.print()}, t('recap.print')),
      h('a', {class: 'button secondary', id: 'recap-csv', href: `/api/staff/recap.csv${query({month, facility, lang: lang()})}`, download: ''}, t('recap.csv'))));
  picker.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/recap${query({month: new FormData(picker).get('month')})}`;
  });
  const facilityName = session.me.user.facility_name || session.me.facilities.find((f) => f.id === facility)?.name || '';
  append(root, 
    h('div', {class: 'page-head'}, h('h1', {}, `${t('recap.title')} · ${monthName(month)}`), h('p', {class: 'muted'}, facilityName)),
    picker,
    h('div', {class: 'stats', id: 'recap-stats'},
      stat(t('recap.total_cases'), number(r.cases), null, 'stat-cases'),
      stat(t('recap.answered'), number(r.answered), null, 'stat-answered'),
      stat(t('recap.median_hours'), r.median_hours == null ? t('recap.no_answers') : number(r.median_hours, 1), null, 'stat-median'),
      stat(t('recap.in_time', {hours: r.due_hours}), r.in_time_percent == null ? '–' : `${number(r.in_time_percent, 1)} %`,
        t('recap.in_time_of', {done: r.answered_in_time, base: r.deadline_base}), 'stat-in-time')),
    h('div', {class: 'recap-tables'},
      countTable(t('recap.by_channel'), r.by_channel, (k) => tk('channel', k)),
      countTable(t('recap.by_type'), r.by_type, (k) => tk('type', k)),
      countTable(t('recap.by_status'), r.by_status, (k) => tk('status', k)),
      countTable(t('recap.by_unit'), r.by_unit, (k) => unitLabel(units, k))),
    unitResponses(r.unit_responses, units),
    h('section', {class: 'card chart-card'}, h('h2', {}, t('recap.faces_by_day')), legend(), faceChart(r.faces_by_day)),
    h('section', {class: 'card'}, h('h2', {}, t('recap.faces_by_unit')), faceTable(r.faces_by_unit, r.faces_total, units)));
  const list = caseList(units);
  append(root, h('section', {class: 'card page-break', id: 'recap-list'}, h('h2', {}, t('recap.case_list')), list.table, list.foot),
    signature(r.signature, facilityName));
  await list.more({month, facility}, r.cases);
}

// Who signs the printed recap: the head of the puskesmas, as the SKM
// letterhead names them. Without a name or NIP the block says where to set
// them rather than printing an empty line.
function signature(s, facilityName) {
  const missing = !s || !s.head_name || !s.head_nip;
  const today = date(Date.now());
  return h('section', {class: 'recap-sign', id: 'recap-sign'},
    h('p', {class: 'sign-date'}, s?.place ? `${s.place}, ${today}` : today),
    h('div', {class: 'signer'},
      h('p', {}, t('recap.sign_known')),
      h('p', {}, facilityName ? t('recap.sign_head_of', {facility: facilityName}) : t('recap.sign_head')),
      h('div', {class: 'sign-space'}),
      h('p', {class: 'sign-name'}, s?.head_name || '\u00a0'),
      h('p', {class: 'sign-nip'}, s?.head_nip ? `NIP ${s.head_nip}` : 'NIP')),
    missing ? h('p', {class: 'sign-missing', id: 'recap-sign-missing'}, t('recap.sign_missing'), ' ',
      h('a', {href: '#/skm'}, t('recap.sign_where'))) : null);
}

// Per unit the month's cases were forwarded to: how many, how many it
// answered, and how long it took (issue 15 item 2).
function unitResponses(rows, units) {
  const hours = (v) => (v == null ? '–' : number(v, 1));
  return h('section', {class: 'card', id: 'recap-unit-responses'}, h('h2', {}, t('recap.unit_responses')),
    rows.length === 0 ? h('p', {class: 'muted'}, t('recap.no_forwarded')) :
      h('table', {class: 'counts'},
        h('thead', {}, h('tr', {}, ['case.unit', 'recap.forwarded', 'recap.unit_answered', 'recap.unit_median', 'recap.unit_mean'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, rows.map((u) => h('tr', {'data-unit': u.unit},
          h('th', {scope: 'row'}, unitLabel(units, u.unit)), h('td', {}, number(u.forwarded)), h('td', {}, number(u.answered)),
          h('td', {}, hours(u.median_hours)), h('td', {}, hours(u.mean_hours)))))));
}

function monthName(month) {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(lang() === 'id' ? 'id-ID' : 'en-GB', {month: 'long', year: 'numeric'}).format(new Date(y, m - 1, 1));
}

function stat(label, value, note, id) {
  return h('div', {class: 'card stat', id}, h('span', {class: 'label'}, label), h('strong', {}, value), note ? h('small', {}, note) : null);
}

function countTable(title, rows, label) {
  return h('section', {class: 'card'}, h('h2', {}, title),
    h('table', {class: 'counts'}, h('tbody', {}, rows.map((r) => h('tr', {class: r.count ? '' : 'zero'},
      h('th', {scope: 'row'}, label(r.key)), h('td', {}, number(r.count)))))));
}

function legend() {
  return h('ul', {class: 'legend'}, [1, 2, 3, 4].map((f) => h('li', {}, h('span', {class: `swatch face-${f}`}), tk('face', f))));
}

// Stacked bars, one per day; each bar's parts are the four faces.
function faceChart(days) {
  const width = 760, height = 220, top = 10, bottom = 28, left = 34;
  const max = Math.max(1, ...days.map((d) => d.total));
  const step = (width - left) / days.length;
  const scale = (height - top - bottom) / max;
  const chart = svg('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': t('recap.faces_by_day')});
  for (const tick of [0, Math.ceil(max / 2), max]) {
    const y = height - bottom - tick * scale;
    chart.append(svg('line', {x1: left, x2: width, y1: y, y2: y, class: 'grid'}),
      svg('text', {x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis'}, String(tick)));
  }
  days.forEach((d, i) => {
    let y = height - bottom;
    d.faces.forEach((n, f) => {
      if (!n) return;
      const hgt = n * scale;
      y -= hgt;
      chart.append(svg('rect', {x: left + i * step + 1, y, width: Math.max(1, step - 2), height: hgt, fill: FACE_COLOURS[f]},
        svg('title', {}, `${d.key}: ${tk('face', f + 1)} ${n}`)));
    });
    const day = Number(d.key.slice(8));
    if (day === 1 || day % 5 === 0)
      chart.append(svg('text', {x: left + i * step + step / 2, y: height - 10, 'text-anchor': 'middle', class: 'axis'}, String(day)));
  });
  return chart;
}

function faceTable(rows, total, units) {
  const head = h('tr', {}, h('th', {scope: 'col'}, t('case.unit')), [1, 2, 3, 4].map((f) => h('th', {scope: 'col'}, tk('face', f))), h('th', {scope: 'col'}, t('recap.total')));
  const line = (label, r, cls) => h('tr', {class: cls || ''}, h('th', {scope: 'row'}, label), r.faces.map((n) => h('td', {}, number(n))), h('td', {}, number(r.total)));
  return h('table', {class: 'faces'}, h('thead', {}, head),
    h('tbody', {}, rows.map((r) => line(unitLabel(units, r.key), r)), line(t('recap.faces_total'), total, 'total')));
}

// The month's cases, oldest first, a page of 50 at a time by cursor; how
// many are shown of how many, and a button for the next page.
function caseList(units) {
  const body = h('tbody', {});
  const table = h('table', {class: 'register compact'},
    h('thead', {}, h('tr', {}, ['case.number', 'case.received', 'case.channel', 'case.type', 'case.unit', 'case.status', 'case.first_answer'].map((k) => h('th', {scope: 'col'}, t(k))))),
    body);
  const shown = h('p', {class: 'muted', id: 'recap-shown'}, t('recap.list_loading'));
  const button = h('button', {type: 'button', class: 'secondary no-print', id: 'recap-more', hidden: true}, t('recap.list_more'));
  let next = null, count = 0, params = null, total = 0;
  async function more(first, all) {
    if (first) [params, total] = [first, all];
    button.disabled = true;
    try {
      const page = await api.get(`/api/staff/recap/cases${query({...params, after: next || ''})}`);
      append(body, page.cases.map((c) => h('tr', {},
        h('td', {}, h('a', {href: `#/case/${c.id}`}, c.label)), h('td', {}, dateTime(c.received_ms)), h('td', {}, tk('channel', c.channel)),
        h('td', {}, tk('type', c.type)), h('td', {}, unitLabel(units, c.unit)), h('td', {}, tk('status', c.status)),
        h('td', {}, dateTime(c.first_answer_ms)))));
      count += page.cases.length;
      next = page.next;
      shown.textContent = next ? t('recap.list_shown_part', {shown: number(count), total: number(total)}) : t('recap.list_shown_all', {total: number(count)});
    } catch (error) {
      shown.textContent = error.message;
    } finally {
      button.disabled = false;
      button.hidden = !next;
    }
  }
  button.addEventListener('click', () => more());
  return {table, foot: h('div', {class: 'list-foot'}, shown, button), more};
}

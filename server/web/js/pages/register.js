// The register (buku register): every case from every channel, with
// filters, search and sort; urgent and overdue cases first by default.
// Filters live in the address (#/register?status=open&...), so a filtered
// list can be bookmarked and the back button works.
import {api, query} from '../api.js';
import {append, h} from '../dom.js';
import {dateTime, t, tk} from '../i18n.js';
import {CHANNELS, STATUSES, TYPES, choice, flags, statusBadge, unitLabel, unitSelect} from '../widgets.js';
import {bulkTools, exportTools} from './register_tools.js';

// after/before: the cursor of the page (the server's next and prev), page
// its number as shown; a million cases page by cursor, never by skipping.
const FILTERS = ['owner', 'month', 'status', 'unit', 'channel', 'type', 'overdue', 'q', 'sort', 'page', 'after', 'before'];
// "Kasus saya" and "Belum ada pemilik" (issue 15 item 1): views of the same
// list, combined with the other filters.
const VIEWS = [['', 'register.view_all'], ['me', 'register.view_mine'], ['none', 'register.view_unowned']];

export async function showRegister(into, {params, session, root = into}) {
  const units = session.me.units;
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || '']));
  const facility = session.me.user.all_facilities ? session.facility : '';
  const data = await api.get(`/api/staff/cases${query({...filters, facility})}`);

  const form = h('form', {class: 'filters', role: 'search'},
    h('input', {type: 'hidden', name: 'owner', value: filters.owner}),
    h('label', {class: 'field search'}, h('span', {class: 'label'}, t('register.search')),
      h('input', {type: 'search', name: 'q', value: filters.q, 'data-i18n-placeholder': 'register.search', placeholder: t('register.search')})),
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('register.period')), h('input', {type: 'month', name: 'month', value: filters.month})),
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('case.status')),
      h('select', {name: 'status'},
        h('option', {value: ''}, t('register.all')),
        h('option', {value: 'open', selected: filters.status === 'open'}, t('status.open')),
        STATUSES.map((s) => h('option', {value: s, selected: filters.status === s}, tk('status', s))))),
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('case.unit')), unitSelect('unit', units, filters.unit, t('register.all'))),
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('case.channel')), choice('channel', CHANNELS, 'channel', filters.channel, {empty: t('register.all')})),
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('case.type')), choice('type', TYPES, 'type', filters.type, {empty: t('register.all')})),
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('register.sort')), choice('sort', ['priority', 'newest', 'oldest', 'due'], 'sort', filters.sort || 'priority')),
    h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'overdue', value: '1', checked: filters.overdue === '1'}), t('register.overdue_only')),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, t('register.apply')),
      h('a', {href: '#/register', class: 'button secondary'}, t('register.reset'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    location.hash = `#/register${query(values)}`;
  });
  for (const select of form.querySelectorAll('select, input[type=month], input[type=checkbox]'))
    select.addEventListener('change', () => form.requestSubmit());

  // Counted up to a cap (total_capped): then the count says "more than".
  const pages = data.total_capped ? null : Math.max(1, Math.ceil(data.total / data.page_size));
  const goto = (page, cursor) => `#/register${query({...filters, page: Math.max(1, page), after: '', before: '', ...cursor})}`;
  const table = data.cases.length ? caseTable(data.cases, units) : null;
  // Bulk actions (issue 15 item 8) for whoever changes cases; the outcome
  // stays above the redrawn register.
  // (Drawn into this page's own root, whose bar's next action then redraws
  // the page again: a detached copy would take the second outcome away.)
  const reload = async (outcome) => {
    const again = document.createElement('div');
    await showRegister(again, {params, session, root});
    root.replaceChildren(outcome, ...again.childNodes);
  };
  append(into, 
    h('div', {class: 'page-head'},
      h('h1', {}, t('register.title')),
      h('p', {class: 'muted', id: 'case-count'}, t(data.total_capped ? 'register.count_more' : 'register.count', {n: data.total}))),
    session.me.user.can_own ? views(filters) : null,
    form,
    exportTools(filters, session),
    table && session.me.user.can_change ? bulkTools(table, session, reload) : null,
    data.cases.length === 0
      ? h('p', {class: 'empty card'}, t('register.empty'))
      : h('div', {class: 'table-wrap'}, table),
    data.prev || data.next
      ? h('nav', {class: 'pager'},
        data.prev ? h('a', {class: 'button secondary', id: 'page-prev', href: goto(data.page - 1, {before: data.prev})}, t('register.prev')) : h('span'),
        h('span', {id: 'page-number'}, pages ? t('register.page', {page: data.page, pages}) : t('register.page_only', {page: data.page})),
        data.next ? h('a', {class: 'button secondary', id: 'page-next', href: goto(data.page + 1, {after: data.next})}, t('register.next')) : h('span'))
      : null);
}

function views(filters) {
  return h('nav', {class: 'views', id: 'register-views'}, VIEWS.map(([owner, key]) =>
    h('a', {href: `#/register${query({...filters, owner, page: '', after: '', before: ''})}`, 'data-view': owner || 'all',
      class: filters.owner === owner ? 'current' : '', 'aria-current': filters.owner === owner ? 'page' : null}, t(key))));
}

function caseTable(cases, units) {
  return h('table', {class: 'register', id: 'register-table'},
    h('thead', {}, h('tr', {},
      ['case.number', 'case.received', 'case.channel', 'case.unit', 'case.type', 'case.content', 'case.status', 'case.owner', 'case.due']
        .map((key) => h('th', {scope: 'col'}, t(key))))),
    h('tbody', {}, cases.map((c) => {
      const open = () => { location.hash = `#/case/${c.id}`; };
      return h('tr', {class: c.alarming && c.status !== 'selesai' ? 'alarming' : '', 'data-case': c.id, onclick: open},
        h('td', {'data-label': t('case.number')}, h('a', {href: `#/case/${c.id}`, class: 'case-link'}, c.label)),
        h('td', {'data-label': t('case.received')}, dateTime(c.received_ms)),
        h('td', {'data-label': t('case.channel')}, tk('channel', c.channel)),
        h('td', {'data-label': t('case.unit')}, unitLabel(units, c.forwarded_unit || c.unit)),
        h('td', {'data-label': t('case.type')}, tk('type', c.type)),
        h('td', {class: 'content', 'data-label': t('case.content')}, c.text_hidden ? h('span', {class: 'snippet muted'}, t('case.text_hidden_short')) : h('span', {class: 'snippet'}, c.content), flags(c)),
        h('td', {'data-label': t('case.status')}, statusBadge(c.status)),
        h('td', {class: c.owner_name ? 'owner' : 'owner muted', 'data-label': t('case.owner')}, c.owner_name || '—'),
        h('td', {class: c.overdue ? 'late' : '', 'data-label': t('case.due')}, dateTime(c.due_ms)));
    })));
}

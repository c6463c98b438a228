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

  const form = h('form', {class: 'filters', id: 'register-filters', role: 'search'},
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
  // One wrapper, so that the phone's layout can move the download below the
  // list (register.css) without a second drawing of the page.
  append(into, h('div', {class: 'register-page'},
    h('div', {class: 'page-head register-head'},
      h('h1', {}, t('register.title')),
      h('p', {class: 'muted', id: 'case-count'}, t(data.total_capped ? 'register.count_more' : 'register.count', {n: data.total})),
      session.me.user.can_own ? views(filters) : null),
    filterToggle(form, filters),
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
      : null));
}

// On a phone the filters fold away behind "Saring (n)" (issue 15 item 11):
// open, they would fill the first screen; n says that the list is narrowed.
// A wide screen shows the form itself and hides this button (register.css).
let filtersOpen = false;
function filterToggle(form, filters) {
  const set = FILTERS.filter((k) => !['owner', 'page', 'after', 'before', 'sort'].includes(k) && filters[k]).length +
    (filters.sort && filters.sort !== 'priority' ? 1 : 0);
  const button = h('button', {type: 'button', class: 'secondary filter-toggle', id: 'filter-toggle',
    'aria-controls': 'register-filters', 'aria-expanded': 'false', 'data-set': set},
  set ? t('register.filters_set', {n: set}) : t('register.filters'));
  // Open stays open while filters are changed (each change redraws the page).
  const show = (open) => {
    filtersOpen = open;
    form.classList.toggle('folded', !open);
    button.setAttribute('aria-expanded', String(open));
  };
  show(filtersOpen);
  button.addEventListener('click', () => show(!filtersOpen));
  return button;
}

function views(filters) {
  return h('nav', {class: 'views', id: 'register-views'}, VIEWS.map(([owner, key]) =>
    h('a', {href: `#/register${query({...filters, owner, page: '', after: '', before: ''})}`, 'data-view': owner || 'all',
      class: filters.owner === owner ? 'current' : '', 'aria-current': filters.owner === owner ? 'page' : null}, t(key))));
}

// One line per case on a wide screen; on a phone each row is a short card
// of two lines (number, status and due; then the text), the other cells
// hidden (register.css lays the cells out by their class).
function caseTable(cases, units) {
  const head = [['num', 'register.col_number'], ['received', 'case.received'], ['kind', 'register.col_kind'], ['content', 'case.content'],
    ['unit', 'case.unit'], ['status', 'case.status'], ['owner', 'case.owner'], ['due', 'register.col_due']];
  return h('table', {class: 'register cases', id: 'register-table'},
    h('thead', {}, h('tr', {}, head.map(([cls, key]) => h('th', {scope: 'col', class: cls}, t(key))))),
    h('tbody', {}, cases.map((c) => {
      const open = () => { location.hash = `#/case/${c.id}`; };
      const text = c.text_hidden ? t('case.text_hidden_short') : c.content;
      return h('tr', {class: c.alarming && c.status !== 'selesai' ? 'alarming' : '', 'data-case': c.id, onclick: open},
        h('td', {class: 'num'}, h('a', {href: `#/case/${c.id}`, class: 'case-link'}, c.label)),
        h('td', {class: 'received'}, dateTime(c.received_ms)),
        h('td', {class: 'kind'}, `${tk('type', c.type)} · ${tk('channel', c.channel)}`),
        h('td', {class: 'content', title: text}, flags(c), h('span', {class: c.text_hidden ? 'snippet muted' : 'snippet'}, text)),
        h('td', {class: 'unit'}, unitLabel(units, c.forwarded_unit || c.unit)),
        h('td', {class: 'status'}, statusBadge(c.status)),
        h('td', {class: c.owner_name ? 'owner' : 'owner muted'}, c.owner_name || '—'),
        h('td', {class: c.overdue ? 'due late' : 'due'}, dateTime(c.due_ms)));
    })));
}

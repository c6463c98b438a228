// The register's tools for many cases at once (issue 15 items 8 and 10):
// check boxes on the rows ("select all on this page" in the header) with
// one action for the cases ticked — mark read, assign an owner, forward
// to a unit, close as "bukan wewenang" — and the download of every case
// the current filters find as CSV or XLSX.
//
// The server does each case as if it were done on its own page (its
// history, its checks) and says, case by case, what it refused and why;
// the page lists those reasons and redraws the register.
import {api} from '../api.js';
import {append, clear, h} from '../dom.js';
import {lang, t} from '../i18n.js';
import {errorText, field, message, unitLabel} from '../widgets.js';

const ACTIONS = ['read', 'assign', 'forward', 'close'];

// Adds a check box to each row of the register's table and the bar that
// acts on the ticked ones; reload() redraws the register afterwards.
export function bulkTools(table, session, reload) {
  const me = session.me.user;
  const boxes = [];
  const all = h('input', {type: 'checkbox', id: 'bulk-all', 'aria-label': t('bulk.select_page')});
  const headRow = table.querySelector('thead tr');
  // The phone hides the other headings: this one then says what it ticks.
  headRow.prepend(h('th', {class: 'pick', scope: 'col'},
    h('label', {class: 'pick-all', title: t('bulk.select_page')}, all, h('span', {class: 'pick-all-text', 'aria-hidden': 'true'}, t('bulk.select_page')))));
  for (const row of table.querySelectorAll('tbody tr')) {
    const box = h('input', {type: 'checkbox', class: 'bulk-pick', value: row.dataset.case, 'aria-label': t('bulk.select_case', {label: row.querySelector('.case-link')?.textContent || ''})});
    // A tick is not a click on the row (which opens the case).
    const cell = h('td', {class: 'pick', onclick: (event) => event.stopPropagation()}, box);
    row.prepend(cell);
    boxes.push(box);
  }

  const count = h('span', {id: 'bulk-count', class: 'muted'});
  const action = h('select', {name: 'action', id: 'bulk-action'},
    ACTIONS.filter((a) => a !== 'assign' || me.can_own).map((a) => h('option', {value: a}, t(`bulk.action.${a}`))));
  const owner = h('select', {name: 'to', id: 'bulk-owner'},
    session.me.owners.map((o) => h('option', {value: o.username}, o.name)), h('option', {value: ''}, t('owner.nobody')));
  const unit = h('select', {name: 'unit', id: 'bulk-unit'},
    h('option', {value: ''}, t('action.choose')), session.me.units.map((u) => h('option', {value: u.id}, unitLabel(session.me.units, u.id))));
  const note = h('input', {name: 'note', id: 'bulk-note', maxlength: 5000});
  const ownerField = field(t('owner.colleague'), owner);
  const unitField = field(t('case.unit'), unit);
  const apply = h('button', {type: 'submit', class: 'primary', id: 'bulk-apply'}, t('bulk.apply'));
  const result = h('div', {id: 'bulk-result'});
  const bar = h('form', {class: 'card bulk', id: 'bulk-bar'},
    h('div', {class: 'bulk-row'}, count, field(t('bulk.action'), action), ownerField, unitField, field(t('action.note'), note), apply),
    result);

  const chosen = () => boxes.filter((b) => b.checked).map((b) => Number(b.value));
  const update = () => {
    const n = chosen().length;
    count.textContent = t('bulk.count', {n});
    apply.disabled = n === 0;
    all.checked = n > 0 && n === boxes.length;
    all.indeterminate = n > 0 && n < boxes.length;
    ownerField.hidden = action.value !== 'assign';
    unitField.hidden = action.value !== 'forward';
    // On a phone the bar waits, folded, for the first tick (register.css).
    bar.classList.toggle('idle', n === 0);
  };
  all.addEventListener('change', () => { for (const b of boxes) b.checked = all.checked; update(); });
  for (const b of boxes) b.addEventListener('change', update);
  action.addEventListener('change', update);
  update();

  bar.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(result);
    const body = {action: action.value, ids: chosen(), note: note.value};
    if (action.value === 'assign') body.to = owner.value || null;
    if (action.value === 'forward') body.unit = unit.value;
    try {
      const answer = await api.post('/api/staff/cases/bulk', body);
      await reload(outcome(answer, table));
    } catch (error) {
      result.append(message('error', errorText(error)));
    }
  });
  return bar;
}

// What a bulk action did: how many were done, and each refusal with its
// case and reason. Built before the register is redrawn (the labels are
// those of the rows as they were).
function outcome(answer, table) {
  const labelOf = (id) => table.querySelector(`tr[data-case="${id}"] .case-link`)?.textContent || `#${id}`;
  const refused = answer.results.filter((r) => !r.ok);
  return h('div', {class: 'card', id: 'bulk-outcome'},
    message(refused.length ? 'error' : 'info', t('bulk.done', {done: answer.done, refused: answer.refused})),
    refused.length ? h('ul', {class: 'refusals'}, refused.map((r) =>
      h('li', {'data-case': r.id}, h('a', {href: `#/case/${r.id}`}, labelOf(r.id)), ': ', r.error))) : null);
}

// Buttons that download every case of the current filters (not only this
// page) as CSV or XLSX. Who may open contact details can ask for them too,
// with a reason kept in each case's history. The file is fetched here, so
// that a refusal (too many cases: narrow the filters) is said on the page.
export function exportTools(filters, session) {
  const me = session.me.user;
  const base = {...filters, page: '', lang: lang()};
  if (me.all_facilities) base.facility = session.facility;
  const reason = h('input', {name: 'reason', id: 'export-reason', maxlength: 500});
  const withIdentity = h('input', {type: 'checkbox', id: 'export-identity'});
  const status = h('div', {id: 'export-status'});
  const download = async (format) => {
    clear(status);
    const params = new URLSearchParams();
    const extra = withIdentity.checked ? {identity: '1', reason: reason.value.trim()} : {};
    if (withIdentity.checked && !extra.reason) return status.append(message('error', t('export.reason_needed')));
    for (const [key, value] of Object.entries({...base, ...extra})) if (value) params.set(key, value);
    status.append(message('info', t('export.working')));
    try {
      const response = await fetch(`/api/staff/cases.${format}?${params}`, {headers: {'X-Kotak-Lang': lang()}, credentials: 'same-origin'});
      if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        throw Object.assign(new Error(body.error || `HTTP ${response.status}`), {status: response.status, code: body.code || ''});
      }
      const name = (response.headers.get('Content-Disposition') || '').match(/filename="([^"]+)"/)?.[1] || `register.${format}`;
      const url = URL.createObjectURL(await response.blob());
      const link = h('a', {href: url, download: name, hidden: true});
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      clear(status).append(message('info', t('export.done', {name})));
    } catch (error) {
      clear(status).append(message('error', errorText(error)));
    }
  };
  return h('div', {class: 'export', id: 'register-export'},
    h('span', {class: 'label'}, t('export.title')),
    h('button', {type: 'button', class: 'secondary', id: 'export-csv', onclick: () => download('csv')}, t('export.csv')),
    h('button', {type: 'button', class: 'secondary', id: 'export-xlsx', onclick: () => download('xlsx')}, t('export.xlsx')),
    me.can_see_identity ? h('details', {id: 'export-identity-box'},
      h('summary', {}, t('export.identity')),
      h('label', {class: 'check'}, withIdentity, t('export.identity_check')),
      field(t('export.reason'), reason, t('export.identity_hint'))) : null,
    status);
}

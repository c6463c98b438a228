// The rights of the data subject (UU 27/2022; issue 14 item 4): the head of
// the puskesmas finds every case of a person by phone or name, downloads
// them for the person (right of access) and erases their contact details
// (right to erasure). Every step needs a reason, and is logged with it.
import {api} from '../api.js';
import {append, h} from '../dom.js';
import {dateTime, t, tk} from '../i18n.js';
import {errorText, field, message, statusBadge} from '../widgets.js';

function download(name, document) {
  const blob = new Blob([JSON.stringify(document, null, 2)], {type: 'application/json'});
  const link = h('a', {href: URL.createObjectURL(blob), download: name});
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

function requestLog(requests) {
  if (requests.length === 0) return h('p', {class: 'card empty'}, t('subject.log_empty'));
  return h('div', {class: 'card'}, h('table', {class: 'register', id: 'subject-log'},
    h('thead', {}, h('tr', {}, ['access.when', 'access.who', 'subject.action', 'subject.count', 'access.reason'].map((k) => h('th', {}, t(k))))),
    h('tbody', {}, requests.map((r) => h('tr', {},
      h('td', {'data-label': t('access.when')}, dateTime(r.at_ms)),
      h('td', {'data-label': t('access.who')}, r.user),
      h('td', {'data-label': t('subject.action')}, tk('subject.did', r.action)),
      h('td', {'data-label': t('subject.count')}, String(r.cases)),
      h('td', {'data-label': t('access.reason')}, r.reason))))));
}

export async function showSubject(root) {
  const log = h('div', {id: 'subject-log-box'});
  const refreshLog = async () => log.replaceChildren(requestLog((await api.get('/api/staff/subject/requests')).requests));
  const status = h('div', {id: 'subject-status'});
  const results = h('div', {id: 'subject-results', class: 'subject-page'});
  const form = h('form', {class: 'card form-grid', id: 'subject-form'},
    field(t('identity.phone'), h('input', {name: 'phone', maxlength: 20, inputmode: 'tel', autocomplete: 'off'}), t('subject.phone_hint')),
    field(t('identity.name'), h('input', {name: 'name', maxlength: 100, autocomplete: 'off'}), t('subject.name_hint')),
    field(t('subject.reason'), h('textarea', {name: 'reason', rows: 2, required: true, maxlength: 500}), t('subject.reason_hint')),
    status,
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary', id: 'subject-search'}, t('subject.search')),
      h('button', {type: 'button', class: 'secondary', id: 'subject-export'}, t('subject.export'))));
  const ask = () => {
    const v = Object.fromEntries(new FormData(form));
    return {phone: v.phone || '', name: v.name || '', reason: v.reason || ''};
  };
  const fail = (error) => status.replaceChildren(message('error', errorText(error)));
  // What was done is said once the log shows it; a log that cannot be loaded
  // does not hide that the action itself succeeded.
  const report = async (text) => {
    let logError = null;
    try { await refreshLog(); } catch (error) { logError = error; }
    status.replaceChildren(...[message('info', text), logError && message('error', errorText(logError))].filter(Boolean));
  };

  const show = (data) => {
    if (data.cases.length === 0) return results.replaceChildren(h('p', {class: 'card empty'}, t('subject.none')));
    const boxes = data.cases.map((c) => h('input', {type: 'checkbox', checked: true, value: String(c.id), 'aria-label': c.label}));
    const eraseReason = h('textarea', {name: 'erase_reason', rows: 2, maxlength: 500, required: true, id: 'subject-erase-reason'});
    const erase = h('form', {class: 'card', id: 'subject-erase-form'},
      h('h2', {}, t('subject.erase_title')),
      h('p', {class: 'muted'}, t('subject.erase_intro')),
      field(t('subject.reason'), eraseReason),
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'danger', id: 'subject-erase'}, t('subject.erase'))));
    erase.addEventListener('submit', async (event) => {
      event.preventDefault();
      status.replaceChildren();
      const ids = boxes.filter((b) => b.checked).map((b) => Number(b.value));
      if (ids.length === 0) return status.replaceChildren(message('error', t('subject.pick')));
      if (!confirm(t('subject.confirm', {n: ids.length}))) return;
      try {
        const done = await api.post('/api/staff/subject/erase', {case_ids: ids, reason: eraseReason.value});
        results.replaceChildren();
        await report(t('subject.erased', {n: done.erased}));
      } catch (error) { fail(error); }
    });
    results.replaceChildren(...[
      data.more ? message('info', t('subject.more', {n: data.limit})) : null,
      h('div', {class: 'card'}, h('table', {class: 'register', id: 'subject-table'},
        h('thead', {}, h('tr', {}, h('th', {}, ''), ['access.case', 'case.received', 'case.status', 'identity.name', 'identity.phone', 'identity.address'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, data.cases.map((c, i) => h('tr', {'data-case': c.id},
          h('td', {}, boxes[i]),
          h('td', {'data-label': t('access.case')}, h('a', {href: `#/case/${c.id}`}, c.label), ' ', h('span', {class: 'muted'}, tk('identity', c.identity_mode))),
          h('td', {'data-label': t('case.received')}, dateTime(c.received_ms)),
          h('td', {'data-label': t('case.status')}, statusBadge(c.status)),
          h('td', {'data-label': t('identity.name')}, c.contact.name),
          h('td', {'data-label': t('identity.phone')}, c.contact.phone),
          h('td', {'data-label': t('identity.address')}, c.contact.address)))))),
      erase].filter(Boolean));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.replaceChildren();
    try {
      show(await api.post('/api/staff/subject/search', ask()));
      await refreshLog();
    } catch (error) { fail(error); }
  });
  form.querySelector('#subject-export').addEventListener('click', async () => {
    status.replaceChildren();
    if (!form.reportValidity()) return;
    try {
      download('data-pribadi.json', await api.post('/api/staff/subject/export', ask()));
      await report(t('subject.exported'));
    } catch (error) { fail(error); }
  });

  append(root,
    h('div', {class: 'page-head'}, h('h1', {}, t('subject.title'))),
    h('p', {class: 'muted'}, t('subject.intro')),
    h('div', {class: 'subject-page'}, form, results, h('h2', {}, t('subject.log_title')), log));
  await refreshLog();
}

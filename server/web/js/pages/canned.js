// Canned answers (jawaban siap pakai, issue 15 item 7): the head of the
// puskesmas writes, edits and retires them here; staff pick one in a case's
// answer form, where it fills the answer box for them to edit before
// saving. Only the puskesmas' own are ever listed (the server sees to it).
import {api} from '../api.js';
import {append, clear, h} from '../dom.js';
import {dateTime, t} from '../i18n.js';
import {errorText, field, message} from '../widgets.js';

export async function showCanned(root) {
  const data = await api.get('/api/staff/canned-answers?all=1');
  const status = h('div', {id: 'canned-status'});
  let editing = null;  // the answer the form edits; null: a new one
  const title = h('input', {name: 'title', required: true, maxlength: 100});
  const text = h('textarea', {name: 'text', rows: 5, required: true, maxlength: 5000});
  const heading = h('h2', {}, t('canned.add'));
  const submit = h('button', {type: 'submit', class: 'primary'}, t('canned.save'));
  const cancel = h('button', {type: 'button', class: 'secondary', hidden: true}, t('canned.cancel'));
  const form = h('form', {class: 'card action', id: 'canned-form'}, heading,
    field(t('canned.title_field'), title), field(t('canned.text_field'), text, t('canned.hint')),
    h('div', {class: 'actions'}, submit, cancel));
  const edit = (a) => {
    editing = a;
    heading.textContent = a ? t('canned.edit_title', {title: a.title}) : t('canned.add');
    title.value = a ? a.title : '';
    text.value = a ? a.text : '';
    cancel.hidden = !a;
    if (a) title.focus();
  };
  cancel.addEventListener('click', () => edit(null));
  const reload = async (note) => {
    clear(root);
    await showCanned(root);
    if (note) root.querySelector('#canned-status').append(message('info', note));
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    try {
      const body = {title: title.value, text: text.value};
      const saved = editing ? await api.post(`/api/staff/canned-answers/${editing.id}/edit`, body)
        : await api.post('/api/staff/canned-answers', body);
      await reload(t('canned.saved', {title: saved.title}));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  });
  const change = async (a, action) => {
    clear(status);
    try {
      await api.post(`/api/staff/canned-answers/${a.id}/${action}`, {});
      await reload(t(`canned.${action}_done`, {title: a.title}));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  };
  const live = data.answers.filter((a) => !a.retired);
  append(root,
    h('div', {class: 'page-head'}, h('h1', {}, t('canned.page_title')),
      h('p', {class: 'muted', id: 'canned-count'}, t('canned.count', {n: live.length, max: data.max}))),
    h('p', {class: 'muted'}, t('canned.intro')),
    status,
    data.answers.length === 0 ? h('p', {class: 'card empty'}, t('canned.empty')) :
      h('div', {class: 'card'}, h('table', {class: 'register', id: 'canned-table'},
        h('thead', {}, h('tr', {}, ['canned.title_field', 'canned.text_field', 'canned.updated', ''].map((k) => h('th', {}, k ? t(k) : '')))),
        h('tbody', {}, data.answers.map((a) => h('tr', {'data-canned': a.id, class: a.retired ? 'retired muted' : ''},
          h('td', {'data-label': t('canned.title_field')}, h('strong', {}, a.title), a.retired ? [' ', h('span', {class: 'badge'}, t('canned.retired'))] : null),
          h('td', {class: 'content', 'data-label': t('canned.text_field')}, h('span', {class: 'snippet pre'}, a.text)),
          h('td', {'data-label': t('canned.updated')}, `${dateTime(a.updated_ms)} · ${a.updated_by}`),
          h('td', {class: 'row-actions'}, a.retired
            ? h('button', {type: 'button', class: 'secondary', 'data-action': 'restore', onclick: () => change(a, 'restore')}, t('canned.restore'))
            : [h('button', {type: 'button', class: 'secondary', 'data-action': 'edit', onclick: () => edit(a)}, t('canned.edit')), ' ',
              h('button', {type: 'button', class: 'secondary', 'data-action': 'retire', onclick: () => change(a, 'retire')}, t('canned.retire'))])))))),
    form);
}

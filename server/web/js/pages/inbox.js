// A unit's inbox (issue 15 item 2): the cases the complaint officer
// forwarded to the unit (#/inbox), one of them (#/inbox/12) and the unit's
// answer back to the officer. What the server sends holds nothing that
// identifies the sender: no contact details, no ticket, no history, the
// text redacted, and no text at all for a rahasia case (the officer's
// forwarding note stands in for it).
import {api} from '../api.js';
import {append, clear, h} from '../dom.js';
import {dateTime, t, tk} from '../i18n.js';
import {errorText, field, message, unitLabel} from '../widgets.js';

export async function showInbox(root, {arg, session}) {
  if (arg) return showInboxCase(root, arg, session);
  const data = await api.get('/api/staff/unit/cases');
  const units = session.me.units;
  append(root,
    h('div', {class: 'page-head'}, h('h1', {}, t('inbox.title', {unit: unitLabel(units, session.me.user.unit)}))),
    h('p', {class: 'muted'}, t('inbox.intro')),
    data.cases.length === 0 ? h('p', {class: 'card empty', id: 'inbox-empty'}, t('inbox.empty')) :
      h('div', {class: 'card'}, h('table', {class: 'register', id: 'inbox-table'},
        h('thead', {}, h('tr', {}, ['case.number', 'case.type', 'inbox.forwarded', 'case.due', 'inbox.state'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, data.cases.map((c) => h('tr', {'data-case': c.id},
          h('td', {'data-label': t('case.number')}, h('a', {href: `#/inbox/${c.id}`}, c.label), ' ',
            c.rahasia ? h('span', {class: 'flag secret'}, tk('identity', 'rahasia')) : null),
          h('td', {'data-label': t('case.type')}, tk('type', c.type), ' ', c.urgent ? h('span', {class: 'flag urgent'}, t('case.urgent')) : null),
          h('td', {'data-label': t('inbox.forwarded')}, dateTime(c.forwarded_ms)),
          h('td', {'data-label': t('case.due')}, h('span', {class: c.overdue ? 'late' : ''}, dateTime(c.due_ms))),
          h('td', {'data-label': t('inbox.state')}, c.answered
            ? h('span', {class: 'badge status-ditanggapi'}, t('inbox.answered'))
            : h('span', {class: 'badge status-diteruskan'}, t('inbox.waiting')))))))));
}

async function showInboxCase(root, arg, session) {
  let c;
  try {
    c = await api.get(`/api/staff/unit/cases/${encodeURIComponent(arg)}`);
  } catch (error) {
    if (error.status !== 403 && error.status !== 404) throw error;
    append(root, h('a', {href: '#/inbox', class: 'back'}, `← ${t('inbox.back')}`),
      h('div', {class: 'card empty', id: 'inbox-refused'}, message('error', errorText(error))));
    return;
  }
  draw(root, c, session);
}

function draw(root, c, session) {
  const units = session.me.units;
  const row = (key, value) => [h('dt', {}, t(key)), h('dd', {}, value)];
  append(root,
    h('a', {href: '#/inbox', class: 'back'}, `← ${t('inbox.back')}`),
    h('div', {class: 'page-head case-head'},
      h('h1', {}, h('span', {class: 'muted'}, `${t('case.number')} `), c.label),
      h('div', {class: 'head-badges'},
        c.urgent ? h('span', {class: 'flag urgent'}, t('case.urgent')) : null,
        c.overdue ? h('span', {class: 'flag overdue'}, t('case.overdue')) : null,
        c.rahasia ? h('span', {class: 'flag secret'}, tk('identity', 'rahasia')) : null)),
    h('div', {class: 'case-grid'},
      h('div', {class: 'side'},
        h('section', {class: 'card'},
          h('h2', {}, tk('type', c.type)),
          c.text_withheld
            ? h('p', {class: 'muted', id: 'inbox-text-withheld'}, t('inbox.text_withheld'))
            : h('p', {class: 'complaint', id: 'inbox-content'}, c.content),
          h('h3', {}, t('inbox.note')),
          h('p', {id: 'inbox-note'}, c.note || t('inbox.no_note')),
          h('dl', {class: 'details'},
            row('case.received', dateTime(c.received_ms)),
            row('inbox.forwarded', dateTime(c.forwarded_ms)),
            row('case.due', h('span', {class: c.overdue ? 'late' : ''}, dateTime(c.due_ms))),
            row('case.unit', unitLabel(units, c.unit))),
          h('p', {class: 'hint', id: 'inbox-privacy'}, t('inbox.privacy')))),
      h('div', {class: 'side'}, responseBlock(c, root, session))));
}

function responseBlock(c, root, session) {
  const done = c.unit_response_ms
    ? h('section', {class: 'card', id: 'unit-response'}, h('h2', {}, t('inbox.response')),
        h('p', {class: 'complaint'}, c.unit_response),
        h('p', {class: 'meta'}, `${dateTime(c.unit_response_ms)} · ${c.unit_response_by}`))
    : null;
  if (!c.open) return [done, h('p', {class: 'card muted', id: 'inbox-closed'}, t('inbox.closed'))];
  const status = h('div', {});
  const form = h('form', {class: 'card action', id: 'unit-response-form'},
    h('h2', {}, c.unit_response_ms ? t('inbox.response_again') : t('inbox.respond')),
    h('p', {class: 'muted'}, t('inbox.respond_intro')),
    field(t('inbox.response'), h('textarea', {name: 'text', rows: 5, required: true, maxlength: 5000})),
    status,
    h('button', {type: 'submit', class: 'primary'}, t('inbox.send')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    try {
      const updated = await api.post(`/api/staff/unit/cases/${c.id}/response`, {text: new FormData(form).get('text')});
      clear(root);
      draw(root, updated, session);
      root.querySelector('#unit-response')?.prepend(message('info', t('inbox.sent')));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  });
  return [done, form];
}

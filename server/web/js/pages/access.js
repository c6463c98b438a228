// The record of access to senders' contact details (issue 14 item 3): every
// look across the facility's cases, with who, when and why, for the head of
// the puskesmas (and the data-protection officer).
import {api} from '../api.js';
import {append, h} from '../dom.js';
import {dateTime, t, tk} from '../i18n.js';

export async function showAccess(root) {
  const data = await api.get('/api/staff/identity-views');
  append(root,
    h('div', {class: 'page-head'}, h('h1', {}, t('access.title'))),
    h('p', {class: 'muted'}, t('access.intro')),
    data.views.length === 0 ? h('p', {class: 'card empty'}, t('access.empty')) :
      h('div', {class: 'card'}, h('table', {class: 'register', id: 'access-table'},
        h('thead', {}, h('tr', {}, ['access.when', 'access.who', 'access.case', 'access.reason'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, data.views.map((v) => h('tr', {},
          h('td', {'data-label': t('access.when')}, dateTime(v.at_ms)),
          h('td', {'data-label': t('access.who')}, v.user),
          h('td', {'data-label': t('access.case')}, h('a', {href: `#/case/${v.case_id}`}, v.label), ' ', h('span', {class: 'muted'}, tk('identity', v.identity_mode))),
          h('td', {'data-label': t('access.reason')}, reasonOf(v))))))));
}

// Why the details were opened; sending the answer to the patient uses them
// without a reason asked.
function reasonOf(v) {
  if (v.use !== 'reply') return v.reason || h('span', {class: 'muted'}, '—');
  return `${t('access.use.reply')} (${v.channels.map((c) => t(`reply.channel.${c}`)).join(', ')})`;
}

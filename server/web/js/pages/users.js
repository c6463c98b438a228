// Accounts (issue 14 item 6): every user's own password and (admin, kepala)
// second factor; for the district admin and the head of a puskesmas, the
// accounts they manage, a new account with its one-time code, disable and
// enable, password and second-factor resets, and the log of these changes.
import {api, setCsrf} from '../api.js';
import {append, clear, h, svg} from '../dom.js';
import {dateTime, t, tk} from '../i18n.js';
import {choice, errorText, field, message, unitLabel, unitSelect} from '../widgets.js';

// The roles that may be the facility's data-protection officer.
const MAY_BE_DPO = ['petugas', 'mutu', 'kepala'];
const DONE = {disable: 'users.done_disable', enable: 'users.done_enable', 'totp-reset': 'users.done_totp',
  'dpo-on': 'users.done_dpo_on', 'dpo-off': 'users.done_dpo_off', email: 'users.done_email'};

export async function showUsers(root, {session}) {
  const me = session.me.user;
  append(root, h('div', {class: 'page-head'}, h('h1', {}, t('users.title'))));
  const account = h('div', {class: 'account-grid'}, passwordCard(), me.can_use_totp ? totpCard(me) : null);
  // The whole page appears at once: the list is fetched before anything is
  // drawn, so nothing (a reader, a test) sees the account cards without it.
  const users = me.can_manage_users ? await usersSection(session) : null;
  append(root, h('section', {}, h('h2', {}, t('account.title')), account), users);
}

function passwordCard() {
  const status = h('div', {});
  const form = h('form', {class: 'card', id: 'password-form'},
    h('h3', {}, t('account.password_title')),
    field(t('account.old'), h('input', {type: 'password', name: 'old', required: true, autocomplete: 'current-password'})),
    field(t('account.new'), h('input', {type: 'password', name: 'new', required: true, autocomplete: 'new-password'}), t('account.password_hint')),
    field(t('account.new_again'), h('input', {type: 'password', name: 'again', required: true, autocomplete: 'new-password'})),
    status,
    h('button', {type: 'submit', class: 'primary'}, t('account.password_save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    const v = Object.fromEntries(new FormData(form));
    if (v.new !== v.again) return status.append(message('error', t('account.mismatch')));
    try {
      const result = await api.post('/api/staff/account/password', {old: v.old, new: v.new});
      setCsrf(result.csrf);  // a new session: the others have ended
      form.reset();
      status.append(message('info', t('account.password_saved')));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  });
  return form;
}

function totpCard(me) {
  const card = h('div', {class: 'card', id: 'totp-card'}, h('h3', {}, t('totp.title')), h('p', {class: 'muted'}, t('totp.intro')));
  const body = h('div', {});
  card.append(body);
  const show = (on) => {
    clear(body);
    if (on) return append(body, message('info', t('totp.on')), h('p', {class: 'muted'}, t('totp.lost')));
    const start = h('button', {type: 'button', class: 'primary', id: 'totp-start'}, t('totp.start'));
    const status = h('div', {});
    start.addEventListener('click', async () => {
      clear(status);
      try {
        enrolment(await api.post('/api/staff/account/totp/start', {}));
      } catch (error) {
        status.append(message('error', errorText(error)));
      }
    });
    append(body, h('p', {}, t('totp.off')), start, status);
  };
  const enrolment = (offer) => {
    clear(body);
    const status = h('div', {});
    const form = h('form', {id: 'totp-form'},
      field(t('totp.code'), h('input', {name: 'code', required: true, inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: 6})),
      status,
      h('button', {type: 'submit', class: 'primary'}, t('totp.confirm')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clear(status);
      try {
        await api.post('/api/staff/account/totp/confirm', {code: new FormData(form).get('code')});
        me.totp = true;
        show(true);
        body.prepend(message('info', t('totp.done')));
      } catch (error) {
        status.append(message('error', errorText(error)));
      }
    });
    append(body,
      h('p', {}, t('totp.scan')),
      h('div', {class: 'totp-offer'},
        svg('svg', {viewBox: `0 0 ${offer.qr.size} ${offer.qr.size}`, width: 200, height: 200, role: 'img', 'aria-label': t('totp.qr'), class: 'qr', id: 'totp-qr'},
          svg('rect', {width: offer.qr.size, height: offer.qr.size, fill: '#fff'}),
          svg('path', {d: offer.qr.path, fill: '#000'})),
        h('dl', {class: 'totp-key'},
          h('dt', {}, t('totp.key')), h('dd', {}, h('code', {id: 'totp-secret'}, offer.secret.replace(/(.{4})/g, '$1 ').trim())),
          h('dt', {}, 'URI'), h('dd', {}, h('code', {id: 'totp-uri', class: 'uri'}, offer.uri)))),
      form);
    form.querySelector('input').focus();
  };
  show(me.totp);
  return card;
}

async function usersSection(session) {
  const me = session.me.user;
  const data = await api.get('/api/staff/users');
  const section = h('section', {id: 'users-section'});
  const status = h('div', {id: 'users-status'});
  const facilities = session.me.facilities || [];
  const facilityName = (id) => (id ? facilities.find((f) => f.id === id)?.name || id : t('users.all_facilities'));
  const reload = async () => {
    const root = section.parentElement;
    const fresh = await usersSection(session);
    root.replaceChild(fresh, section);
    return fresh;
  };
  const act = async (u, action, body = {}) => {
    clear(status);
    if (action === 'disable' && !confirm(t('users.confirm_disable', {user: u.username}))) return;
    try {
      const result = await api.post(`/api/staff/users/${encodeURIComponent(u.username)}/${action}`, body);
      const fresh = await reload();
      const shown = fresh.querySelector('#users-status');
      if (result.code) shown.append(codeBox(u.username, result.code, result.expires_ms));
      else shown.append(message('info', t(DONE[action], {user: u.username})));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  };
  const row = (u) => h('tr', {'data-user': u.username},
    h('td', {'data-label': t('users.username')}, h('strong', {}, u.username), u.username === data.me ? ` ${t('users.you')}` : ''),
    h('td', {'data-label': t('users.name')}, u.name,
      u.email ? h('div', {class: 'muted', 'data-email': u.username}, u.email) : null),
    h('td', {'data-label': t('users.role')}, tk('role', u.role), u.unit ? ` · ${unitLabel(session.me.units, u.unit)}` : '',
      u.dpo ? h('span', {class: 'flag', 'data-dpo': u.username}, t('users.dpo_flag')) : null),
    me.all_facilities ? h('td', {'data-label': t('users.facility')}, facilityName(u.facility)) : null,
    h('td', {'data-label': t('users.state')},
      h('span', {class: `badge ${u.disabled ? 'status-arsip' : 'status-selesai'}`}, u.disabled ? t('users.disabled') : t('users.active')),
      u.totp ? h('span', {class: 'flag'}, t('users.totp')) : null),
    h('td', {'data-label': t('users.actions')}, h('div', {class: 'user-actions'},
      u.username === data.me ? null : u.disabled
        ? h('button', {type: 'button', class: 'secondary', 'data-action': 'enable', onclick: () => act(u, 'enable')}, t('users.enable'))
        : h('button', {type: 'button', class: 'secondary', 'data-action': 'disable', onclick: () => act(u, 'disable')}, t('users.disable')),
      h('button', {type: 'button', class: 'secondary', 'data-action': 'reset', onclick: () => act(u, 'reset')}, t('users.reset')),
      // The address reminders of the account's cases go to (issue 15 item 3).
      u.role === 'unit' || u.role === 'admin' ? null : h('button', {type: 'button', class: 'secondary', 'data-action': 'email', onclick: () => {
        const email = prompt(t('users.email_prompt', {user: u.username}), u.email || '');
        if (email !== null) act(u, 'email', {email});
      }}, t('users.email')),
      u.totp ? h('button', {type: 'button', class: 'secondary', 'data-action': 'totp-reset', onclick: () => act(u, 'totp-reset')}, t('users.totp_reset')) : null,
      MAY_BE_DPO.includes(u.role) || u.dpo
        ? h('button', {type: 'button', class: 'secondary', 'data-action': u.dpo ? 'dpo-off' : 'dpo-on', onclick: () => act(u, u.dpo ? 'dpo-off' : 'dpo-on')}, t(u.dpo ? 'users.dpo_off' : 'users.dpo_on'))
        : null)));
  append(section,
    h('h2', {}, t('users.list')),
    status,
    h('div', {class: 'card'}, h('table', {class: 'register', id: 'users-table'},
      h('thead', {}, h('tr', {}, ['users.username', 'users.name', 'users.role', me.all_facilities ? 'users.facility' : null, 'users.state', 'users.actions']
        .filter(Boolean).map((k) => h('th', {}, t(k))))),
      h('tbody', {}, data.users.map(row)))),
    addForm(session, data.roles, async (result) => {
      const fresh = await reload();
      fresh.querySelector('#users-status').append(codeBox(result.user.username, result.code, result.expires_ms));
    }),
    h('h2', {}, t('users.log')),
    data.log.length === 0 ? h('p', {class: 'card empty'}, t('users.log_empty')) :
      h('div', {class: 'card'}, h('table', {class: 'register', id: 'users-log'},
        h('thead', {}, h('tr', {}, ['users.when', 'users.who', 'users.what', 'users.whom'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, data.log.map((e) => h('tr', {},
          h('td', {'data-label': t('users.when')}, dateTime(e.at_ms)),
          h('td', {'data-label': t('users.who')}, e.actor),
          h('td', {'data-label': t('users.what')}, tk('staff_action', e.action), e.detail && e.action === 'user.create' ? ` (${createdAs(e.detail, session.me.units)})` : ''),
          h('td', {'data-label': t('users.whom')}, e.target)))))));
  return section;
}

// "unit apotek dpo" → "Unit · Apotek · DPO".
function createdAs(detail, units) {
  const [role, ...rest] = detail.split(' ');
  return [tk('role', role), ...rest.map((w) => (w === 'dpo' ? t('users.dpo_flag') : unitLabel(units, w)))].join(' · ');
}

function codeBox(username, code, expires) {
  return h('div', {class: 'card code-box', id: 'one-time-code', role: 'status'},
    h('h3', {}, t('users.code_title', {user: username})),
    h('p', {class: 'one-time-code'}, h('code', {}, code)),
    h('p', {class: 'muted'}, t('users.code_intro', {user: username, until: dateTime(expires)})));
}

function addForm(session, roles, done) {
  const me = session.me.user;
  const status = h('div', {});
  const role = choice('role', roles, 'role', 'petugas');
  const facility = me.all_facilities
    ? h('select', {name: 'facility'}, (session.me.facilities || []).map((f) => h('option', {value: f.id, selected: f.id === session.facility}, f.name)))
    : null;
  const facilityField = facility ? field(t('users.facility'), facility) : null;
  // A unit account's unit: one of the facility's (for the admin, of the
  // facility shown in the top bar; the server checks the one chosen).
  const unitField = field(t('users.unit'), unitSelect('unit', session.me.units, '', t('action.choose')), t('users.unit_hint'));
  const dpo = h('input', {type: 'checkbox', name: 'dpo', value: '1', id: 'add-user-dpo'});
  const dpoField = h('label', {class: 'check'}, dpo, ' ', t('users.dpo_add'));
  const sync = () => {
    if (facilityField) facilityField.hidden = role.value === 'admin';
    unitField.hidden = role.value !== 'unit';
    unitField.querySelector('select').required = role.value === 'unit';
    dpoField.hidden = !MAY_BE_DPO.includes(role.value);
    if (dpoField.hidden) dpo.checked = false;
  };
  role.addEventListener('change', sync);
  sync();
  const form = h('form', {class: 'card form-grid', id: 'add-user-form'},
    h('h3', {}, t('users.add_title')),
    field(t('users.username'), h('input', {name: 'username', required: true, maxlength: 64, pattern: '[a-z0-9._\\-]+', autocapitalize: 'none', spellcheck: 'false', autocomplete: 'off'}), t('users.username_hint')),
    field(t('users.name'), h('input', {name: 'name', required: true, maxlength: 100, autocomplete: 'off'})),
    field(t('users.role'), role),
    facilityField,
    unitField,
    dpoField,
    status,
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, t('users.add'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    const v = Object.fromEntries(new FormData(form));
    try {
      done(await api.post('/api/staff/users', {username: v.username, name: v.name, role: v.role, facility: v.role === 'admin' ? '' : (v.facility || ''),
        unit: v.role === 'unit' ? v.unit : '', dpo: v.dpo === '1'}));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  });
  return form;
}

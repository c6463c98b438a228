// The staff dashboard: sign-in, the frame around the pages, the hash router
// (#/register, #/case/12, #/new, #/recap, #/board, #/kiosks, #/skm, #/users, #/canned) and the watch for
// urgent feedback.
//
// Live arrival is by polling /api/staff/alerts every 15 seconds rather than
// a held connection (server-sent events): the server's fixed thread pool
// would give each open dashboard a thread for as long as it stays open,
// while a poll is one indexed query that passes any proxy, and a phone that
// sleeps simply polls again when it wakes.
import {api, ApiError, setCsrf} from './api.js';
import {clear, h} from './dom.js';
import {apply, lang, load, switchLanguage, t, tk} from './i18n.js';
import {errorText, field, message, setUnitLanguage, unitLabel} from './widgets.js';
import {showRegister} from './pages/register.js';
import {showCase} from './pages/case.js';
import {showNewCase} from './pages/new_case.js';
import {showRecap} from './pages/recap.js';
import {showAccess} from './pages/access.js';
import {showSubject} from './pages/subject.js';
import {showBoard} from './pages/board.js';
import {showKiosks} from './pages/kiosks.js';
import {showSkm} from './pages/skm.js';
import {showUsers} from './pages/users.js';
import {showInbox} from './pages/inbox.js';
import {showCanned} from './pages/canned.js';
import {showLapor} from './pages/escalation.js';

const POLL_MS = 15000;
const main = () => document.getElementById('main');

// What every page gets: who is logged in, the units, the facility shown.
export const session = {me: null, facility: '', latestCase: null};

const pages = {register: showRegister, case: showCase, new: showNewCase, recap: showRecap, board: showBoard, skm: showSkm, access: showAccess, subject: showSubject, users: showUsers, inbox: showInbox, canned: showCanned, kiosks: showKiosks, lapor: showLapor};
// A unit's account has its inbox and its own account page, nothing else
// (the server refuses the rest too).
const UNIT_PAGES = ['inbox', 'users'];
const isUnit = () => session.me?.user.role === 'unit';

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = hash.split('?');
  const [name, arg] = path.split('/');
  const home = isUnit() ? 'inbox' : 'register';
  const known = pages[name] && (!isUnit() || UNIT_PAGES.includes(name)) && (name !== 'inbox' || isUnit());
  return {name: known ? name : home, arg: known ? arg : undefined, params: new URLSearchParams(search)};
}

export async function render() {
  if (!session.me) return;
  const {name, arg, params} = route();
  for (const link of document.querySelectorAll('#nav a'))
    link.classList.toggle('active', link.dataset.page === name || (['case', 'lapor'].includes(name) && link.dataset.page === 'register'));
  showMenu(false);
  const root = clear(main());
  try {
    await pages[name](root, {arg, params, session});
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return showLogin(t('login.expired'));
    clear(root).append(message('error', errorText(error)));
  }
}

// The log-in card: the password form, the one-time code form, and the
// steps that may follow (a new password after a one-time code; the second
// factor's code). A step's challenge token stays in this closure only.
function showLogin(notice, mode = 'password') {
  session.me = null;
  document.getElementById('topbar').hidden = true;
  const input = (name, type, autocomplete, extra = {}) =>
    h('input', {name, type, autocomplete, required: true, autocapitalize: 'none', spellcheck: 'false', ...extra});
  const forms = {
    password: () => [t('login.intro'), [
      field(t('login.username'), input('username', 'text', 'username')),
      field(t('login.password'), input('password', 'password', 'current-password'))], t('login.submit'),
      (data) => api.post('/api/staff/login', {username: data.get('username'), password: data.get('password')}),
      h('button', {type: 'button', class: 'link', id: 'login-code-link', onclick: () => showLogin(null, 'code')}, t('login.code_link'))],
    code: () => [t('login.code_intro'), [
      field(t('login.username'), input('username', 'text', 'username')),
      field(t('login.code'), input('code', 'text', 'one-time-code'))], t('login.submit'),
      (data) => api.post('/api/staff/login/code', {username: data.get('username'), code: data.get('code')}),
      h('button', {type: 'button', class: 'link', onclick: () => showLogin(null, 'password')}, t('login.password_link'))],
  };
  const [intro, fields, submit, send, other] = forms[mode]();
  loginCard(notice, intro, fields, submit, send, other);
}

function loginCard(notice, intro, fields, submit, send, other) {
  const error = h('div', {});
  const form = h('form', {class: 'card login', id: 'login-form'},
    h('img', {src: '/app/icon.svg', alt: '', width: 56, height: 56}),
    h('h1', {}, t('app.title')),
    h('p', {class: 'muted'}, intro),
    notice ? message('info', notice) : null,
    fields,
    error,
    h('button', {type: 'submit', class: 'primary wide'}, submit),
    other,
    h('button', {type: 'button', class: 'link', onclick: async () => { await switchLanguage(); showLogin(notice); }}, t('lang.other')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(error);
    try {
      await afterStep(await send(new FormData(form)));
    } catch (e) {
      error.append(message('error', e.code ? e.message : e.status === 401 ? t('login.failed') : e.status === 429 ? t('login.limited') : errorText(e)));
    }
  });
  clear(main()).append(h('div', {class: 'login-wrap'}, form));
  form.querySelector('input').focus();
}

// What a log-in step answered: a session, or the next step.
async function afterStep(result) {
  const back = h('button', {type: 'button', class: 'link', onclick: () => showLogin()}, t('login.back'));
  if (result.step === 'password') {
    return loginCard(null, t('login.set_password_intro'), [
      field(t('account.new'), h('input', {name: 'password', type: 'password', autocomplete: 'new-password', required: true})),
      field(t('account.new_again'), h('input', {name: 'again', type: 'password', autocomplete: 'new-password', required: true}))],
    t('login.set_password'), (data) => {
      if (data.get('password') !== data.get('again')) throw new ApiError(400, t('account.mismatch'), {code: 'mismatch'});
      return api.post('/api/staff/login/password', {challenge: result.challenge, password: data.get('password')});
    }, back);
  }
  if (result.step === 'totp') {
    return loginCard(null, t('login.totp_intro'), [
      field(t('totp.code'), h('input', {name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, pattern: '[0-9]{6}', maxlength: 6}))],
    t('login.totp_submit'), (data) => api.post('/api/staff/login/totp', {challenge: result.challenge, code: data.get('code')}), back);
  }
  setCsrf(result.csrf);
  await start();
}

// A phone shows the menu as a button that opens the list of pages (every
// link in reach, none scrolled out of sight); the button names the page
// open. A wide screen shows the links themselves and hides the button.
function showMenu(open) {
  const toggle = document.getElementById('menu-toggle');
  document.getElementById('topbar').classList.toggle('menu-open', open);
  toggle.setAttribute('aria-expanded', String(open));
  document.getElementById('menu-current').textContent = document.querySelector('#nav a.active')?.textContent || '';
}

function fillFrame() {
  const me = session.me;
  document.getElementById('topbar').hidden = false;
  apply();
  const who = document.getElementById('user-name');
  who.textContent = `${me.user.name} · ${tk('role', me.user.role)}` + (isUnit() ? ` ${unitLabel(me.units, me.user.unit)}` : '');
  who.title = who.textContent;  // cut short on a laptop (register.css)
  document.getElementById('facility-name').textContent = me.user.facility_name || t('role.admin');
  for (const link of document.querySelectorAll('#nav a'))
    link.hidden = isUnit() && !UNIT_PAGES.includes(link.dataset.page);
  document.getElementById('nav-inbox').hidden = !isUnit();
  document.getElementById('nav-new').hidden = !me.user.can_change;
  document.getElementById('nav-access').hidden = !me.user.can_review_access;
  document.getElementById('nav-subject').hidden = !me.user.can_serve_data_subject;
  // The head manages the canned answers (issue 15 item 7).
  document.getElementById('nav-canned').hidden = me.user.role !== 'kepala';
  const pick = document.getElementById('facility-pick');
  pick.hidden = !me.user.all_facilities;
  if (me.user.all_facilities) {
    const select = clear(document.getElementById('facility-select'));
    for (const f of me.facilities) select.append(h('option', {value: f.id, selected: f.id === session.facility}, f.name));
  }
}

async function start() {
  const me = await api.get('/api/staff/me');
  setCsrf(me.csrf);
  session.me = me;
  session.facility = me.user.facility || session.facility || me.facilities[0]?.id || '';
  setUnitLanguage(lang());
  fillFrame();
  await render();
  watchAlerts();
}

let alertTimer = null;
async function pollAlerts() {
  if (!session.me) return;
  try {
    const facility = session.me.user.all_facilities ? `&facility=${encodeURIComponent(session.facility)}` : '';
    const after = session.latestCase ?? '';
    const result = await api.get(`/api/staff/alerts?after=${after}${facility}`);
    const first = session.latestCase === null;
    const fresh = !first && result.latest > session.latestCase;
    session.latestCase = result.latest;
    document.body.dataset.alertsFrom = String(result.latest);  // the watch has its starting point
    for (const c of result.cases) {
      if (first) alerted.add(c.id);  // arrived before the page opened
      else showAlert(c);
    }
    if (fresh && route().name === 'register') await render();
  } catch (error) {
    if (error.status === 401) return showLogin(t('login.expired'));
  }
}

// Each case alerts once: the server repeats the last minutes' cases, since
// with several server processes a case may become visible after a newer one.
const alerted = new Set();

function showAlert(c) {
  if (alerted.has(c.id)) return;
  alerted.add(c.id);
  const box = document.getElementById('alerts');
  const item = h('div', {class: 'alert', 'data-case': c.id},
    h('strong', {}, t('alert.title')),
    h('span', {}, `${c.label} · ${tk('type', c.type)} · `, h('q', {}, c.content.length > 90 ? `${c.content.slice(0, 90)}…` : c.content)),
    h('a', {href: `#/case/${c.id}`, class: 'button primary', onclick: () => item.remove()}, t('alert.open')),
    h('button', {type: 'button', class: 'secondary', onclick: () => item.remove()}, t('alert.dismiss')));
  box.append(item);
}

function watchAlerts() {
  clearInterval(alertTimer);
  session.latestCase = null;
  if (isUnit()) return;  // a unit is not alerted to every urgent case
  pollAlerts();
  alertTimer = setInterval(pollAlerts, POLL_MS);
}

// Browsers run a background tab's timers once a minute at most, so a tab the
// officer comes back to asks at once: new alerts, or a session that ended.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && session.me && !isUnit()) pollAlerts();
});

async function boot() {
  await load();
  apply();
  document.getElementById('lang-switch').addEventListener('click', async () => {
    await switchLanguage();
    setUnitLanguage(lang());
    fillFrame();
    render();
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api.post('/api/staff/logout', {}); } catch { /* the session may be gone already */ }
    clearInterval(alertTimer);
    showLogin();
  });
  document.getElementById('menu-toggle').addEventListener('click', () =>
    showMenu(!document.getElementById('topbar').classList.contains('menu-open')));
  // A link to the page already open changes no address: close the list anyway.
  document.getElementById('nav').addEventListener('click', (event) => { if (event.target.closest('a')) showMenu(false); });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && document.getElementById('topbar').classList.contains('menu-open')) {
      showMenu(false);
      document.getElementById('menu-toggle').focus();
    }
  });
  document.getElementById('facility-select').addEventListener('change', (event) => {
    session.facility = event.target.value;
    watchAlerts();
    render();
  });
  window.addEventListener('hashchange', render);
  try {
    await start();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) showLogin();
    else clear(main()).append(message('error', errorText(error)));
  }
}

boot();

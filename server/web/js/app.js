// The staff dashboard: sign-in, the frame around the pages, the hash router
// (#/register, #/case/12, #/new, #/recap, #/board, #/skm) and the watch for
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
import {errorText, message, setUnitLanguage} from './widgets.js';
import {showRegister} from './pages/register.js';
import {showCase} from './pages/case.js';
import {showNewCase} from './pages/new_case.js';
import {showRecap} from './pages/recap.js';
import {showAccess} from './pages/access.js';
import {showSubject} from './pages/subject.js';
import {showBoard} from './pages/board.js';
import {showSkm} from './pages/skm.js';

const POLL_MS = 15000;
const main = () => document.getElementById('main');

// What every page gets: who is logged in, the units, the facility shown.
export const session = {me: null, facility: '', latestCase: null};

const pages = {register: showRegister, case: showCase, new: showNewCase, recap: showRecap, board: showBoard, skm: showSkm, access: showAccess, subject: showSubject};

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = hash.split('?');
  const [name, arg] = path.split('/');
  return {name: pages[name] ? name : 'register', arg, params: new URLSearchParams(search)};
}

export async function render() {
  if (!session.me) return;
  const {name, arg, params} = route();
  for (const link of document.querySelectorAll('#nav a'))
    link.classList.toggle('active', link.dataset.page === name || (name === 'case' && link.dataset.page === 'register'));
  const root = clear(main());
  try {
    await pages[name](root, {arg, params, session});
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return showLogin(t('login.expired'));
    clear(root).append(message('error', errorText(error)));
  }
}

function showLogin(notice) {
  session.me = null;
  document.getElementById('topbar').hidden = true;
  const error = h('div', {});
  const form = h('form', {class: 'card login', id: 'login-form'},
    h('img', {src: '/app/icon.svg', alt: '', width: 56, height: 56}),
    h('h1', {}, t('app.title')),
    h('p', {class: 'muted'}, t('login.intro')),
    notice ? message('info', notice) : null,
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('login.username')),
      h('input', {name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false'})),
    h('label', {class: 'field'}, h('span', {class: 'label'}, t('login.password')),
      h('input', {name: 'password', type: 'password', autocomplete: 'current-password', required: true})),
    error,
    h('button', {type: 'submit', class: 'primary wide'}, t('login.submit')),
    h('button', {type: 'button', class: 'link', onclick: async () => { await switchLanguage(); showLogin(notice); }}, t('lang.other')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(error);
    const data = new FormData(form);
    try {
      const result = await api.post('/api/staff/login', {username: data.get('username'), password: data.get('password')});
      setCsrf(result.csrf);
      await start();
    } catch (e) {
      error.append(message('error', e.status === 401 ? t('login.failed') : e.status === 429 ? t('login.limited') : errorText(e)));
    }
  });
  clear(main()).append(h('div', {class: 'login-wrap'}, form));
  form.querySelector('input').focus();
}

function fillFrame() {
  const me = session.me;
  document.getElementById('topbar').hidden = false;
  apply();
  document.getElementById('user-name').textContent = `${me.user.name} · ${tk('role', me.user.role)}`;
  document.getElementById('facility-name').textContent = me.user.facility_name || t('role.admin');
  document.getElementById('nav-new').hidden = !me.user.can_change;
  document.getElementById('nav-access').hidden = !me.user.can_review_access;
  document.getElementById('nav-subject').hidden = !me.user.can_serve_data_subject;
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
  pollAlerts();
  alertTimer = setInterval(pollAlerts, POLL_MS);
}

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

// The kiosks and their health (issue 15 item 12): every kiosk the user may
// see (a facility's staff theirs, the district admin all), with its last
// sync and what kotak-sync reported with it. The server decides the
// warnings on its own clock (server/dashboard/kiosks.cpp); a kiosk that has
// not synced for a day comes first, marked, and its petugas get a mail.
import {api} from '../api.js';
import {append, h} from '../dom.js';
import {dateTime, number, t, tk} from '../i18n.js';

const MINUTE = 60000;

function ago(ms, now) {
  const minutes = Math.max(0, Math.floor((now - ms) / MINUTE));
  if (minutes < 60) return t('kiosks.ago.minutes', {n: minutes});
  if (minutes < 48 * 60) return t('kiosks.ago.hours', {n: Math.floor(minutes / 60)});
  return t('kiosks.ago.days', {n: Math.floor(minutes / (24 * 60))});
}

function disk(bytes) {
  if (bytes == null) return '–';
  const gb = bytes / (1024 * 1024 * 1024);
  return gb >= 1 ? `${number(gb, 1)} GB` : `${number(bytes / (1024 * 1024))} MB`;
}

function offset(ms) {
  if (ms == null) return '–';
  const sign = ms < 0 ? '−' : '+';
  const s = Math.abs(ms) / 1000;
  if (s < 60) return `${sign}${t('kiosks.offset.s', {n: number(s, s < 10 ? 1 : 0)})}`;
  if (s < 3600) return `${sign}${t('kiosks.offset.m', {n: number(s / 60)})}`;
  return `${sign}${t('kiosks.offset.h', {n: number(s / 3600, 1)})}`;
}

// Silent and never-synced kiosks first, then by facility and name.
function urgency(k) {
  if (k.warnings.includes('silent') || k.warnings.includes('never')) return 0;
  return k.warnings.length > 0 ? 1 : 2;
}

export async function showKiosks(root, {session}) {
  const data = await api.get('/api/staff/kiosks');
  const kiosks = [...data.kiosks].sort((a, b) => urgency(a) - urgency(b) ||
    a.facility_name.localeCompare(b.facility_name) || a.device.localeCompare(b.device));
  const bad = kiosks.filter((k) => k.warnings.length > 0).length;
  const all = session.me.user.all_facilities;
  const columns = [all ? 'kiosks.facility' : null, 'kiosks.device', 'kiosks.last_sync', 'kiosks.queue',
    'kiosks.quarantined', 'kiosks.version', 'kiosks.disk', 'kiosks.clock', 'kiosks.status'].filter(Boolean);
  append(root,
    h('div', {class: 'page-head'}, h('h1', {}, t('kiosks.title'))),
    h('p', {class: 'muted'}, t('kiosks.intro')),
    kiosks.length === 0 ? h('p', {class: 'card empty'}, t('kiosks.empty')) : [
      h('p', {class: bad > 0 ? 'message error' : 'message info', id: 'kiosks-summary', role: 'status'},
        bad > 0 ? t('kiosks.summary', {bad, n: kiosks.length}) : t('kiosks.all_ok', {n: kiosks.length})),
      h('div', {class: 'card'}, h('table', {class: 'register kiosks', id: 'kiosks-table'},
        h('thead', {}, h('tr', {}, columns.map((k) => h('th', {}, t(k))))),
        h('tbody', {}, kiosks.map((k) => h('tr', {
          class: urgency(k) === 0 ? 'alarming' : null,
          'data-kiosk': `${k.facility}/${k.device}`,
          'data-warnings': k.warnings.join(' ')},
        all ? h('td', {'data-label': t('kiosks.facility')}, k.facility_name) : null,
        h('td', {'data-label': t('kiosks.device')}, h('strong', {}, k.device)),
        h('td', {'data-label': t('kiosks.last_sync')}, k.last_sync_ms == null ? t('kiosks.never_synced') :
          [dateTime(k.last_sync_ms), h('br'), h('span', {class: 'muted'}, ago(k.last_sync_ms, data.now_ms))]),
        h('td', {'data-label': t('kiosks.queue')}, k.queue == null ? '–' : number(k.queue)),
        h('td', {'data-label': t('kiosks.quarantined')}, k.quarantined == null ? '–' : number(k.quarantined)),
        h('td', {'data-label': t('kiosks.version')}, k.version ?? '–'),
        h('td', {'data-label': t('kiosks.disk')}, disk(k.disk_free_bytes)),
        h('td', {'data-label': t('kiosks.clock')}, offset(k.clock_offset_ms)),
        h('td', {'data-label': t('kiosks.status'), class: 'kiosk-status'},
          k.warnings.length === 0 ? h('span', {class: 'badge ok'}, t('kiosks.ok')) :
            k.warnings.map((w) => h('span', {class: `badge warn warn-${w}`}, tk('kiosks.warn', w))))))))),
    ]);
}

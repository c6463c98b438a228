// The printable notice board of a facility, /papan/<facility>: the answered
// feedback staff chose to publish, as pinned on the papan pengumuman every
// two weeks (A4 portrait). The same items the kiosks pull from
// /api/v1/board. Public: it holds only what was written for the public.
import {boardItem} from './board_item.js';
import {append, clear, h} from './dom.js';
import {apply, date, lang, load, switchLanguage, t} from './i18n.js';

async function show() {
  const root = document.getElementById('papan');
  const facility = location.pathname.split('/').pop();
  const response = await fetch(`/api/public/board/${encodeURIComponent(facility)}`);
  clear(root);
  if (!response.ok) {
    append(root, h('p', {class: 'message error'}, t('ticket.not_found')));
    return;
  }
  const data = await response.json();
  const unit = (id) => {
    const u = data.units.find((x) => x.id === id);
    return u ? (u.label[lang()] || u.label.id) : id;
  };
  document.title = `${t('board.title')} · ${data.facility_name}`;
  append(root, 
    h('header', {class: 'papan-head'},
      h('img', {src: '/app/icon.svg', alt: '', width: 56, height: 56}),
      h('div', {}, h('p', {class: 'kicker'}, data.facility_name), h('h1', {}, t('board.heading')),
        h('p', {class: 'muted'}, date(Date.now())))),
    data.items.length === 0 ? h('p', {class: 'empty'}, t('board.empty')) : null,
    h('div', {class: 'papan-items'}, data.items.map((item) => boardItem(item, unit))),
    h('footer', {class: 'papan-foot'}, t('board.footer')));
}

async function boot() {
  await load();
  apply();
  document.getElementById('print').addEventListener('click', () => window.print());
  document.getElementById('lang-switch').addEventListener('click', async () => {
    await switchLanguage();
    apply();
    show();
  });
  await show();
}

boot();

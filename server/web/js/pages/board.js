// The board as staff see it: what is published (the same items kiosks pull
// from /api/v1/board), each with a link back to its case, and the printable
// A4 page for the notice board.
import {api, query} from '../api.js';
import {append, h} from '../dom.js';
import {date, t, tk} from '../i18n.js';
import {unitLabel} from '../widgets.js';

export async function showBoard(root, {session}) {
  const facility = session.me.user.all_facilities ? session.facility : '';
  const data = await api.get(`/api/staff/board${query({facility})}`);
  append(root, 
    h('div', {class: 'page-head'},
      h('h1', {}, t('board.title')),
      h('a', {class: 'button primary', id: 'print-board', href: `/papan/${encodeURIComponent(data.facility)}`, target: '_blank', rel: 'noopener'}, t('board.print'))),
    h('p', {class: 'muted'}, t('board.intro')),
    data.items.length === 0 ? h('p', {class: 'card empty'}, t('board.empty')) : null,
    h('div', {class: 'board-list'}, data.items.map((item) =>
      h('article', {class: 'card board-item', 'data-item': item.id},
        h('p', {class: 'meta'}, `${tk('type', item.type)} · ${unitLabel(session.me.units, item.unit)} · ${t('board.published', {date: date(item.published_ms)})}`),
        h('h2', {}, item.summary),
        h('p', {class: 'answer'}, item.answer),
        item.case_id ? h('a', {href: `#/case/${item.case_id}`}, t('board.open_case')) : null))));
}

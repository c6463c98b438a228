// One item of the public notice board as the public reads it on /papan: the
// printable page and the dashboard's publish preview draw it with this one
// function, so the preview is exactly what the public will see.
import {h} from './dom.js';
import {date, t, tk} from './i18n.js';

// unitName: the unit's label in the reader's language.
export function boardItem(item, unitName) {
  return h('article', {class: 'papan-item'},
    h('p', {class: 'meta'}, [tk('type', item.type), item.unit ? unitName(item.unit) : null].filter(Boolean).join(' · ')),
    h('h2', {}, h('span', {class: 'tag'}, t('board.question')), item.summary),
    h('p', {}, h('span', {class: 'tag answer'}, t('board.answer')), item.answer),
    h('p', {class: 'meta small'}, t('board.published', {date: date(item.published_ms)})));
}

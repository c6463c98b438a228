// Room for the half-yearly SKM/IKM report (issue 6): the navigation entry and
// this page exist, the report itself comes with the SKM work.
import {append, h} from '../dom.js';
import {t} from '../i18n.js';

export async function showSkm(root) {
  append(root, h('div', {class: 'page-head'}, h('h1', {}, t('skm.title'))),
    h('p', {class: 'card empty'}, t('skm.soon')));
}

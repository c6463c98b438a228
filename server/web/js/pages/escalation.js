// Passing a case on to the agency it belongs to through SP4N-LAPOR! (issue
// 15 item 9): on the case page, the form that prepares the package and the
// list of where the case went, each with its covering letter, its fields as
// CSV and the tracking ID LAPOR! gave it; and the letter itself
// (#/lapor/ID?n=N), an A4 page under the facility's letterhead to print and
// sign. The server makes the package from the case as it stands.
import {api} from '../api.js';
import {append, clear, h} from '../dom.js';
import {date, dateTime, lang, t, tk} from '../i18n.js';
import {choice, errorText, field, message} from '../widgets.js';
import {letterheadBlock} from './skm_document.js';

const CLASSIFICATIONS = ['pengaduan', 'aspirasi', 'permintaan_informasi'];
const FOR_TYPE = {keluhan: 'pengaduan', pertanyaan: 'permintaan_informasi', saran: 'aspirasi', pujian: 'aspirasi'};

// The history lines of the case's escalations, newest tracking ID each.
function escalations(c) {
  const out = new Map();
  for (const e of c.history) {
    if (e.action === 'escalated') out.set(e.detail.n, {...e.detail, at_ms: e.at_ms, user: e.user, tracking_id: ''});
    else if (e.action === 'escalation_tracking' && out.has(e.detail.n)) out.get(e.detail.n).tracking_id = e.detail.tracking_id;
  }
  return [...out.values()];
}

// The card on the case page; null for roles that cannot change cases.
export function escalationBlock(c, me, act, redraw) {
  if (!me.can_change) return null;
  const done = escalations(c);
  const box = h('section', {class: 'card action', id: 'escalation'}, h('h2', {}, t('escalate.title')));
  if (done.length) box.append(h('h3', {}, t('escalate.done')), h('ul', {class: 'escalations'}, done.map((e) => doneItem(c, e, act, redraw))));
  if (c.status === 'arsip') return box;
  const status = h('div', {});
  const named = c.identity_mode === 'named' && c.has_identity && c.identity_access !== 'none';
  const form = h('form', {id: 'escalate-form'},
    h('p', {class: 'hint'}, t('escalate.hint')),
    field(t('escalate.agency'), h('input', {name: 'agency', required: true, maxlength: 200, placeholder: t('escalate.agency_placeholder')})),
    field(t('escalate.category'), h('input', {name: 'category', required: true, maxlength: 100, value: t('escalate.category_default')})),
    field(t('escalate.classification'), choice('classification', CLASSIFICATIONS, 'lapor.classification', FOR_TYPE[c.type] || 'aspirasi')),
    field(t('escalate.subject'), h('input', {name: 'title', required: true, maxlength: 150})),
    named ? h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'with_identity'}), t('escalate.with_identity')) : null,
    named ? h('small', {class: 'hint'}, t('escalate.with_identity_hint')) : null,
    status,
    h('button', {type: 'submit', class: 'primary'}, t('escalate.button')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    const v = Object.fromEntries(new FormData(form));
    try {
      redraw(await act('escalate', {agency: v.agency, category: v.category, classification: v.classification,
        title: v.title, with_identity: v.with_identity === 'on'}));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  });
  box.append(form);
  return box;
}

function doneItem(c, e, act, redraw) {
  const csv = `/api/staff/cases/${c.id}/lapor/${e.n}.csv?lang=${lang()}`;
  const tracking = h('input', {name: 'tracking_id', maxlength: 64, required: true, value: e.tracking_id, 'aria-label': t('escalate.tracking')});
  const status = h('div', {});
  const save = h('form', {class: 'inline-form', id: `tracking-${e.n}`}, tracking,
    h('button', {type: 'submit', class: 'secondary'}, t('escalate.tracking_button')), status);
  save.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    try {
      redraw(await act('tracking', {n: e.n, tracking_id: tracking.value}));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  });
  return h('li', {class: 'escalation', 'data-n': e.n},
    h('p', {class: 'meta'}, t('escalate.item', {n: e.n, agency: e.agency, when: dateTime(e.at_ms), who: e.user})),
    h('p', {}, `${tk('lapor.classification', e.classification)} · ${e.category} · “${e.title}”`),
    h('p', {class: 'links'},
      h('a', {href: `#/lapor/${c.id}?n=${e.n}`, id: `lapor-letter-${e.n}`}, t('escalate.letter')), ' · ',
      h('a', {href: csv, download: '', id: `lapor-csv-${e.n}`}, t('escalate.csv'))),
    e.tracking_id ? null : h('p', {class: 'muted'}, t('escalate.tracking_none')),
    field(t('escalate.tracking'), save));
}

// The covering letter: kop, number and subject, the addressee, the request,
// LAPOR!'s fields, and the head's signature.
export async function showLapor(root, {arg, params}) {
  const n = Number(params.get('n') || 1);
  const p = await api.get(`/api/staff/cases/${encodeURIComponent(arg || '')}/lapor/${n}`);
  const f = p.fields;
  const l = p.letterhead || {};
  const facility = l.name || p.facility.name;
  const row = (key, value) => [h('dt', {}, t(`lapor.field.${key}`)), h('dd', {class: key === 'isi' ? 'pre' : ''}, value)];
  const print = h('button', {type: 'button', class: 'primary no-print', id: 'lapor-print'}, t('lapor.letter.print'));
  print.addEventListener('click', () => window.print());
  append(root,
    h('a', {href: `#/case/${p.case.id}`, class: 'back'}, `← ${t('case.back')}`),
    h('article', {class: 'card letter', id: 'lapor-letter'},
      letterheadBlock({letterhead: p.letterhead, facility_name: p.facility.name}),
      h('table', {class: 'letter-head'}, h('tbody', {},
        [['number', ''], ['attachment', t('lapor.letter.attachment_value')], ['subject', t('lapor.letter.subject_value')]].map(([k, v]) =>
          h('tr', {}, h('td', {}, t(`lapor.letter.${k}`)), h('td', {}, ':'), h('td', {}, v))))),
      h('p', {class: 'letter-to'}, t('lapor.letter.to'), h('br'), h('strong', {}, f.instansi_tujuan), h('br'), t('lapor.letter.at')),
      h('p', {}, t('lapor.letter.opening')),
      h('p', {class: 'letter-body'}, t('lapor.letter.body', {classification: tk('lapor.classification', f.klasifikasi).toLowerCase(),
        channel: tk('channel', p.case.channel), date: date(p.case.received_ms), label: p.case.label, facility})),
      h('dl', {class: 'details letter-fields', id: 'lapor-fields'},
        row('klasifikasi', tk('lapor.classification', f.klasifikasi)),
        ['judul', 'isi', 'tanggal_kejadian', 'lokasi', 'instansi_tujuan', 'kategori'].map((k) => row(k, f[k])),
        row('anonim', t(f.anonim ? 'lapor.yes' : 'lapor.no')),
        row('rahasia', t(f.rahasia ? 'lapor.yes' : 'lapor.no')),
        f.anonim ? null : [row('nama_pelapor', f.nama_pelapor), row('telepon_pelapor', f.telepon_pelapor)],
        row('register', p.case.label),
        p.tracking_id ? row('tracking_id', p.tracking_id) : null),
      p.identity_withheld ? message('info', t('lapor.letter.withheld')) : null,
      h('p', {}, t('lapor.letter.closing')),
      h('div', {class: 'letter-sign'},
        h('p', {}, `${l.place ? `${l.place}, ` : ''}${date(Date.now())}`),
        h('p', {}, t('lapor.letter.head', {facility})),
        h('p', {class: 'sign-space'}),
        h('p', {class: 'sign-name'}, l.head_name || '…………………………'),
        h('p', {}, `${t('lapor.letter.nip')} ${l.head_nip || '…………………………'}`))),
    print);
}

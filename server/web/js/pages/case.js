// One case: everything the register holds about it, its answers and
// history, and the forms for the next step of the procedure (status,
// forward, answer, analysis and RTL, details, publication). Contact details
// are fetched only when asked for, and the request is logged by the server.
import {api} from '../api.js';
import {boardItem} from '../board_item.js';
import {attachmentsBlock} from './case_files.js';
import {escalationBlock} from './escalation.js';
import {append, clear, h} from '../dom.js';
import {dateTime, number, t, tk} from '../i18n.js';
import {answerRequest, replyChoices, repliesBlock, replyHistory} from './case_reply.js';
import {ANSWER_CHANNELS, TYPES, choice, duration, errorText, field, flags, isoFromLocal, localInputValue, message, statusBadge, unitLabel, unitSelect} from '../widgets.js';

export async function showCase(root, {arg, session}) {
  let c;
  try {
    c = await api.get(`/api/staff/cases/${encodeURIComponent(arg || '')}`);
  } catch (error) {
    if (error.status !== 404) throw error;
    append(root, h('div', {class: 'card empty', id: 'case-missing'}, h('p', {}, t('case.not_found')), h('a', {href: '#/register'}, t('case.back'))));
    return;
  }
  draw(root, c, session);
}

function draw(root, c, session) {
  const redraw = (updated) => { clear(root); draw(root, updated, session); };
  const me = session.me.user;
  const units = session.me.units;
  const act = (action, body) => api.post(`/api/staff/cases/${c.id}/${action}`, body);
  append(root, 
    h('a', {href: '#/register', class: 'back'}, `← ${t('case.back')}`),
    h('div', {class: 'page-head case-head'},
      h('h1', {}, h('span', {class: 'muted'}, `${t('case.number')} `), c.label),
      h('div', {class: 'head-badges'}, statusBadge(c.status), flags(c))),
    h('div', {class: 'case-grid'},
      h('div', {class: 'side'},
        h('section', {class: 'card', 'aria-labelledby': 'content-title'},
          h('h2', {id: 'content-title'}, tk('type', c.type)),
          c.text_hidden
            ? h('p', {class: 'muted', id: 'case-content-hidden'}, t('case.text_hidden'))
            : h('p', {class: 'complaint', id: 'case-content'}, c.content),
          voiceBlock(c, me, act, redraw),
          details(c, units),
          identityBlock(c)),
        attachmentsBlock(c, me, redraw),
        unitResponseBlock(c, units),
        answersBlock(c),
        repliesBlock(c),
        historyBlock(c, units)),
      h('div', {class: 'side'},
        me.can_own ? ownerBlock(c, session, act, redraw) : null,
        me.can_change ? actionForms(c, me, units, act, redraw) : h('p', {class: 'card muted'}, t('action.read_only')),
        escalationBlock(c, me, act, redraw))));
}

// What the unit the case was forwarded to answered the officer (issue 15
// item 2), or that it has not yet.
function unitResponseBlock(c, units) {
  if (!c.forwarded_unit || !c.forwarded_ms) return null;
  const unit = unitLabel(units, c.forwarded_unit);
  return h('section', {class: 'card', id: 'case-unit-response'},
    h('h2', {}, t('case.unit_response', {unit})),
    c.unit_response_ms
      ? [h('p', {class: 'complaint'}, c.unit_response),
        h('p', {class: 'meta'}, t('case.unit_response_meta', {when: dateTime(c.unit_response_ms), who: c.unit_response_by, hours: number((c.unit_response_ms - c.forwarded_ms) / 3600000, 1)}))]
      : h('p', {class: 'muted'}, t('case.unit_response_waiting', {unit, since: dateTime(c.forwarded_ms)})));
}

function details(c, units) {
  const row = (key, value) => [h('dt', {}, t(key)), h('dd', {}, value)];
  return h('dl', {class: 'details'},
    row('case.received', dateTime(c.received_ms)),
    c.clock_suspect
      ? row('case.clock_suspect', h('span', {class: 'late', id: 'clock-suspect'},
          t('case.clock_suspect_detail', {time: dateTime(c.claimed_ms)})))
      : null,
    c.clock === 'uncertain'
      ? row('case.time_uncertain', h('span', {class: 'late', id: 'time-uncertain'}, t('case.time_uncertain_detail')))
      : null,
    c.clock === 'corrected'
      ? row('case.time_corrected', h('span', {id: 'time-corrected'},
          t('case.time_corrected_detail', {time: dateTime(c.claimed_ms)})))
      : null,
    row('case.due', h('span', {class: c.overdue ? 'late' : ''}, dateTime(c.due_ms))),
    row('case.channel', tk('channel', c.channel)),
    row('case.unit', unitLabel(units, c.unit)),
    row('case.owner', h('span', {id: 'case-owner'}, c.owner_name || t('owner.none'))),
    c.forwarded_unit ? row('case.forwarded', unitLabel(units, c.forwarded_unit)) : null,
    c.rating ? row('case.rating', tk('face', c.rating)) : null,
    row('case.identity_mode', tk('identity', c.identity_mode)),
    c.ticket ? row('case.ticket', h('code', {}, c.ticket)) : null,
    c.first_answer_ms ? row('case.first_answer', dateTime(c.first_answer_ms)) : null,
    row('case.tracking', h('a', {href: c.tracking_path, target: '_blank', rel: 'noopener', id: 'tracking-link'}, c.tracking_url || c.tracking_path)));
}

// Who holds the case (issue 15 item 1): take it when nobody does; the
// owner hands it to a colleague; anyone who works cases assigns it. A
// closed case keeps its owner.
function ownerBlock(c, session, act, redraw) {
  const me = session.me.user;
  const mine = c.owner_id === me.id;
  const box = h('section', {class: 'card action', id: 'owner-form'}, h('h2', {}, t('owner.title')),
    h('p', {id: 'owner-now'}, mine ? t('owner.you') : c.owner_name || t('owner.none')));
  if (['selesai', 'bukan_wewenang', 'arsip'].includes(c.status)) return box;
  const status = h('div', {});
  const run = async (body) => {
    clear(status);
    try {
      redraw(await act('owner', body));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  };
  if (c.owner_id == null) {
    const take = h('button', {type: 'button', class: 'primary', id: 'owner-take'}, t('owner.take'));
    take.addEventListener('click', () => run({kind: 'take'}));
    box.append(take);
  }
  const others = session.me.owners.filter((o) => o.id !== c.owner_id);
  // A colleague first; "(tanpa pemilik)" last, never picked by default.
  const pick = h('select', {name: 'to', id: 'owner-to'},
    others.map((o) => h('option', {value: o.username}, `${o.name} (${tk('role', o.role)})`)),
    mine ? null : h('option', {value: ''}, t('owner.nobody')));
  const give = h('button', {type: 'button', class: 'secondary', id: mine ? 'owner-hand-over' : 'owner-assign'},
    t(mine ? 'owner.hand_over' : 'owner.assign'));
  give.addEventListener('click', () => run({kind: mine ? 'hand_over' : 'assign', to: pick.value || null}));
  box.append(field(t('owner.colleague'), pick), give, status);
  return box;
}

// Contact details are fetched only on request, and the server logs each look.
// A rahasia identity is opened by the complaint officer alone, with a reason.
// A spoken complaint: the recording, played by the browser from the
// server (range requests, so it can seek), and where staff type what it
// says, which becomes the case's text (the history keeps the text before).
function voiceBlock(c, me, act, redraw) {
  if (!c.voice_ms || !c.voice_access) return null;
  const src = `/api/staff/cases/${c.id}/audio`;
  const box = h('div', {class: 'voice', id: 'case-voice'}, h('h3', {}, `${t('case.voice')} (${duration(c.voice_ms)})`));
  if (c.identity_mode === 'rahasia') {
    // A rahasia voice is opened as its identity is: with a reason, logged.
    const reason = h('input', {name: 'reason', id: 'voice-reason', maxlength: 5000, required: true});
    const play = h('button', {type: 'button', class: 'secondary', id: 'voice-play'}, t('case.voice_play'));
    play.addEventListener('click', () => {
      if (!reason.value.trim()) return reason.reportValidity();
      const audio = h('audio', {controls: true, preload: 'metadata', id: 'case-audio',
        src: `${src}?reason=${encodeURIComponent(reason.value.trim())}`});
      reason.closest('label').replaceWith(audio);
      play.remove();
      audio.play().catch(() => {});
    });
    box.append(field(t('identity.reason'), reason), play, h('p', {class: 'hint'}, t('identity.logged')));
  } else {
    box.append(h('audio', {controls: true, preload: 'metadata', id: 'case-audio', src}));
  }
  if (!me.can_change) return box;
  const text = h('textarea', {name: 'text', id: 'transcript-text', rows: 4, maxlength: 5000, required: true}, c.content);
  const status = h('div', {});
  const save = h('button', {type: 'button', class: 'secondary', id: 'save-transcript'}, t('case.transcript'));
  save.addEventListener('click', async () => {
    clear(status);
    try {
      redraw(await act('transcript', {text: text.value}));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  });
  box.append(h('p', {class: 'hint'}, t('case.transcript_hint')), text, save, status);
  return box;
}

function identityBlock(c) {
  const box = h('div', {class: 'identity', id: 'identity'}, h('h3', {}, t('identity.title')));
  if (c.identity_erased_ms) return box.append(h('p', {class: 'muted', id: 'identity-erased'}, t('case.identity_erased', {date: dateTime(c.identity_erased_ms)}))), box;
  if (!c.has_identity) return box.append(h('p', {class: 'muted'}, t('identity.none'))), box;
  if (c.identity_mode === 'rahasia') box.append(h('p', {class: 'hint', id: 'rahasia-rule'}, t('identity.rahasia_rule')));
  if (c.identity_access === 'none') return box.append(h('p', {class: 'muted'}, t('identity.hidden'))), box;
  const reason = c.identity_access === 'reason'
    ? h('input', {name: 'reason', id: 'identity-reason', maxlength: 5000, required: true}) : null;
  const show = h('button', {type: 'button', class: 'secondary', id: 'show-identity'}, t('identity.show'));
  const status = h('div', {});
  show.addEventListener('click', async () => {
    clear(status);
    try {
      const who = await api.post(`/api/staff/cases/${c.id}/identity`, reason ? {reason: reason.value} : {});
      if (reason) reason.closest('label').remove();
      show.replaceWith(h('dl', {class: 'details'},
        h('dt', {}, t('identity.name')), h('dd', {}, who.name),
        h('dt', {}, t('identity.phone')), h('dd', {}, who.phone),
        h('dt', {}, t('identity.address')), h('dd', {}, who.address),
        ...(who.email ? [h('dt', {}, t('identity.email')), h('dd', {}, who.email)] : [])));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  });
  // (append() would write a null as the text "null".)
  box.append(...[reason ? field(t('identity.reason'), reason) : null, show, status, h('p', {class: 'hint'}, t('identity.logged'))].filter(Boolean));
  return box;
}

// A form that posts its fields and redraws the case with the answer.
function actionForm(title, id, fields, button, submit, redraw) {
  const status = h('div', {});
  const form = h('form', {class: 'card action', id}, h('h2', {}, title), fields, status,
    h('button', {type: 'submit', class: 'primary'}, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    const values = Object.fromEntries(new FormData(form));
    try {
      redraw(await submit(values));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  });
  return form;
}

function actionForms(c, me, units, act, redraw) {
  const forms = [];
  // The time of the answer defaults to now; only a changed value is sent, so
  // the minute-precision field does not move an answer given now back in time.
  const now = localInputValue(Date.now());
  if (c.status !== 'arsip')
    forms.push(actionForm(t('action.answer'), 'answer-form', [
      field(t('action.answer_channel'), choice('channel', ANSWER_CHANNELS, 'answer_channel', 'telepon')),
      cannedPicker(),
      field(t('action.answer_text'), h('textarea', {name: 'text', rows: 4, required: true, maxlength: 5000})),
      field(t('action.answered_at'), h('input', {type: 'datetime-local', name: 'answered_at', value: now})),
      replyChoices(c),
    ], t('action.answer_button'), (v) => act(...answerRequest(v,
      v.answered_at && v.answered_at !== now ? isoFromLocal(v.answered_at) : null)), redraw));
  // Forwarding names a unit, so it has its own form below.
  const moves = c.next_statuses.filter((s) => s !== 'diteruskan' || c.forwarded_unit);
  if (moves.length)
    forms.push(actionForm(t('action.status'), 'status-form', [
      field(t('case.status'), choice('to', moves, 'status', moves[0])),
      field(t('action.note'), h('input', {name: 'note', maxlength: 5000})),
    ], t('action.save'), (v) => act('status', v), redraw));
  if (['baru', 'diverifikasi', 'diteruskan', 'ditanggapi'].includes(c.status))
    forms.push(actionForm(t('action.forward'), 'forward-form', [
      field(t('case.unit'), unitSelect('unit', units, c.forwarded_unit || c.unit, t('action.choose'))),
      field(t('action.note'), h('input', {name: 'note', maxlength: 5000})),
    ], t('action.forward_button'), (v) => act('forward', v), redraw));
  forms.push(publishForm(c, me, units, act, redraw));
  if (me.can_review)
    forms.push(actionForm(t('action.review'), 'review-form', [
      field(t('action.analysis'), h('textarea', {name: 'analysis', rows: 3, value: c.analysis})),
      field(t('action.rtl'), h('textarea', {name: 'rtl', rows: 3, value: c.rtl})),
    ], t('action.save'), (v) => act('review', v), redraw));
  else if (c.analysis || c.rtl)
    forms.push(h('section', {class: 'card'}, h('h2', {}, t('action.review')),
      h('h3', {}, t('action.analysis')), h('p', {class: 'pre'}, c.analysis),
      h('h3', {}, t('action.rtl')), h('p', {class: 'pre'}, c.rtl)));
  forms.push(actionForm(t('action.details'), 'details-form', [
    field(t('case.unit'), unitSelect('unit', units, c.unit, t('unit.none'))),
    field(t('case.type'), choice('type', TYPES, 'type', c.type)),
    h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'urgent', checked: c.urgent}), t('case.urgent')),
  ], t('action.save'), (v) => act('details', {unit: v.unit, type: v.type, urgent: v.urgent === 'on'}), redraw));
  return forms;
}

// Canned answers of the puskesmas (issue 15 item 7): picking one puts its
// text into the answer box, where it is edited before it is saved; nothing
// is sent until then. Hidden while the puskesmas has none.
function cannedPicker() {
  const select = h('select', {id: 'canned-pick'}, h('option', {value: ''}, t('canned.pick_none')));
  const box = field(t('canned.pick'), select, t('canned.pick_hint'));
  box.hidden = true;
  api.get('/api/staff/canned-answers').then(({answers}) => {
    for (const a of answers) select.append(h('option', {value: String(a.id)}, a.title));
    box.hidden = answers.length === 0;
    select.addEventListener('change', () => {
      const picked = answers.find((a) => String(a.id) === select.value);
      const text = select.form.elements.text;
      if (!picked) return;
      text.value = picked.text;
      text.focus();
    });
  }).catch((error) => {
    box.hidden = false;
    select.disabled = true;
    box.append(message('error', errorText(error)));
  });
  return box;
}

// The public summary and answer start empty (or as last published): they are
// written for the public, never copied from the complaint or an answer to the
// person. The server refuses personal data in them; "Pratinjau" shows the
// item exactly as the board, the kiosks and /papan will.
function publishForm(c, me, units, act, redraw) {
  const title = t('action.publish');
  if (c.identity_mode === 'rahasia') return h('section', {class: 'card', id: 'publish-form'}, h('h2', {}, title), message('info', t('action.rahasia')));
  if (!c.publishable) return h('section', {class: 'card', id: 'publish-form'}, h('h2', {}, title), h('p', {class: 'muted'}, t('action.unanswered')));
  if (!me.can_publish) return null;
  const form = actionForm(title, 'publish-form', [
    h('p', {class: 'hint'}, t('action.publish_hint')),
    field(t('action.public_summary'), h('textarea', {name: 'summary', rows: 3, required: true, maxlength: 1000, value: c.public_summary || ''})),
    field(t('action.public_answer'), h('textarea', {name: 'answer', rows: 3, required: true, maxlength: 5000, value: c.public_answer || ''})),
  ], c.published_ms ? t('action.update_button') : t('action.publish_button'), (v) => act('publish', v), redraw);
  const shown = h('div', {class: 'preview', id: 'publish-preview'});
  const look = h('button', {type: 'button', class: 'secondary', id: 'preview'}, t('action.preview'));
  look.addEventListener('click', async () => {
    form.querySelectorAll('.message').forEach((m) => m.remove());  // an earlier refusal is stale now
    clear(shown);
    if (!form.reportValidity()) return;
    const values = Object.fromEntries(new FormData(form));
    try {
      const {item} = await act('preview', {summary: values.summary, answer: values.answer});
      append(shown, h('p', {class: 'hint'}, t('action.preview_hint')), boardItem(item, (id) => unitLabel(units, id)));
    } catch (error) {
      append(shown, message('error', errorText(error)));
    }
  });
  form.addEventListener('submit', () => clear(shown));
  form.append(look, shown);
  if (c.published_ms) {
    form.insertBefore(h('p', {class: 'badge status-selesai'}, t('case.published')), form.children[1]);
    const pull = h('button', {type: 'button', class: 'secondary', id: 'unpublish'}, t('action.unpublish'));
    pull.addEventListener('click', async () => redraw(await act('unpublish', {})));
    form.append(pull);
  }
  return form;
}

function answersBlock(c) {
  return h('section', {class: 'card', id: 'answers'}, h('h2', {}, t('answers.title')),
    c.answers.length === 0 ? h('p', {class: 'muted'}, t('answers.none')) :
      h('ol', {class: 'timeline'}, c.answers.map((a) => h('li', {},
        h('p', {class: 'meta'}, `${dateTime(a.answered_ms)} · ${tk('answer_channel', a.channel)} · ${t('answers.by', {name: a.officer})}`),
        h('p', {class: 'pre'}, a.text)))));
}

function historyText(e, units) {
  const d = e.detail || {};
  const reply = replyHistory(e, d, tk('answer_channel', d.channel));
  if (reply) return reply;
  switch (e.action) {
    case 'status': return t('history.status', {from: tk('status', d.from), to: tk('status', d.to)}) + (d.note ? ` — ${d.note}` : '');
    case 'forwarded': return t('history.forwarded', {unit: unitLabel(units, d.unit)}) + (d.note ? ` — ${d.note}` : '');
    case 'answered': return t('history.answered', {channel: tk('answer_channel', d.channel)});
    case 'unit_response': return t('history.unit_response', {unit: unitLabel(units, d.unit)}) +
      (d.took_ms != null ? ` (${t('history.took', {hours: number(d.took_ms / 3600000, 1)})})` : '') + (d.text ? ` — “${d.text}”` : '');
    case 'reviewed': return [tk('history', e.action), ...['analysis', 'rtl'].filter((f) => d[f]).map((f) =>
      t('history.before_after', {field: t(`action.${f}`), before: d[f].before, after: d[f].after}))].join(' — ');
    case 'details': return [tk('history', e.action), ...(d.before ? [
      d.before.unit !== d.unit ? t('history.before_after', {field: t('case.unit'), before: unitLabel(units, d.before.unit), after: unitLabel(units, d.unit)}) : null,
      d.before.type !== d.type ? t('history.before_after', {field: t('case.type'), before: tk('type', d.before.type), after: tk('type', d.type)}) : null,
      d.before.urgent !== d.urgent ? t('history.before_after', {field: t('case.urgent'), before: d.before.urgent ? '✓' : '—', after: d.urgent ? '✓' : '—'}) : null] : [])].filter(Boolean).join(' — ');
    case 'owner': return t(`history.owner.${d.kind}`, {from: d.from || t('owner.nobody'), to: d.to || t('owner.nobody')});
    case 'identity_viewed': return tk('history', e.action) + (d.reason ? ` — ${t('history.reason', {reason: d.reason})}` : '');
    case 'identity_erased': return `${tk('history', e.action)} (${tk('history.erased_by', d.by)})` + (d.reason ? ` — ${t('history.reason', {reason: d.reason})}` : '');
    case 'attachment_added': return t('history.attachment_added', {name: d.name});
    case 'attachment_removed': return t('history.attachment_removed', {name: d.name}) + (d.reason ? ` — ${t('history.reason', {reason: d.reason})}` : '');
    case 'escalated': return t('history.escalated', {agency: d.agency, n: d.n});
    case 'escalation_tracking': return t('history.escalation_tracking', {n: d.n, tracking: d.tracking_id});
    case 'published':
    case 'republished': return `${tk('history', e.action)}: “${d.summary || ''}” — “${d.answer || ''}”`;
    default: return tk('history', e.action);
  }
}

function historyBlock(c, units) {
  return h('section', {class: 'card', id: 'history'}, h('h2', {}, t('history.title')),
    h('ol', {class: 'timeline small'}, c.history.map((e) => h('li', {class: e.action === 'identity_viewed' ? 'audit' : ''},
      h('p', {class: 'meta'}, `${dateTime(e.at_ms)} · ${e.user || t('history.system')}`),
      h('p', {}, historyText(e, units))))));
}

// The public page of one ticket, /t/<UUID> (the kiosk's QR code) or
// /t/<ticket code> (what the patient copied down): the ticket code, the
// status and the public answer, nothing else about the case. No session,
// no cookies; the key never leaves in a Referer (the server sends
// Referrer-Policy: no-referrer).
import {append, clear, h} from './dom.js';
import {apply, load, switchLanguage, t, tk} from './i18n.js';
import {statusBadge} from './widgets.js';

async function show() {
  const root = document.getElementById('ticket');
  const id = decodeURIComponent(location.pathname.split('/').pop());
  let data = null;
  try {
    const response = await fetch(`/api/public/ticket/${encodeURIComponent(id)}`);
    if (response.ok) data = await response.json();
  } catch {
    data = null;
  }
  clear(root).append(h('img', {src: '/app/icon.svg', alt: '', width: 48, height: 48}), h('h1', {}, t('ticket.title')));
  if (!data) {
    append(root, h('p', {class: 'message error', id: 'ticket-missing'}, t('ticket.not_found')));
    return;
  }
  append(root,
    data.ticket ? h('p', {class: 'ticket-code'}, t('ticket.code') + ': ',
                    h('strong', {id: 'ticket-code'}, data.ticket)) : null,
    h('p', {id: 'ticket-status'}, statusBadge(data.status)),
    h('p', {class: 'lead'}, tk('ticket.explain', data.status)),
    h('section', {class: 'public-answer'}, h('h2', {}, t('ticket.answer')),
      data.answer ? h('p', {id: 'ticket-answer', class: 'pre'}, data.answer) : h('p', {class: 'muted'}, t('ticket.no_answer'))),
    h('p', {class: 'hint'}, t('ticket.privacy')));
}

async function boot() {
  await load();
  apply();
  document.getElementById('lang-switch').addEventListener('click', async () => {
    await switchLanguage();
    apply();
    show();
  });
  await show();
}

boot();

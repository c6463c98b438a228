// Recording feedback that came by another channel (SMS/WA, telephone,
// email, the paper box, social media, face to face, website, form): it gets
// the next register number and is then handled like any other case.
import {api} from '../api.js';
import {append, h} from '../dom.js';
import {t} from '../i18n.js';
import {CHANNELS, IDENTITY_MODES, TYPES, choice, errorText, field, isoFromLocal, localInputValue, message, unitSelect} from '../widgets.js';

export async function showNewCase(root, {session}) {
  const units = session.me.units;
  const status = h('div', {});
  const identity = h('fieldset', {class: 'identity-fields'},
    h('legend', {}, t('identity.title')),
    h('p', {class: 'hint'}, t('new.identity_hint')),
    field(t('identity.name'), h('input', {name: 'name', maxlength: 100, autocomplete: 'off'})),
    field(t('identity.phone'), h('input', {name: 'phone', maxlength: 20, inputmode: 'tel', autocomplete: 'off'})),
    field(t('identity.address'), h('input', {name: 'address', maxlength: 300, autocomplete: 'off'})),
    field(t('identity.email'), h('input', {name: 'email', type: 'email', maxlength: 254, autocomplete: 'off'})));
  const mode = choice('identity_mode', IDENTITY_MODES, 'identity', 'anonim');
  const sync = () => { identity.hidden = mode.value === 'anonim'; };
  mode.addEventListener('change', sync);
  const form = h('form', {class: 'card form-grid', id: 'new-case-form'},
    field(t('case.channel'), choice('channel', CHANNELS.filter((c) => c !== 'kiosk' && c !== 'qr_ponsel'), 'channel', 'sms_wa')),
    field(t('new.received_at'), h('input', {type: 'datetime-local', name: 'received_at', required: true, value: localInputValue(Date.now())})),
    field(t('case.type'), choice('type', TYPES, 'type', 'keluhan')),
    field(t('case.unit'), unitSelect('unit', units, '', t('unit.none'))),
    h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'urgent'}), t('case.urgent')),
    field(t('case.content'), h('textarea', {name: 'content', rows: 6, required: true, maxlength: 5000}), null),
    field(t('case.identity_mode'), mode),
    identity,
    status,
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, t('new.submit'))));
  sync();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = Object.fromEntries(new FormData(form));
    try {
      const c = await api.post('/api/staff/cases', {
        channel: v.channel, received_at: isoFromLocal(v.received_at), type: v.type, unit: v.unit,
        urgent: v.urgent === 'on', content: v.content, identity_mode: v.identity_mode,
        identity: {name: v.name || '', phone: v.phone || '', address: v.address || '', email: v.email || ''},
      });
      location.hash = `#/case/${c.id}`;
    } catch (error) {
      status.replaceChildren(message('error', errorText(error)));
    }
  });
  append(root, h('div', {class: 'page-head'}, h('h1', {}, t('new.title'))), h('p', {class: 'muted'}, t('new.intro')), form);
}

// The answer sent to the patient (issue 15 item 4) on the case page: the
// choices under the answer form (each channel that cannot be used says
// why), and the state of each message: menunggu, terkirim, gagal with its
// reason. The server composes and sends the messages; the answer is
// recorded for a channel once its message has gone.
import {h} from '../dom.js';
import {dateTime, t} from '../i18n.js';

const CHANNELS = ['email', 'sms'];

export function replyChoices(c) {
  const r = c.reply;
  if (!r || !r.may_send) return null;
  const option = (channel) => {
    const ready = r[channel] === 'ready';
    return h('div', {class: 'reply-option'},
      h('label', {class: 'check'},
        h('input', {type: 'checkbox', name: `send_${channel}`, id: `reply-${channel}`, disabled: !ready}),
        t(`reply.send_${channel}`)),
      ready ? null : h('small', {class: 'hint', id: `reply-${channel}-why`}, t(`reply.${channel}.${r[channel]}`)));
  };
  return h('fieldset', {class: 'reply-choices', id: 'reply-choices'},
    h('legend', {}, t('reply.send')), CHANNELS.map(option), h('p', {class: 'hint'}, t('reply.hint')));
}

// What the answer form posts: to the patient when a channel is chosen,
// else an answer recorded as given.
export function answerRequest(v, answeredAt) {
  if (v.send_email || v.send_sms)
    return ['reply', {text: v.text, email: !!v.send_email, sms: !!v.send_sms}];
  return ['answer', {channel: v.channel, text: v.text, answered_at: answeredAt}];
}

function messageLine(m) {
  const state = h('span', {class: `badge reply-${m.state}`}, `${t(`reply.channel.${m.channel}`)}: ${t(`reply.state.${m.state}`)}`);
  return h('li', {id: `reply-${m.id}`, 'data-channel': m.channel, 'data-state': m.state},
    state,
    h('p', {class: 'meta'}, t('reply.meta', {user: m.user, when: dateTime(m.created_ms), to: m.to || '—'}),
      m.done_ms && m.state === 'sent' ? ` · ${t('reply.sent_at', {when: dateTime(m.done_ms)})}` : ''),
    m.state === 'queued' && m.error
      ? h('p', {class: 'meta'}, `${t('reply.reason', {error: m.error})} · ${t('reply.attempts', {n: m.attempts, when: dateTime(m.next_ms)})}`)
      : null,
    m.state === 'failed' ? h('p', {class: 'late reply-error'}, t('reply.reason', {error: m.error})) : null);
}

export function repliesBlock(c) {
  const r = c.reply;
  if (!r || (!r.messages.length && !r.may_send)) return null;
  return h('section', {class: 'card', id: 'replies'}, h('h2', {}, t('reply.title')),
    r.messages.length === 0
      ? h('p', {class: 'muted'}, t('reply.none'))
      : h('ul', {class: 'replies'}, r.messages.map(messageLine)));
}

// History lines of the messages (null: not one of theirs).
export function replyHistory(e, d, channel) {
  const channels = () => (d.channels || []).map((x) => t(`reply.channel.${x}`)).join(', ');
  if (e.action === 'reply_queued') return t('history.reply_queued', {channels: channels()});
  if (e.action === 'reply_failed') return t('history.reply_failed', {channel: t(`reply.channel.${d.channel}`), error: d.error || ''});
  if (e.action === 'identity_viewed' && d.use === 'reply') return t('history.identity_used', {channels: channels()});
  if (e.action === 'answered' && d.reply) return t('history.reply_sent', {channel});
  return null;
}

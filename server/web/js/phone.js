// The phone pages of the kiosk's QR code (server/dashboard/phone.cpp): shows
// one step at a time, keeps what is typed in localStorage, and sends the
// answers once. A form has its own id (a UUID made here) from its first
// tap; the server stores an id once, so a send repeated after a dropped
// connection, a reload or a second tap is a duplicate, never a second
// answer. Words come from the page (data-*), and anything shown is set as
// text, never as HTML.
(() => {
  const main = document.getElementById('phone');
  if (!main) return;
  const d = main.dataset;
  const key = 'kotak-phone:' + d.facility;
  const status = document.getElementById('status');
  const forms = {skm: document.getElementById('skm'), written: document.getElementById('written')};
  let state = null;  // {form, id, k, w, fields, payload?}
  let sending = false;

  const uuid = () => {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    const x = [...b].map(v => v.toString(16).padStart(2, '0')).join('');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  };
  const save = () => { try { localStorage.setItem(key, JSON.stringify(state)); } catch { /* full or private */ } };
  const forget = () => { try { localStorage.removeItem(key); } catch { /* nothing kept */ } };
  const say = (text, refused) => {
    status.textContent = text; status.hidden = !text; status.classList.toggle('refused', !!refused);
  };
  const show = name => {
    for (const step of document.querySelectorAll('.step')) step.hidden = step.id !== name;
    window.scrollTo(0, 0);
  };
  const fields = form => {
    const out = {};
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === 'radio') { if (el.checked) out[el.name] = el.value; }
      else if (el.type === 'checkbox') out[el.name] = el.checked;
      else out[el.name] = el.value;
    }
    return out;
  };
  const restore = (form, values) => {
    for (const el of form.elements) {
      if (!el.name || !(el.name in values)) continue;
      if (el.type === 'radio') el.checked = values[el.name] === el.value;
      else if (el.type === 'checkbox') el.checked = !!values[el.name];
      else el.value = values[el.name];
    }
    contact();
  };
  const contact = () => {
    const named = forms.written.querySelector('input[name=identity_mode][value=named]');
    document.getElementById('contact').hidden = !named.checked;
  };
  const begin = name => {
    if (!state || state.form !== name) state = {form: name, id: uuid(), k: d.k, w: Number(d.w), fields: {}};
    save();
    show(name);
  };
  const payload = () => {
    const f = state.fields;
    const p = {k: state.k, w: state.w, id: state.id, created_ms: Date.now(),
               utc_offset_min: -new Date().getTimezoneOffset(), language: d.lang, kind: state.form};
    if (state.form === 'skm') {
      p.scores = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map(u => Number(f[u] || 0));
      for (const n of ['sex', 'age_group', 'education', 'occupation', 'service']) if (f[n]) p[n] = f[n];
    } else {
      Object.assign(p, {type: f.type || 'keluhan', unit: f.unit || '', text: f.text || '',
                        identity_mode: f.identity_mode || 'anonim', urgent: !!f.urgent});
      if (p.identity_mode === 'named') for (const n of ['name', 'phone', 'address']) p[n] = f[n] || '';
    }
    return p;
  };
  const done = answer => {
    forget();
    state = null;
    const box = document.getElementById('done');
    box.replaceChildren();
    const line = (tag, text, cls) => {
      const el = document.createElement(tag);
      el.textContent = text;
      if (cls) el.className = cls;
      box.append(el);
      return el;
    };
    if (answer.ticket) {
      line('h2', d.thanks); line('p', d.promise); line('p', d.ticket);
      line('p', answer.ticket, 'code').id = 'ticket-code';
      line('p', d.keep);
      const link = line('a', d.track);
      link.href = answer.link; link.id = 'ticket-link';
    } else {
      line('h2', d.sentSkm);
    }
    say('');
    show('done');
  };
  const send = async () => {
    if (sending || !state || !state.payload) return;
    sending = true;
    say(d.sending);
    try {
      const response = await fetch('/api/public/phone/' + encodeURIComponent(d.facility), {
        method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(state.payload)});
      const answer = await response.json().catch(() => ({}));
      if (response.ok) done(answer);
      else if (response.status === 429 || response.status >= 500) say(d.offline);
      else {
        // Refused as it is (a code too old, a text too long): the answers stay
        // in the form to change or copy, and are not sent again by themselves.
        delete state.payload;
        save();
        forms[state.form].querySelector('button[type=submit]').disabled = false;
        say(d.refused.replace('{reason}', answer.error || response.status), true);
      }
    } catch {
      say(d.offline);  // no connection: kept, and sent when it is back
    } finally {
      sending = false;
    }
  };

  for (const button of document.querySelectorAll('[data-show]')) button.addEventListener('click', () => begin(button.dataset.show));
  for (const [name, form] of Object.entries(forms)) {
    form.addEventListener('input', () => {
      if (!state || state.form !== name || state.payload) return;
      state.fields = fields(form);
      save();
      contact();
    });
    form.addEventListener('submit', event => {
      event.preventDefault();
      if (!state || state.payload) return;  // sent already: never twice
      state.fields = fields(form);
      state.payload = payload();
      save();
      form.querySelector('button[type=submit]').disabled = true;
      send();
    });
  }
  window.addEventListener('online', send);
  setInterval(send, 15000);

  try { state = JSON.parse(localStorage.getItem(key) || 'null'); } catch { state = null; }
  if (state && forms[state.form]) {
    restore(forms[state.form], state.fields || {});
    show(state.form);
    if (state.payload) {
      forms[state.form].querySelector('button[type=submit]').disabled = true;
      send();
    }
  } else {
    state = null;
  }
})();

// The files of a case (issue 15 item 6): photos and scans staff attached
// (a slip from the old box, a WhatsApp screenshot, a letter), shown as
// thumbnails that open the file, with a button to attach another and one to
// take a wrong file off (with a reason, kept in the history). The server
// decides the type by content and says why a file is refused. A rahasia
// case's files are opened one at a time with a reason, by the complaint
// officer alone; no thumbnails of them are shown.
import {api} from '../api.js';
import {append, clear, h} from '../dom.js';
import {dateTime, number, t} from '../i18n.js';
import {errorText, message} from '../widgets.js';

const ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';

function sizeText(bytes) {
  return bytes >= 1024 * 1024 ? `${number(bytes / (1024 * 1024), 1)} MB` : `${number(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

// The file's bytes as base64, as the API takes them.
function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function fileTile(c, f, access, canChange, status, redraw) {
  const path = `/api/staff/cases/${c.id}/attachments/${f.id}`;
  const label = f.media_type === 'application/pdf' ? 'PDF' : f.media_type === 'image/png' ? 'PNG' : 'JPEG';
  const picture = access === 'open' && f.thumbnail
    ? h('img', {src: `${path}/thumbnail`, alt: f.name, loading: 'lazy', width: 160})
    : h('span', {class: 'file-kind', 'aria-hidden': 'true'}, label);
  const open = h('a', {class: 'file-open', href: path, target: '_blank', rel: 'noopener', 'data-file': f.id, title: f.name}, picture);
  if (access === 'reason') {
    open.addEventListener('click', (event) => {
      event.preventDefault();
      const reason = prompt(t('files.rahasia_prompt'));
      if (reason && reason.trim()) window.open(`${path}?reason=${encodeURIComponent(reason.trim())}`, '_blank', 'noopener');
    });
  }
  const remove = !canChange ? null : h('button', {type: 'button', class: 'link', 'data-remove': f.id}, t('files.remove'));
  remove?.addEventListener('click', async () => {
    const reason = prompt(t('files.remove_prompt', {name: f.name}));
    if (!reason || !reason.trim()) return;
    clear(status);
    try {
      redraw(await api.post(`${path}/remove`, {reason: reason.trim()}));
    } catch (error) {
      status.append(message('error', errorText(error)));
    }
  });
  return h('li', {class: 'file', 'data-name': f.name},
    open,
    h('p', {class: 'file-name'}, f.name),
    h('p', {class: 'meta'}, `${label} · ${sizeText(f.bytes)}${f.width ? ` · ${f.width}×${f.height}` : ''}`),
    h('p', {class: 'meta'}, t('files.by', {who: f.added_by, when: dateTime(f.added_ms)})),
    access === 'open' ? h('a', {href: `${path}?download=1`, class: 'meta'}, t('files.download')) : null,
    remove);
}

export function attachmentsBlock(c, me, redraw) {
  const a = c.attachments;
  if (!a) return null;
  if (a.access === 'none') {
    return a.count === 0 ? null : h('section', {class: 'card', id: 'case-files'}, h('h2', {}, t('files.title')),
      h('p', {class: 'muted', id: 'files-hidden'}, t('files.hidden', {n: a.count})));
  }
  const status = h('div', {id: 'files-status'});
  const section = h('section', {class: 'card', id: 'case-files'}, h('h2', {}, t('files.title')),
    a.access === 'reason' ? h('p', {class: 'hint'}, t('files.rahasia')) : null,
    a.files.length === 0
      ? h('p', {class: 'muted', id: 'files-none'}, t('files.none'))
      : h('ul', {class: 'files'}, a.files.map((f) => fileTile(c, f, a.access, me.can_change, status, redraw))),
    status);
  if (!me.can_change) return section;
  if (!a.may_add) {
    if (a.files.length >= a.max_files) append(section, h('p', {class: 'hint'}, t('files.full', {max: a.max_files})));
    return section;
  }
  const input = h('input', {type: 'file', id: 'file-input', accept: ACCEPT, multiple: true, class: 'visually-hidden'});
  const button = h('label', {for: 'file-input', class: 'button secondary', id: 'file-add'}, t('files.add'));
  input.addEventListener('change', async () => {
    clear(status);
    let latest = null;
    for (const file of Array.from(input.files)) {
      if (file.size > a.max_bytes) {
        status.append(message('error', `${file.name}: ${t('error.attachment.too_large')}`));
        continue;
      }
      const working = message('info', t('files.uploading', {name: file.name}));
      status.append(working);
      try {
        latest = await api.post(`/api/staff/cases/${c.id}/attachments`, {name: file.name, content_base64: await readBase64(file)});
        working.replaceWith(message('info', t('files.added', {name: file.name})));
      } catch (error) {
        working.replaceWith(message('error', `${file.name}: ${errorText(error)}`));
      }
    }
    input.value = '';
    if (latest) {
      const kept = Array.from(status.childNodes);
      redraw(latest);
      document.getElementById('files-status')?.append(...kept);
    }
  });
  append(section, h('div', {class: 'actions'}, input, button), h('p', {class: 'hint'}, t('files.hint', {max: a.max_files})));
  return section;
}

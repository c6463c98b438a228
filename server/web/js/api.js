// Calls to the staff API. Every change sends the session's CSRF token in
// X-Kotak-CSRF with a JSON body; the session itself is an HttpOnly cookie
// this script never sees. X-Kotak-Lang asks for refusals in the page's
// language; they come with a code (error.*) and the sentence to show.
import {lang} from './i18n.js';

let csrf = '';
export function setCsrf(token) { csrf = token || ''; }

export class ApiError extends Error {
  constructor(status, reason, body = null) {
    super(reason);
    this.status = status;
    this.body = body;  // the answer's JSON, for errors that carry details
    this.code = body?.code || '';  // set when the server said it for staff
  }
}

async function call(method, path, body) {
  const options = {method, headers: {Accept: 'application/json', 'X-Kotak-Lang': lang()}, credentials: 'same-origin'};
  if (method !== 'GET') {
    options.headers['Content-Type'] = 'application/json';
    options.headers['X-Kotak-CSRF'] = csrf;
    options.body = JSON.stringify(body ?? {});
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch {
    throw new ApiError(0, 'network');
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data?.error || `HTTP ${response.status}`, data);
  return data;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body) => call('POST', path, body),
};

// A query string from an object, leaving out empty values.
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== '' && value != null && value !== false) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

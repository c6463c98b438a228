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

// A change carries request_id, the page's own id of that action. When its
// answer is lost (a server process restarting behind the proxy, a dropped
// connection, 502/503/504), the same request goes again and the server does
// the action once.
function requestId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
const RETRY_STATUSES = new Set([0, 502, 503, 504]);
const RETRY_DELAYS_MS = [500, 1500, 4000];

async function once(path, options) {
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

async function call(method, path, body) {
  const options = {method, headers: {Accept: 'application/json', 'X-Kotak-Lang': lang()}, credentials: 'same-origin'};
  if (method !== 'GET') {
    options.headers['Content-Type'] = 'application/json';
    options.headers['X-Kotak-CSRF'] = csrf;
    options.body = JSON.stringify({...(body ?? {}), request_id: requestId()});
  }
  for (let attempt = 0; ; ++attempt) {
    try {
      return await once(path, options);
    } catch (error) {
      if (attempt >= RETRY_DELAYS_MS.length || !RETRY_STATUSES.has(error.status)) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }
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

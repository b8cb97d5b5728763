// The gateway's API, called with the signed-in token as a Bearer header. The token lives in this
// tab's sessionStorage only: never in a URL, a cookie or a log.

const TOKEN_KEY = 'qe-console-token';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export function hasToken() {
  return Boolean(sessionStorage.getItem(TOKEN_KEY));
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

async function send(method, path, { body, accept = 'application/json', token = sessionStorage.getItem(TOKEN_KEY) } = {}) {
  const headers = { Accept: accept };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, 'UNREACHABLE', `the gateway does not answer (${e.message})`, null);
  }
  const text = await response.text();
  if (!response.ok) {
    let error = {};
    try { error = JSON.parse(text).error || {}; } catch { /* not JSON: the status says enough */ }
    throw new ApiError(response.status, error.code || `HTTP_${response.status}`, error.message || response.statusText, error.field || null);
  }
  return accept === 'application/json' ? (text ? JSON.parse(text) : null) : text;
}

export const get = (path) => send('GET', path);
export const getText = (path, accept) => send('GET', path, { accept });
export const post = (path, body) => send('POST', path, { body });
export const put = (path, body) => send('PUT', path, { body });

/**
 * Checks a token with GET /api/v1/session and keeps it only if it is a viewer's or an operator's.
 * Resolves to the session; rejects with a message a person can act on.
 */
export async function signIn(token) {
  const candidate = token.trim();
  if (!candidate) throw new Error('Enter a token.');
  try {
    const session = await send('GET', '/api/v1/session', { token: candidate });
    sessionStorage.setItem(TOKEN_KEY, candidate);
    return session;
  } catch (e) {
    if (e.status === 401) throw new Error('Sign-in refused: the gateway does not know this token. Check it and try again.');
    if (e.status === 403) throw new Error('Sign-in refused: this is a bot token. The console needs a viewer or operator token.');
    if (e.status === 429) throw new Error('Too many requests with this token; wait a moment and try again.');
    throw new Error(`Sign-in failed: ${e.message}`);
  }
}

export const session = () => get('/api/v1/session');

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

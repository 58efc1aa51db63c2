// One place for HTTP: same-origin JSON with the session cookie, errors as values callers can
// show. The server answers errors as {error: {code, message, field?, details?}} with messages
// already in the language named by Accept-Language.
//
// Cross-site request forgery: the server accepts a state-changing request (anything but GET
// and HEAD) only with Content-Type: application/json, which a form or a simple cross-site
// request cannot send, so every such request here carries that type and a JSON body ({} when
// there is nothing to say). Requests go only to this origin's /api paths: the cookie is never
// offered to another site.

let language = 'zh-CN';
let onUnauthenticated = () => {};
let onPasswordChange = () => {};

/** Sets the Accept-Language sent with every request ("zh-CN" or "en"). */
export function setApiLanguage(lang) {
  language = lang;
}

/** Registers what to do when the session has ended (HTTP 401 on a call other than login). */
export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn;
}

/**
 * Registers what to do when the server refuses a call until the user changes the password
 * (HTTP 403 password_change_required, after an administrator's reset).
 */
export function setPasswordChangeHandler(fn) {
  onPasswordChange = fn;
}

/**
 * A 4xx/5xx answer. `details` lists field problems: [{code, message, field}]; `retryAfter` is
 * the Retry-After header in seconds (429 too_many_attempts), or null.
 */
export class ApiError extends Error {
  constructor(status, body, retryAfter = null) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || 'http_error';
    this.field = e.field || null;
    this.details = Array.isArray(e.details) ? e.details : [];
    this.retryAfter = retryAfter;
  }

  /** Field path -> message, for showing each problem beside its field. */
  fieldMessages() {
    const out = {};
    for (const d of this.details) if (d.field && !out[d.field]) out[d.field] = d.message;
    if (this.field && !out[this.field] && this.details.length === 0) out[this.field] = this.message;
    return out;
  }
}

/** The request never reached the server or its answer never came back. */
export class NetworkError extends Error {
  constructor(cause) {
    super(cause ? String(cause.message || cause) : 'network');
    this.network = true;
  }
}

/** True for methods that change state on the server (they need the JSON content type). */
export const changesState = (method) => !['GET', 'HEAD'].includes(String(method).toUpperCase());

/**
 * The fetch() arguments for one API call, or an Error for a path that is not this origin's
 * (absolute URLs and protocol-relative '//host' paths are refused).
 */
export function requestInit(method, path, body) {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.includes('\\')) {
    throw new Error(`not a same-origin API path: ${path}`);
  }
  const writes = changesState(method);
  const headers = { Accept: 'application/json', 'Accept-Language': language };
  if (writes) headers['Content-Type'] = 'application/json';
  return {
    method,
    credentials: 'same-origin',
    headers,
    body: writes ? JSON.stringify(body ?? {}) : undefined,
  };
}

/** Retry-After in whole seconds (either delta-seconds or an HTTP date), or null. */
export function retryAfterSeconds(value, nowMs = Date.now()) {
  if (value == null || value === '') return null;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

export async function request(method, path, body, { timeoutMs = 15000, init: given = null } = {}) {
  const init = given || requestInit(method, path, body);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res;
  try {
    res = await fetch(path, { ...init, signal: controller.signal });
  } catch (err) {
    throw new NetworkError(err);
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    if (res.status >= 502 && res.status <= 504 && !data) throw new NetworkError(`HTTP ${res.status}`);
    const err = new ApiError(res.status, data, retryAfterSeconds(res.headers.get('Retry-After')));
    if (res.status === 401 && !path.endsWith('/auth/login')) onUnauthenticated(err);
    if (res.status === 403 && err.code === 'password_change_required') onPasswordChange(err);
    throw err;
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);

/**
 * Uploads a file as the request body (application/octet-stream: like JSON, a type a cross-site
 * form cannot send), with its name in ?name=. The server sniffs the type from the content.
 */
export function uploadFile(path, file, { timeoutMs = 120000 } = {}) {
  const init = requestInit('POST', path, {});
  init.headers['Content-Type'] = 'application/octet-stream';
  init.body = file;
  return request('POST', path, null, { timeoutMs, init });
}

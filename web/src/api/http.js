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

/** Sets the Accept-Language sent with every request ("zh-CN" or "en"). */
export function setApiLanguage(lang) {
  language = lang;
}

/** Registers what to do when the session has ended (HTTP 401 on a call other than login). */
export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn;
}

/** A 4xx/5xx answer. `details` lists field problems: [{code, message, field}]. */
export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || 'http_error';
    this.field = e.field || null;
    this.details = Array.isArray(e.details) ? e.details : [];
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

export async function request(method, path, body, { timeoutMs = 15000 } = {}) {
  const init = requestInit(method, path, body);
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
    const err = new ApiError(res.status, data);
    if (res.status === 401 && !path.endsWith('/auth/login')) onUnauthenticated(err);
    throw err;
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);

import { get, post } from './http.js';

/**
 * Logs in; the server sets the HttpOnly session cookie. Answers the user
 * ({id, name, role, unit, region, must_change_password}). Too many attempts answer an
 * ApiError with status 429 and `retryAfter` (seconds).
 */
export async function login(name, password) {
  const data = await post('/api/v1/auth/login', { name, password });
  return data.user;
}

export const logout = () => post('/api/v1/auth/logout');

/** The current user, or an ApiError with status 401 when there is no session. */
export async function me() {
  const data = await get('/api/v1/auth/me');
  return data.user;
}

/**
 * Changes the signed-in user's password. Field errors: wrong_password (current_password),
 * weak_password (new_password). The user's other sessions end; this one stays.
 */
export const changePassword = (currentPassword, newPassword) =>
  post('/api/v1/auth/password', { current_password: currentPassword, new_password: newPassword });

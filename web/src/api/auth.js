import { get, post } from './http.js';

/** Logs in; the server sets the HttpOnly session cookie. Answers the user. */
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

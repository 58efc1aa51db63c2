import { get, post } from './http.js';

// Accounts, for administrators. A user: {id, name, display_name, role, unit, region,
// created_at, disabled, must_change_password}.

export const listUsers = () => get('/api/v1/users').then((d) => (Array.isArray(d?.users) ? d.users : []));

/** {name, display_name?, password, role, unit?, region?}. */
export const createUser = (user) => post('/api/v1/users', user);

const userPath = (id, tail) => `/api/v1/users/${encodeURIComponent(id)}/${tail}`;

/** Sets a temporary password; the user must change it at the next login; their sessions end. */
export const resetPassword = (id, password) => post(userPath(id, 'password'), { password });

/** Disables or enables the account, with a reason; a disabled user's sessions and streams end at once. Answers the user. */
export const disableUser = (id, reason) => post(userPath(id, 'disable'), { reason });
export const enableUser = (id, reason) => post(userPath(id, 'enable'), { reason });

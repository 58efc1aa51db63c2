import { reactive } from 'vue';
import * as auth from '@/api/auth.js';

// The signed-in user. The session itself lives in the HttpOnly cookie; nothing is stored here
// beyond what the server answered for /auth/me.
export const session = reactive({ user: null, checked: false });

export async function restoreSession() {
  try {
    session.user = await auth.me();
  } catch (e) {
    // Signed in, but held until the password is changed: the server tells no more than that.
    session.user = e?.code === 'password_change_required' ? { must_change_password: true } : null;
  }
  session.checked = true;
  return session.user;
}

/** The server holds this user until the password is changed (after an administrator's reset). */
export function requirePasswordChange() {
  if (session.user) session.user.must_change_password = true;
  else session.user = { must_change_password: true };
}

/** Changes the password; the session continues, now free to use. */
export async function changeOwnPassword(currentPassword, newPassword) {
  await auth.changePassword(currentPassword, newPassword);
  try {
    session.user = await auth.me();
  } catch {
    if (session.user) session.user.must_change_password = false;
  }
  return session.user;
}

export async function signIn(name, password) {
  session.user = await auth.login(name, password);
  session.checked = true;
  return session.user;
}

export async function signOut() {
  try {
    await auth.logout();
  } catch {
    /* the cookie may already be gone */
  }
  session.user = null;
}

export function clearSession() {
  session.user = null;
}

/** What a role may do in the app. The server enforces the same rules. */
export function can(action, user = session.user) {
  const role = user?.role;
  switch (action) {
    case 'desk':
      return ['desk', 'leader', 'admin', 'expert'].includes(role);
    case 'report':
      return role === 'reporter' || role === 'desk';
    case 'logPhone':
      return role === 'desk';
    case 'adjustSensitive':
      return role === 'desk';
    case 'fuse':
      // Multi-source reporting: resolve figures, merge and split events, confirm links.
      return role === 'desk';
    case 'directory':
      return ['desk', 'leader', 'admin', 'expert'].includes(role);
    case 'users':
      return role === 'admin';
    case 'timeliness':
      // Timeliness figures: the server scopes the figures to the caller's region (admin: everything).
      return ['desk', 'leader', 'admin'].includes(role);
    case 'notifications':
      // The delivery log: administrators see every row, a desk those of its region.
      return role === 'admin' || role === 'desk';
    case 'duty':
      // Duty: the roster and duty log; the desk writes its own, a leader reads.
      return role === 'desk' || role === 'leader';
    default:
      return false;
  }
}

/** Where a user starts after signing in. */
export function homeRoute(user = session.user) {
  if (user?.must_change_password) return { name: 'password' };
  return user?.role === 'reporter' ? { name: 'report' } : { name: 'desk' };
}

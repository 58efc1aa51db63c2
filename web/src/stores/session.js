import { reactive } from 'vue';
import * as auth from '@/api/auth.js';

// The signed-in user. The session itself lives in the HttpOnly cookie; nothing is stored here
// beyond what the server answered for /auth/me.
export const session = reactive({ user: null, checked: false });

export async function restoreSession() {
  try {
    session.user = await auth.me();
  } catch {
    session.user = null;
  }
  session.checked = true;
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
    default:
      return false;
  }
}

/** Where a user starts after signing in. */
export function homeRoute(user = session.user) {
  return user?.role === 'reporter' ? { name: 'report' } : { name: 'desk' };
}

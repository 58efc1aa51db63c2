import { reactive } from 'vue';
import { me } from '@/api/auth.js';
import { openStream } from '@/api/stream.js';

// One live connection per signed-in session, shared by every screen.
export const live = reactive({ state: 'idle' });

const listeners = new Set();
let close = null;
let retry = null;
let lastId = ''; // the newest change id received: a new stream resumes after it

function emit(kind, data) {
  for (const fn of listeners) fn(kind, data);
}

export function startLive() {
  if (close) return;
  close = openStream({
    state(s) {
      live.state = s;
      if (s === 'closed') {
        // The browser gave up: the server restarted, or it ended this session (logout
        // elsewhere, account disabled, password reset). Asking who we are tells which: an
        // ended session answers 401 and the app returns to the login page; else try again
        // shortly.
        close?.();
        close = null;
        clearTimeout(retry);
        me().catch(() => {});
        retry = setTimeout(startLive, 5000);
      }
    },
    report(data) {
      emit('report', data);
    },
    event(data) {
      emit('event', data);
    },
    seen(id) {
      lastId = id;
    },
    resync() {
      emit('resync', null);
    },
  }, lastId);
}

export function stopLive() {
  clearTimeout(retry);
  close?.();
  close = null;
  lastId = '';
  live.state = 'idle';
}

/**
 * Subscribes to live notices: fn('report', data), fn('event', data) and fn('resync') (reload:
 * what was missed could not be replayed). Answers unsubscribe.
 */
export function onLive(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

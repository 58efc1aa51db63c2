// Where the app may send a user after signing in: only a path of this app (an open redirect
// to another site through ?next= is refused).

/** `next` when it is a path of this origin ('/events/3'), else null. */
export function safeNext(next) {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  return next;
}

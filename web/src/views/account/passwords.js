import { PASSWORD_MIN_LENGTH } from '../../config.js';

/**
 * What is wrong with a password form before it is sent: {current?, next?, repeat?} messages
 * (empty when nothing is). `form` is {current, next, repeat}; pass `current: null` when the
 * form has no current password (an administrator setting a temporary one).
 */
export function passwordProblems(form, t) {
  const out = {};
  if (form.current !== null && !form.current) out.current = t('password.currentMissing');
  if (!form.next) out.next = t('password.newMissing');
  else if ([...form.next].length < PASSWORD_MIN_LENGTH) out.next = t('password.tooShort', { n: PASSWORD_MIN_LENGTH });
  else if (form.current && form.next === form.current) out.next = t('password.same');
  if (form.repeat !== undefined && form.next && form.repeat !== form.next) out.repeat = t('password.mismatch');
  return out;
}

/** A random temporary password of `length` characters, without look-alikes (0/O, 1/l/I). */
export function temporaryPassword(length = 16, random = (n) => crypto.getRandomValues(new Uint32Array(n))) {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  return [...random(length)].map((v) => alphabet[v % alphabet.length]).join('');
}

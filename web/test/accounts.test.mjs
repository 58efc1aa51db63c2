// Account screens' logic: what a password form says before sending, temporary passwords,
// where the app may go after signing in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passwordProblems, temporaryPassword } from '../src/views/account/passwords.js';
import { safeNext } from '../src/utils/navigation.js';
import { PASSWORD_MIN_LENGTH } from '../src/config.js';

const t = (key, p) => (p ? `${key}:${JSON.stringify(p)}` : key);

test('a password form names each problem beside its field', () => {
  assert.deepEqual(passwordProblems({ current: '', next: '', repeat: '' }, t), { current: 'password.currentMissing', next: 'password.newMissing' });
  assert.deepEqual(passwordProblems({ current: 'old-password-1', next: 'short', repeat: 'short' }, t), { next: `password.tooShort:{"n":${PASSWORD_MIN_LENGTH}}` });
  assert.deepEqual(passwordProblems({ current: 'same-password-12', next: 'same-password-12', repeat: 'same-password-12' }, t), { next: 'password.same' });
  assert.deepEqual(passwordProblems({ current: 'old-password-1', next: 'a-new-password-1', repeat: 'a-new-password-2' }, t), { repeat: 'password.mismatch' });
  assert.deepEqual(passwordProblems({ current: 'old-password-1', next: 'a-new-password-1', repeat: 'a-new-password-1' }, t), {});
});

test('length counts characters, not UTF-16 units', () => {
  const eleven = '密码密码密码密码密码😀';
  assert.equal([...eleven].length, 11);
  assert.ok(passwordProblems({ current: null, next: eleven }, t).next);
  assert.deepEqual(passwordProblems({ current: null, next: `${eleven}x` }, t), {});
});

test('an administrator\'s form has no current password to check', () => {
  assert.deepEqual(passwordProblems({ current: null, next: 'temporary-pass-1' }, t), {});
});

test('temporary passwords are long enough, from an alphabet without look-alikes', () => {
  const seen = new Set();
  for (let i = 0; i < 50; i += 1) {
    const p = temporaryPassword();
    assert.equal(p.length, 16);
    assert.ok(p.length >= PASSWORD_MIN_LENGTH);
    assert.match(p, /^[A-HJ-NP-Za-km-z2-9]+$/);
    seen.add(p);
  }
  assert.equal(seen.size, 50);
  assert.equal(temporaryPassword(4, () => [0, 1, 55, 56]), 'AB9A');
});

test('after signing in the app goes only to its own paths', () => {
  assert.equal(safeNext('/events/3'), '/events/3');
  for (const bad of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'events', null, undefined, ['/desk']]) {
    assert.equal(safeNext(bad), null, String(bad));
  }
});

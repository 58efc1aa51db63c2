// Accounts through the real server. The administrator creates a reporter (without the
// first-login change, which the reset below exercises), who signs in and works; the
// administrator resets its password: its session ends, the temporary password leads only to
// the change-password screen until a new one is chosen, and then the reporter works again.
// The administrator disables the Yinchuan desk while its duty desk is open: the desk loses its
// live stream, is sent to the login page and cannot sign in until enabled again. Every user
// reaches the account screen from the shell.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newPage } from '../lib.mjs';

const base = process.env.E2E_BASE;
const TAG = String(Date.now() % 100000);
const NAME = `xq-e2e-${TAG}`;
const FIRST = `First-Password-${TAG}`;
const CHOSEN = `Chosen-Password-${TAG}`;
const YINCHUAN = ['desk-yinchuan', 'Shaobing-DeskYinchuan-2026'];
let browser;
let close;
let admin;
let user;
let temporary;

const page = (options) => newPage(browser, options);

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  admin = await page();
  user = await page({ width: 390, height: 844, mobile: true });
});

after(async () => {
  await close?.();
});

const row = (name) => admin.locator(`[data-test="user-row"][data-user="${name}"]`);

async function pick(p, field, text) {
  await p.locator(`[data-field="${field}"] .el-select__wrapper`).click();
  await p.locator(`[data-field="${field}"] input`).fill(text);
  await p.getByRole('option', { name: text }).first().click();
}

test('the administrator lists the accounts and creates a reporter', async () => {
  await login(admin, base, ACCOUNTS.admin);
  await admin.locator('[data-test="nav-users"]').click();
  await row('xingqing').waitFor();
  assert.equal(await row('desk-yinchuan').getAttribute('data-state'), 'active');

  await admin.locator('[data-test="user-create"]').click();
  const form = admin.locator('[data-test="user-create-form"]');
  await form.locator('[data-test="user-name"]').fill(NAME);
  await form.locator('[data-test="user-password"]').fill('short');
  await admin.locator('[data-test="user-create-submit"]').click();
  assert.match(await form.locator('[data-field="unit"] .el-form-item__error').innerText(), /报送单位/);
  assert.match(await form.locator('[data-field="password"] .el-form-item__error').innerText(), /12/);
  await pick(admin, 'unit', '兴庆区委办');
  await form.locator('[data-test="user-password"]').fill(FIRST);
  await form.locator('[data-test="user-must-change"]').click();
  await admin.locator('[data-test="user-create-submit"]').click();
  await row(NAME).waitFor();
  assert.equal(await row(NAME).getAttribute('data-state'), 'active');
});

test('the new reporter signs in, works, and finds its account screen in the shell', async () => {
  await login(user, base, [NAME, FIRST]);
  assert.equal(new URL(user.url()).pathname, '/report');
  await user.locator('[data-test="user"]').click();
  await user.locator('[data-test="account"]').waitFor();
  assert.equal(await user.locator('[data-test="account-name"]').innerText(), NAME);
  assert.match(await user.locator('[data-test="account-role"]').innerText(), /信息员/);
});

test('a reset ends the session; the temporary password leads only to the change screen', async () => {
  await row(NAME).locator('[data-test="user-reset"]').click();
  const dialog = admin.locator('[data-test="user-reset-dialog"]');
  await dialog.waitFor();
  await admin.locator('[data-test="user-reset-submit"]').click();
  await dialog.locator('[data-test="user-reset-done"]').waitFor();
  temporary = (await dialog.locator('[data-test="user-reset-shown"]').innerText()).trim();
  assert.ok(temporary.length >= 12);
  await admin.locator('[data-test="user-reset-close"]').click();
  await admin.locator(`[data-test="user-row"][data-user="${NAME}"][data-state="mustChange"]`).waitFor();

  // The old session is gone: the next request sends the reporter to the login page.
  await user.goto(`${base}/events`);
  await user.waitForURL((u) => u.pathname === '/login');
  await login(user, base, [NAME, temporary]);
  assert.equal(new URL(user.url()).pathname, '/password');
  await user.locator('[data-test="password-required"]').waitFor();
  // Nothing else opens meanwhile.
  await user.goto(`${base}/events`);
  await user.waitForURL((u) => u.pathname === '/password');
  const api = await user.request.get(`${base}/api/v1/events`);
  assert.equal(api.status(), 403);
  assert.equal((await api.json()).error.code, 'password_change_required');
});

test('the reporter chooses a password (the server judges it) and works again', async () => {
  await user.locator('[data-test="password-current"]').fill('not-the-temporary-1');
  await user.locator('[data-test="password-new"]').fill(CHOSEN);
  await user.locator('[data-test="password-repeat"]').fill(CHOSEN);
  await user.locator('[data-test="password-submit"]').click();
  const wrong = user.locator('[data-field="current_password"] .el-form-item__error');
  await wrong.waitFor();
  assert.match(await wrong.innerText(), /[\u4e00-\u9fff]/);

  await user.locator('[data-test="password-current"]').fill(temporary);
  await user.locator('[data-test="password-submit"]').click();
  await user.waitForURL((u) => u.pathname === '/report');
  await user.goto(`${base}/events`);
  await user.locator('main').waitFor();
  assert.equal(new URL(user.url()).pathname, '/events');
  await admin.reload();
  assert.equal(await row(NAME).getAttribute('data-state'), 'active');
});

test('signing out ends the session on the server (a JSON write, as the CSRF check requires)', async () => {
  const answer = user.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
  await user.locator('.bar .logout').click();
  assert.equal((await answer).status(), 200);
  await user.waitForURL((u) => u.pathname === '/login');
  assert.equal((await user.request.get(`${base}/api/v1/auth/me`)).status(), 401);
});

let yinchuan;

test('the administrator disables the Yinchuan desk while its duty desk is open', async () => {
  yinchuan = await page();
  await login(yinchuan, base, YINCHUAN);
  assert.equal(new URL(yinchuan.url()).pathname, '/desk');
  await yinchuan.locator('[data-test="live"][data-state="open"]').waitFor();

  await row('desk-yinchuan').locator('[data-test="user-toggle"]').click();
  await admin.locator('[data-test="user-toggle-dialog"] [data-test="action-reason"]').fill('人员调离，停用账号');
  await admin.locator('[data-test="action-submit"]').click();
  await admin.locator('[data-test="user-row"][data-user="desk-yinchuan"][data-state="disabled"]').waitFor();
});

// The server ends the account's live streams with its sessions; the app then asks who it is
// and goes to the login page by itself, without a click.
test('its live stream ends at once and the desk is sent to the login page', async () => {
  await yinchuan.waitForURL((u) => u.pathname === '/login', { timeout: 20000 });
});

test('it cannot sign in until enabled again', async () => {
  await yinchuan.fill('#login-name', YINCHUAN[0]);
  await yinchuan.fill('#login-password', YINCHUAN[1]);
  await yinchuan.click('[data-test="login-submit"]');
  await yinchuan.locator('[data-test="login-error"]').waitFor();
  assert.equal(new URL(yinchuan.url()).pathname, '/login');

  await row('desk-yinchuan').locator('[data-test="user-toggle"]').click();
  await admin.locator('[data-test="user-toggle-dialog"] [data-test="action-reason"]').fill('人员返岗，恢复账号');
  await admin.locator('[data-test="action-submit"]').click();
  await admin.locator('[data-test="user-row"][data-user="desk-yinchuan"][data-state="active"]').waitFor();
  await login(yinchuan, base, YINCHUAN);
  assert.equal(new URL(yinchuan.url()).pathname, '/desk');
  await yinchuan.context().close();
});

// The delivery log through the real server (`serve --demo`, no notification targets
// configured): the desk reaches it from the navigation and sees the empty log in Chinese; a
// leader has no link to it and is sent home when typing its address.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newPage } from '../lib.mjs';

const base = process.env.E2E_BASE;
let browser;
let close;

const page = () => newPage(browser);

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
});

after(async () => {
  await close?.();
});

test('the desk opens the delivery log from the navigation', async () => {
  const desk = await page();
  await login(desk, base, ACCOUNTS.desk);
  await desk.locator('[data-test="nav-notifications"]').click();
  await desk.waitForURL(/\/notifications$/);
  await desk.locator('[data-test="notifications-empty"]').waitFor();
  assert.match(await desk.locator('h1').first().innerText(), /送达记录/);
});

test('a leader has no link to the log and cannot open it', async () => {
  const leader = await page();
  await login(leader, base, ACCOUNTS.leader);
  assert.equal(await leader.locator('[data-test="nav-notifications"]').count(), 0);
  await leader.goto(`${base}/notifications`);
  await leader.waitForURL((url) => !url.pathname.startsWith('/notifications'));
});

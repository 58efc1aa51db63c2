// Login throttling as the login screen shows it. The server throttles per account and per
// client address, and every browser of the suite comes from 127.0.0.1: so this test runs its
// own demo server, whose throttle state no other test shares. Wrong passwords are tried
// through the login form until the server answers 429; the screen then shows the server's
// own message and keeps the button disabled, counting down from Retry-After. How many
// attempts it takes is the server's business: the test reads the 429, it does not count.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newContext, startServer } from '../lib.mjs';

const MAX_ATTEMPTS = 50;
let server;
let browser;
let close;
let page;

before(async () => {
  server = await startServer();
  ({ browser, close } = await launchBrowser());
  page = await (await newContext(browser)).newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
});

after(async () => {
  await close?.();
  await server?.stop();
});

test('repeated wrong passwords: the server\'s throttling message and a countdown on the button', async () => {
  await page.goto(`${server.base}/login`);
  await page.fill('#login-name', 'desk');
  let throttled = null;
  for (let i = 0; i < MAX_ATTEMPTS && !throttled; i += 1) {
    await page.fill('#login-password', `wrong-password-${i}`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.click('[data-test="login-submit"]');
    const r = await answer;
    if (r.status() === 429) throttled = r;
    else assert.equal(r.status(), 401, `attempt ${i + 1}`);
    await page.locator('[data-test="login-submit"]:not(.is-loading)').waitFor();
  }
  assert.ok(throttled, `no 429 after ${MAX_ATTEMPTS} wrong passwords`);
  const body = await throttled.json();
  assert.equal(body.error.code, 'too_many_attempts');
  const retryAfter = Number(throttled.headers()['retry-after']);
  assert.ok(retryAfter > 0, `Retry-After: ${throttled.headers()['retry-after']}`);

  assert.equal((await page.locator('[data-test="login-error"]').innerText()).trim(), body.error.message);
  const button = page.locator('[data-test="login-submit"]');
  assert.equal(await button.isDisabled(), true);
  const wait = Number(await button.getAttribute('data-wait'));
  assert.ok(wait > 0 && wait <= retryAfter, `countdown ${wait} s of ${retryAfter} s`);
  assert.match(await button.innerText(), /\d+\s*秒后/);
  // The countdown moves.
  await page.waitForFunction((w) => Number(document.querySelector('[data-test="login-submit"]').dataset.wait) < w, wait);
});

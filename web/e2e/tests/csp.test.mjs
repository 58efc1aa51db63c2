// The built app runs under the server's Content-Security-Policy (script only from the origin,
// no inline script, no eval, no framing). Every document load registers a
// securitypolicyviolation listener before the app's own code (addInitScript) and the console
// is watched for CSP errors; the desk and a reporter then walk through every screen, opening
// the parts that build DOM at run time (select menus, dialogs, map tooltips, the dry run).
// Not one violation is allowed. The administrator's walk includes account management.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNTS, WEB, launchBrowser, login, newContext } from '../lib.mjs';
import { walkAccount } from '../walk.mjs';

const base = process.env.E2E_BASE;
let browser;
let close;

// E2E_STYLE_SRC replaces the policy's style-src on every document, to try a policy before
// the server sends it: E2E_STYLE_SRC="style-src 'self'" npm run test:e2e -- csp
const STYLE_SRC = process.env.E2E_STYLE_SRC;

/** A page that records CSP violations (window.__cspViolations) and CSP console errors. */
async function watchedPage(options) {
  const context = await newContext(browser, options);
  if (STYLE_SRC) {
    await context.route('**/*', async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const r = await route.fetch();
      const headers = { ...r.headers() };
      headers['content-security-policy'] = headers['content-security-policy'].replace(/style-src [^;]*/, STYLE_SRC);
      return route.fulfill({ response: r, headers });
    });
  }
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const found = [];
  page.on('console', (m) => {
    if (/content.security.policy/i.test(m.text())) found.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => found.push(`page error: ${e.message}`));
  // Violations of the document about to be left (a full load starts a new window).
  const collect = async (where) => {
    const v = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
    for (const x of v) found.push(`${where}: ${JSON.stringify(x)}`);
  };
  return { page, found, collect };
}

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
});

after(async () => {
  await close?.();
});

test('the built index.html has no inline script and the server sends the policy', async () => {
  const html = readFileSync(join(WEB, 'dist', 'index.html'), 'utf8');
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    assert.match(attrs, /\bsrc=/);
    assert.equal(body.trim(), '');
  }
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
  const r = await fetch(`${base}/login`);
  const csp = r.headers.get('content-security-policy') || '';
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
});

for (const [who, account, size] of [
  ['the desk', ACCOUNTS.desk, { width: 1920, height: 1080 }],
  ['a reporter', ACCOUNTS.reporter, { width: 390, height: 844, mobile: true }],
  ['the administrator', ACCOUNTS.admin, { width: 1440, height: 900 }],
]) {
  test(`${who} walks through every screen without a CSP violation`, async () => {
    const { page, found, collect } = await watchedPage(size);
    await page.goto(`${base}/login`);
    await collect('login page');
    await login(page, base, account);
    const screens = await walkAccount(page, base, collect);
    await collect('last screen');
    assert.ok(screens.length >= 5, `screens walked: ${screens.join(', ')}`);
    assert.deepEqual(found, [], `violations on ${screens.join(', ')}`);
    await page.context().close();
  });
}

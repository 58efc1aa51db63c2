// Shared by the end-to-end tests and the screenshot command: start a demo server on a free
// loopback port with a fresh data directory, and drive Debian's Chromium with playwright-core.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const BROWSER_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--lang=zh-CN',
];

export const ACCOUNTS = {
  desk: ['desk', 'Shaobing-Desk-2026'],
  reporter: ['xingqing', 'Shaobing-Xingqing-2026'],
  leader: ['leader', 'Shaobing-Leader-2026'],
  admin: ['admin', 'Shaobing-Admin-2026'],
  // Reporters of units of other kinds (data/demo/accounts.yaml), for multi-source reporting.
  lingwu: ['lingwu', 'Shaobing-Lingwu-2026'],
  yjt: ['yjt', 'Shaobing-Yjt-2026'],
  sthjt: ['sthjt', 'Shaobing-Sthjt-2026'],
  wsjkw: ['wsjkw', 'Shaobing-Wsjkw-2026'],
  // The 银川 city desk, for the desks' reports upward.
  cityDesk: ['desk-yinchuan', 'Shaobing-DeskYinchuan-2026'],
  // The demo's expert (region 640000), for consultations.
  expert: ['expert', 'Shaobing-Expert-2026'],
  // A second officer of the region desk (640000), for the handover between shifts.
  deskB: ['desk-b', 'Shaobing-DeskB-2026'],
};

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitHealthy(base, child, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server not healthy at ${base} after ${timeoutMs} ms`);
}

/** Starts `shaobing serve --demo` with the built app; answers {base, stop()}. */
export async function startServer({ bin = process.env.SHAOBING_BIN || join(WEB, '..', 'build', 'shaobing'), log = false } = {}) {
  const binary = resolve(WEB, bin);
  if (!existsSync(binary)) throw new Error(`server binary not found: ${binary} (set SHAOBING_BIN)`);
  const dist = join(WEB, 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  const data = mkdtempSync(join(tmpdir(), 'shaobing-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['serve', '--listen', `127.0.0.1:${port}`, '--data', data, '--demo', '--web', dist], {
    stdio: ['ignore', log ? 'inherit' : 'pipe', log ? 'inherit' : 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => { output += d; });
  child.stderr?.on('data', (d) => { output += d; });
  try {
    await waitHealthy(base, child);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${output}`);
  }
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(data, { recursive: true, force: true });
  };
  return { base, stop, output: () => output };
}

/**
 * Launches Chromium. Playwright gives every launch a fresh temporary profile (user-data-dir)
 * and removes it on close; it refuses a --user-data-dir argument of our own.
 */
export async function launchBrowser() {
  // LANGUAGE picks Chromium's own locale on Linux (native date and time inputs); it takes
  // effect where the chromium-l10n package is installed.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: BROWSER_ARGS,
    headless: true,
    env: { ...process.env, LANGUAGE: 'zh_CN' },
  });
  return { browser, close: () => browser.close() };
}

/** A fresh context (its own cookies) sized like a screen; zh-CN unless told. */
export function newContext(browser, { width = 1920, height = 1080, locale = 'zh-CN', mobile = false } = {}) {
  return browser.newContext({
    viewport: { width, height },
    locale,
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    isMobile: mobile,
    hasTouch: mobile,
  });
}

/** A page in a fresh context, 15 s timeouts, page errors printed. */
export async function newPage(browser, options) {
  const p = await (await newContext(browser, options)).newPage();
  p.setDefaultTimeout(15000);
  p.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  return p;
}

/**
 * The region desk (a 1920×1080 screen) and the 银川 city desk (1440×900), each signed in in its
 * own browser context, with `timeout` ms timeouts.
 */
export async function twoDesks(browser, base, timeout = 15000) {
  const region = await newPage(browser, { width: 1920, height: 1080 });
  const city = await newPage(browser, { width: 1440, height: 900 });
  for (const p of [region, city]) p.setDefaultTimeout(timeout);
  await login(region, base, ACCOUNTS.desk);
  await login(city, base, ACCOUNTS.cityDesk);
  return { region, city };
}

/** Signs in through the login page and waits for the first screen. */
export async function login(page, base, [name, password]) {
  await page.goto(`${base}/login`);
  await page.fill('#login-name', name);
  await page.fill('#login-password', password);
  await page.click('[data-test="login-submit"]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** ISO 8601 in Beijing time, `minutesAgo` minutes before now. */
export function beijing(minutesAgo) {
  const d = new Date(Date.now() - minutesAgo * 60000 + 8 * 3600000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

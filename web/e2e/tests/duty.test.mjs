// 值班 through the real server and browser: the region desk sees who is on duty (the demo's
// roster), imports a roster CSV from the page — a refused one names its line and column in
// Chinese — and sees the new officer and leader on duty; it logs a call, which the leader on
// duty reads on the same page in another browser.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newPage } from '../lib.mjs';

const base = process.env.E2E_BASE;
let browser;
let close;
let desk;

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  desk = await newPage(browser);
  await login(desk, base, ACCOUNTS.desk);
});

after(async () => {
  await close?.();
});

// "YYYY-MM-DD" of today in Beijing, `days` days on.
function beijingDay(days = 0) {
  return new Date(Date.now() + 8 * 3600000 + days * 86400000).toISOString().slice(0, 10);
}

const header = 'starts_at,ends_at,officer,officer_phone,leader,leader_phone\n';

test('the desk sees the demo roster, imports its own from the page and sees who is on duty', async () => {
  await desk.click('[data-test="nav-duty"]');
  await desk.waitForURL((u) => u.pathname === '/duty');
  await desk.locator('[data-test="on-duty-officer"]').waitFor();
  assert.ok((await desk.locator('[data-test="shift"]').count()) >= 1);

  // A bad roster: the error names the line and the column, and nothing changes.
  await desk.setInputFiles('[data-test="roster-file"]', {
    name: 'bad.csv', mimeType: 'text/csv',
    buffer: Buffer.from(`${header}${beijingDay()} 25:00,${beijingDay(1)} 00:00,张三,,李四,\n`),
  });
  const error = desk.locator('[data-test="roster-error"]');
  await error.waitFor();
  assert.match(await error.innerText(), /第 2 行第 1 列/);

  const officer = `测试值班员${Date.now() % 100000}`;
  const csv = `${header}${beijingDay()} 00:00,${beijingDay(1)} 00:00,${officer},13800000001,"周八, 副秘书长",13800000002\n`;
  await desk.setInputFiles('[data-test="roster-file"]', { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await desk.locator('[data-test="roster-imported"]').waitFor();
  await desk.locator('[data-test="on-duty-officer"]', { hasText: officer }).waitFor();
  assert.match(await desk.locator('[data-test="on-duty-leader"]').innerText(), /周八, 副秘书长/);
  assert.equal(await desk.locator('[data-test="shift"]').count(), 1);
});

test('the desk logs a call and the leader on duty reads it', async () => {
  const text = `银川市应急局来电询问火情 ${Date.now() % 100000}`;
  await desk.fill('[data-test="log-text"]', text);
  await desk.click('[data-test="log-add"]');
  await desk.locator('[data-test="log-entry"]', { hasText: text }).waitFor();
  assert.equal(await desk.locator('[data-test="log-entry"]', { hasText: text }).getAttribute('data-kind'), 'call');

  const leader = await newPage(browser, { width: 1440, height: 900 });
  await login(leader, base, ACCOUNTS.leader);
  await leader.goto(`${base}/duty`);
  await leader.locator('[data-test="log-entry"]', { hasText: text }).waitFor();
  assert.equal(await leader.locator('[data-test="log-form"]').count(), 0);  // a leader reads
  assert.equal(await leader.locator('[data-test="roster-file"]').count(), 0);
});

// The reporting flow across two browsers: a reporter on a phone submits a first report with a
// missing field (the server's Chinese error shows beside the field), loses the network (the
// draft survives a reload), completes it; the duty desk on a big screen sees it arrive live
// without reloading; a follow-up raises the deaths from 1 to 3 and the event view shows the
// series, the change and the escalation it causes (grade IV to III under the default
// standard), live.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newContext } from '../lib.mjs';

const base = process.env.E2E_BASE;
const TITLE = `兴庆区测试路一商铺发生火灾 ${Date.now() % 100000}`;
let browser;
let close;
let desk;
let reporter;
let eventId;

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  const deskContext = await newContext(browser, { width: 1920, height: 1080 });
  const phoneContext = await newContext(browser, { width: 390, height: 844, mobile: true });
  desk = await deskContext.newPage();
  reporter = await phoneContext.newPage();
  for (const p of [desk, reporter]) {
    p.setDefaultTimeout(15000);
    p.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  }
});

after(async () => {
  await close?.();
});

const field = (page, name) => page.locator(`[data-field="${name}"]`);
const fieldError = (page, name) => page.locator(`[data-field="${name}"] .el-form-item__error`);

async function pickOption(page, fieldName, text) {
  await field(page, fieldName).locator('.el-select__wrapper').click();
  await page.getByRole('option', { name: text, exact: true }).click();
}

test('the duty desk opens with the live stream connected', async () => {
  await login(desk, base, ACCOUNTS.desk);
  assert.equal(new URL(desk.url()).pathname, '/desk');
  await desk.locator('[data-test="event-row"]').first().waitFor();
  await desk.locator('[data-test="live"][data-state="open"]').waitFor();
  // Marks this page: a reload would lose the marker.
  await desk.evaluate(() => { window.__noReload = 'still here'; });
});

test('a first report without WHO is refused, with the reason in Chinese beside the field', async () => {
  await login(reporter, base, ACCOUNTS.reporter);
  assert.equal(new URL(reporter.url()).pathname, '/report');
  await pickOption(reporter, 'category', '火灾');
  await field(reporter, 'title').locator('input').fill(TITLE);
  await reporter.getByRole('button', { name: '现在', exact: true }).click();
  assert.match(await field(reporter, 'location.region').innerText(), /兴庆区/);
  await field(reporter, 'description').locator('textarea').fill('14时许，测试路一商铺起火，1人死亡，消防救援力量已到场处置。');
  await field(reporter, 'figures.deaths').locator('input').fill('1');
  await reporter.locator('[data-test="submit"]').click();

  const error = fieldError(reporter, 'parties');
  await error.waitFor();
  const message = await error.innerText();
  assert.match(message, /[\u4e00-\u9fff]/, `not Chinese: ${message}`);
  assert.match(message, /缺少必填字段/);
  assert.match(message, /何人/);
  assert.equal(await fieldError(reporter, 'description').count(), 0, 'description was given');
  await reporter.locator('[data-test="form-problem"]').waitFor();
  assert.equal(await reporter.locator('[data-test="report-done"]').count(), 0);
});

test('when the network drops the report is kept as a draft, and restored after a reload', async () => {
  await field(reporter, 'parties').locator('textarea').fill('商铺经营者；周边居民');
  await reporter.context().setOffline(true);
  await reporter.locator('[data-test="submit"]').click();
  await reporter.locator('[data-test="unsent"]').waitFor();
  await reporter.context().setOffline(false);
  await reporter.reload();
  await reporter.locator('[data-test="draft-restored"]').waitFor();
  assert.equal(await field(reporter, 'parties').locator('textarea').inputValue(), '商铺经营者；周边居民');
  assert.equal(await field(reporter, 'title').locator('input').inputValue(), TITLE);
  assert.equal(await field(reporter, 'figures.deaths').locator('input').inputValue(), '1');
});

test('the completed first report is accepted', async () => {
  await reporter.locator('[data-test="submit"]').click();
  const done = reporter.locator('[data-test="report-done"]');
  await done.waitFor();
  eventId = await done.getAttribute('data-event-id');
  assert.match(eventId, /^\d+$/);
  assert.match(await done.innerText(), /首报/);
});

test('the duty desk shows the new event and report live, without reloading', async () => {
  const row = desk.locator(`[data-test="event-row"][data-event-id="${eventId}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(TITLE));
  assert.match(await row.innerText(), /死亡\s*1人/);
  const feed = desk.locator('[data-test="feed-item"]').first();
  await desk.waitForFunction((t) => document.querySelector('[data-test="feed-item"]')?.innerText.includes(t), TITLE);
  assert.match(await feed.innerText(), /首报/);
  assert.equal(await desk.evaluate(() => window.__noReload), 'still here', 'the desk page was reloaded');
});

test('a follow-up continues the series; the event view shows deaths 1 → 3 and the escalation, live', async () => {
  // The desk opens the event first and watches it.
  await desk.locator(`[data-test="event-row"][data-event-id="${eventId}"]`).click();
  await desk.waitForURL(`**/events/${eventId}`);
  await desk.locator('[data-test="timeline-item"]').first().waitFor();
  assert.equal(await desk.locator('[data-test="timeline-item"]').count(), 1);
  await desk.evaluate(() => { window.__noReload = 'event view'; });

  await reporter.locator('[data-test="done-followup"]').click();
  await reporter.locator('[data-test="followup-event"]').waitFor();
  const deaths = field(reporter, 'figures.deaths').locator('input');
  await reporter.waitForFunction(() => document.querySelector('[data-field="figures.deaths"] input')?.value === '1');
  assert.match(await reporter.locator('[data-test="followup-event"]').innerText(), /续报1/);
  await deaths.fill('3');
  await field(reporter, 'description').locator('textarea').fill('续报：现场搜救中又发现2名遇难者，共造成3人死亡。');
  await reporter.locator('[data-test="submit"]').click();
  await reporter.locator('[data-test="report-done"]').waitFor();
  assert.match(await reporter.locator('[data-test="report-done"]').innerText(), /续报1/);

  // Live on the desk's event view: the second report, its label, and the change it brought.
  await desk.waitForFunction(() => document.querySelectorAll('[data-test="timeline-item"]').length === 2);
  const items = desk.locator('[data-test="timeline-item"]');
  assert.match(await items.nth(0).locator('[data-test="report-kind"]').innerText(), /首报/);
  assert.match(await items.nth(1).locator('[data-test="report-kind"]').innerText(), /续报1/);
  const change = items.nth(1).locator('[data-test="figure-change"][data-figure="deaths"]');
  const text = (await change.innerText()).replace(/\s+/g, '');
  assert.match(text, /死亡1人↑3人/, text);
  assert.match(await desk.locator('[data-test="unit-series"]').innerText(), /首报[\s\S]*续报1/);
  assert.match(await desk.locator('[data-test="event-header"]').innerText(), /死亡\s*3人/);

  // The escalation: 3 deaths in a fire make it a grade III event owed to the region.
  await desk.locator('[data-test="event-header"] [data-test="grade"][data-grade="III"]').waitFor();
  const escalation = desk.locator('[data-test="escalation"]').last();
  await escalation.waitFor();
  assert.match(await escalation.innerText(), /升级/);
  assert.match(await escalation.innerText(), /Ⅲ级/);
  assert.match(await desk.locator('[data-test="identity-tags"]').innerText(), /死亡 3 人/);
  assert.equal(await desk.evaluate(() => window.__noReload), 'event view', 'the event view was reloaded');
});

// A reporter's view of an event (the regional emergency management department, yjt). An event
// its unit has no part in answers 404, shown as one "does not exist or may not be seen" state,
// the same as an id that does not exist. Once the department's own report on the same
// accident is linked to the event, it sees the restricted view: title, grade, status, what is
// asked of it, its own series and a follow-up button — and not the county's report. The desk
// asks the environment department to report on the event; that department then sees the
// event restricted, with the request, and a button to report for its unit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newContext, beijing } from '../lib.mjs';

const base = process.env.E2E_BASE;
const TAG = String(Date.now() % 100000);
const COMPANY = '宁夏恒泰化工仓储有限公司';
const COUNTY_WORDS = `兴庆区委办现场核实${TAG}`;
let browser;
let close;
let county;
let yjt;
let eventId;

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  county = await (await newContext(browser, { width: 390, height: 844, mobile: true })).newPage();
  yjt = await (await newContext(browser, { width: 1440, height: 900 })).newPage();
  for (const p of [county, yjt]) {
    p.setDefaultTimeout(15000);
    p.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  }
});

after(async () => {
  await close?.();
});

async function submit(page, report) {
  const r = await page.request.post(`${base}/api/v1/reports`, { data: report, headers: { 'Accept-Language': 'zh-CN' } });
  const body = await r.json();
  assert.equal(r.status(), 201, JSON.stringify(body));
  return body;
}

const OCCURRED = beijing(40);
const first = (unit, extra) => ({
  kind: 'first',
  unit,
  channel: 'written',
  category: 'hazardous_chemicals',
  occurred_at: OCCURRED,
  location: { region: '640104', address: `兴庆区掌政镇${COMPANY}` },
  ...extra,
});

test('an event of another unit, and one that does not exist, show the same not-found state', async () => {
  await login(county, base, ACCOUNTS.reporter);
  const a = await submit(county, first('640104-dw', {
    title: `${COMPANY}硫酸储罐泄漏 ${TAG}`,
    parties: `${COMPANY}作业人员`,
    description: `今日，兴庆区掌政镇${COMPANY}硫酸储罐发生泄漏，已造成2人灼伤送医，周边约200名群众已疏散。${COUNTY_WORDS}。`,
    figures: { injuries: 2, evacuated: 200 },
  }));
  eventId = String(a.event_id);

  await login(yjt, base, ACCOUNTS.yjt);
  for (const id of [eventId, '987654321']) {
    await yjt.goto(`${base}/events/${id}`);
    const state = yjt.locator('[data-test="event-not-found"]');
    await state.waitFor();
    assert.match(await state.innerText(), /事件不存在或无权查看/);
    assert.equal(await yjt.locator('[data-test="event-header"]').count(), 0);
  }
});

test('once its own report is linked, the department sees the restricted event', async () => {
  const b = await submit(yjt, first('640000-yjt', {
    title: `${COMPANY}硫酸储罐泄漏事故初步情况`,
    parties: `${COMPANY}；兴庆区应急管理局`,
    description: `据初步了解，兴庆区掌政镇${COMPANY}硫酸储罐发生泄漏，已造成2人灼伤送医。初步判断为储罐出料阀门破裂，自治区应急管理厅危险化学品专家组已赶赴现场。`,
    cause: '初步判断为储罐出料阀门破裂，具体原因待调查。',
    figures: { injuries: 2 },
  }));
  assert.equal(String(b.event_id), eventId, `the linker's decision: ${JSON.stringify(b)}`);

  await yjt.goto(`${base}/events/${eventId}`);
  const view = yjt.locator('[data-test="event-restricted"]');
  await view.waitFor();
  assert.match(await yjt.locator('[data-test="event-header"] h1').innerText(), new RegExp(COMPANY));
  await yjt.locator('[data-test="asks"]').waitFor();
  await yjt.locator('[data-test="action-followup"]').waitFor();

  // Its own series only: the county's words are nowhere on the page.
  const items = yjt.locator('[data-test="timeline-item"]');
  assert.ok((await items.count()) >= 1);
  assert.match(await yjt.locator('[data-test="timeline"]').innerText(), /储罐出料阀门破裂/);
  assert.doesNotMatch(await yjt.locator('main').innerText(), new RegExp(COUNTY_WORDS));
  assert.deepEqual(await yjt.locator('[data-test="unit-series"] li').evaluateAll((ls) => ls.map((l) => l.dataset.unit)), ['640000-yjt']);
  // No panels for what it is not sent.
  for (const part of ['event-summary', 'sources-panel', 'figure-table', 'copied', 'region-map']) {
    assert.equal(await yjt.locator(`[data-test="${part}"]`).count(), 0, part);
  }
});

test('the desk asks the environment department to report; the department sees the request', async () => {
  const desk = await (await newContext(browser, { width: 1920, height: 1080 })).newPage();
  desk.setDefaultTimeout(15000);
  await login(desk, base, ACCOUNTS.desk);
  await desk.goto(`${base}/events/${eventId}`);
  await desk.locator('[data-test="request-start"]').click();
  const form = desk.locator('[data-test="request-form"]');
  await form.waitFor();
  await desk.locator('[data-test="request-submit"]').click();
  await form.locator('[data-field="unit"] .el-form-item__error').waitFor();
  await form.locator('[data-field="unit"] .el-select__wrapper').click();
  await form.locator('[data-field="unit"] input').fill('生态环境厅');
  await desk.getByRole('option', { name: /生态环境厅/ }).first().click();
  await desk.locator('[data-test="request-message"]').fill(`请报送硫酸泄漏周边水体和土壤监测情况 ${TAG}`);
  await desk.locator('[data-test="request-submit"]').click();
  await desk.locator('[data-test="request-done"]').waitFor();
  await desk.locator('[data-test="request"][data-unit="640000-sthjt"]').waitFor();
  await desk.context().close();

  const sthjt = await (await newContext(browser, { width: 390, height: 844, mobile: true })).newPage();
  sthjt.setDefaultTimeout(15000);
  await login(sthjt, base, ACCOUNTS.sthjt);
  await sthjt.goto(`${base}/events/${eventId}`);
  await sthjt.locator('[data-test="event-restricted"]').waitFor();
  const ask = sthjt.locator('[data-test="ask"][data-kind="request"]');
  await ask.waitFor();
  assert.match(await ask.innerText(), new RegExp(`水体和土壤监测情况 ${TAG}`));
  await sthjt.locator('[data-test="own-none"]').waitFor();
  assert.match(await sthjt.locator('[data-test="action-followup"]').innerText(), /本单位报送/);
  assert.doesNotMatch(await sthjt.locator('main').innerText(), new RegExp(COUNTY_WORDS));
  await sthjt.context().close();
});

test('the county Party office still sees every unit on the event', async () => {
  await county.goto(`${base}/events/${eventId}`);
  await county.locator('[data-test="event-header"]').waitFor();
  assert.equal(await county.locator('[data-test="event-restricted"]').count(), 0);
  await county.locator('[data-test="unit-series"] li[data-unit="640000-yjt"]').waitFor();
});

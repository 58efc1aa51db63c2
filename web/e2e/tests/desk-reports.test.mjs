// The desks' reports upward through the real server and two browsers. 兴庆区委办 files a fire
// with 3 deaths five hours after it happened: the region desk sees the county's report to the
// city late by 4 hours. On a demo event whose city desk never reported to the region (its
// clocks overdue), the 银川 city desk records its written report from the generated draft; the
// region desk, watching the same event in another browser, sees the red clear without
// reloading, and the report listed on the event.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newContext, beijing, twoDesks } from '../lib.mjs';

const base = process.env.E2E_BASE;
let browser;
let close;
let region;
let city;

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  ({ region, city } = await twoDesks(browser, base));
});

after(async () => {
  await close?.();
});

const obligation = (page, from, to, channel) =>
  page.locator(`[data-test="obligation"][data-from="${from}"][data-to="${to}"][data-channel="${channel}"]`);

test('a first report filed five hours after the fire shows the county late by four hours', async () => {
  const reporter = await (await newContext(browser, { width: 390, height: 844, mobile: true })).newPage();
  await login(reporter, base, ACCOUNTS.reporter);
  const r = await reporter.request.post(`${base}/api/v1/reports`, {
    data: {
      kind: 'first', unit: '640104-dw', channel: 'written', category: 'fire',
      title: `兴庆区一商铺发生火灾 ${Date.now() % 100000}`, occurred_at: beijing(300),
      location: { region: '640104', address: '解放西街某商铺' }, parties: '商铺经营者', description: '一商铺起火，3人死亡。',
      figures: { deaths: 3 },
    },
  });
  assert.equal(r.status(), 201, await r.text());
  const { event_id: id } = await r.json();
  await region.goto(`${base}/events/${id}`);
  const county = obligation(region, '640104', 'city', 'written');
  await county.waitFor();
  assert.equal(await county.getAttribute('data-status'), 'late');
  assert.match(await county.locator('[data-test="late-by"]').innerText(), /迟 4 小时/);
  // The city desk heard only now: its clock is running, not red.
  assert.equal(await obligation(region, '640100', 'region', 'phone').getAttribute('data-status'), 'open');
});

test('the city desk records its written report upward and the red clears in the region desk\'s browser', async () => {
  // A demo event whose city desk still owes the region its written report, overdue.
  const list = await (await city.request.get(`${base}/api/v1/events?limit=100`)).json();
  let id = null;
  for (const e of list.events) {
    const view = await (await city.request.get(`${base}/api/v1/events/${e.id}`)).json();
    if ((view.obligations || []).some((o) => o.from.region === '640100' && o.to.level === 'region' && o.channel === 'written' && o.status === 'overdue')) {
      id = e.id;
      break;
    }
  }
  assert.ok(id, 'the demo has an event whose city desk has not reported to the region');
  await region.goto(`${base}/events/${id}`);
  const row = obligation(region, '640100', 'region', 'written');
  await row.waitFor();
  assert.equal(await row.getAttribute('data-status'), 'overdue');

  await city.goto(`${base}/events/${id}`);
  await city.click('[data-test="desk-report-start"]');
  await city.locator('[data-test="desk-report-to"] [data-level="region"]').click();
  await city.locator('[data-test="desk-report-channel"] [data-channel="written"]').click();
  await city.click('[data-test="desk-report-draft"]');
  const text = city.locator('[data-test="desk-report-text"]');
  await city.waitForFunction(() => document.querySelector('[data-test="desk-report-text"]')?.value.startsWith('关于'));
  assert.match(await text.inputValue(), /银川市党委值班台/);
  await text.fill(`${await text.inputValue()}\n（已电话核实）`);
  await city.click('[data-test="desk-report-submit"]');
  await city.locator('[data-test="desk-report-done"]').waitFor();

  // The region desk's browser follows the live push: no reload.
  await region.waitForFunction(
    () => document.querySelector('[data-test="obligation"][data-from="640100"][data-to="region"][data-channel="written"]')?.dataset.status === 'late',
  );
  assert.equal(await obligation(region, '640100', 'region', 'phone').getAttribute('data-status'), 'late');
  const item = region.locator('[data-test="desk-report"][data-to="region"][data-channel="written"]');
  await item.waitFor();
  assert.match(await item.innerText(), /已电话核实/);
});

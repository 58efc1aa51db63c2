// Stored XSS from a reporter to the desk. The 兴庆区 reporter sends a first report whose title
// is an <img onerror> and whose parties and description carry a <script> and an <svg onload>.
// The duty desk opens its screens with that text on them — the region map with the event's
// marker hovered until its tooltip shows, the report feed, the event list and the event view
// — and so does the reporter: nothing runs (window.__xss stays undefined), no such element
// is ever made (none in the DOM, no request for the image), and the title shows as text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newContext, beijing } from '../lib.mjs';
import { hoverMarker } from '../map.mjs';

const base = process.env.E2E_BASE;
const TITLE = '<img src=x onerror="window.__xss=1">';
const PARTIES = '<script>window.__xss=2</script>电梯乘客';
const DESCRIPTION = '<svg onload=window.__xss=3>10时许，测试大厦一部电梯轿厢坠落，2人受伤，已送医救治。';
let browser;
let close;
let desk;
let reporter;
let eventId;
const imageRequests = [];

function watch(page) {
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  // An <img src=x> made from the title would ask the server for /x at once, CSP or not.
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/x') imageRequests.push(r.url());
  });
}

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  desk = await (await newContext(browser)).newPage();
  reporter = await (await newContext(browser, { width: 390, height: 844, mobile: true })).newPage();
  watch(desk);
  watch(reporter);
});

after(async () => {
  await close?.();
});

/** Nothing ran and nothing was made from the report's text on this page. */
async function assertInert(page, where) {
  const state = await page.evaluate(() => ({
    xss: window.__xss,
    img: document.querySelectorAll('img[src="x"], img[onerror]').length,
    svg: document.querySelectorAll('svg[onload]').length,
    script: [...document.scripts].filter((s) => s.textContent.includes('__xss')).length,
  }));
  assert.deepEqual(state, { xss: undefined, img: 0, svg: 0, script: 0 }, where);
  assert.deepEqual(imageRequests, [], `${where}: the image of the title was requested`);
}

test('the reporter submits a first report whose text is markup', async () => {
  await login(reporter, base, ACCOUNTS.reporter);
  const r = await reporter.request.post(`${base}/api/v1/reports`, {
    data: {
      kind: 'first',
      unit: '640104-dw',
      channel: 'written',
      category: 'special_equipment',
      title: TITLE,
      occurred_at: beijing(20),
      location: { region: '640104', address: '<b>测试大厦</b>', lat: 38.4733, lon: 106.2869 },
      parties: PARTIES,
      description: DESCRIPTION,
      figures: { injuries: 2 },
    },
    headers: { 'Accept-Language': 'zh-CN' },
  });
  const body = await r.json();
  assert.equal(r.status(), 201, JSON.stringify(body));
  eventId = String(body.event_id);
});

test('the desk hovers the event on the region map: the tooltip shows the title as text', async () => {
  await login(desk, base, ACCOUNTS.desk);
  await desk.locator('[data-test="event-row"]').first().waitFor();
  const tooltip = await hoverMarker(desk, TITLE);
  assert.equal(await tooltip.evaluate((el) => el.querySelectorAll('img, svg, script').length), 0);
  assert.match(await tooltip.innerText(), /<img src=x onerror="window\.__xss=1">/);
  await assertInert(desk, 'desk map');
});

test('the report feed and the event board show it as text', async () => {
  const item = desk.locator('[data-test="report-feed"] [data-test="feed-item"]', { hasText: TITLE });
  await item.first().waitFor();
  assert.match(await item.first().innerText(), /<img src=x/);
  await desk.locator('[data-test="event-row"]', { hasText: TITLE }).first().waitFor();
  await assertInert(desk, 'desk feed and board');
});

test('the event list and the event view show it as text', async () => {
  await desk.goto(`${base}/events`);
  await desk.locator('[data-test="event-row"]', { hasText: TITLE }).first().waitFor();
  await assertInert(desk, 'event list');

  await desk.goto(`${base}/events/${eventId}`);
  const title = desk.locator('[data-test="event-header"] h1');
  await title.waitFor();
  assert.equal(await title.innerText(), TITLE);
  await desk.locator('[data-test="timeline"]', { hasText: '电梯乘客' }).waitFor();
  const timeline = await desk.locator('[data-test="timeline"]').innerText();
  assert.match(timeline, /<script>window\.__xss=2<\/script>/);
  assert.match(timeline, /<svg onload=window\.__xss=3>/);
  // The event's own map: its marker carries the title too.
  await hoverMarker(desk, TITLE);
  await assertInert(desk, 'event view');
});

test('the reporter\'s own screens show it as text', async () => {
  await reporter.goto(`${base}/events`);
  await reporter.locator('[data-test="event-row"]', { hasText: TITLE }).first().waitFor();
  await reporter.goto(`${base}/events/${eventId}`);
  await reporter.locator('[data-test="event-header"] h1', { hasText: TITLE }).waitFor();
  await assertInert(reporter, 'reporter event view');
});

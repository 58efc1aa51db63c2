// The desk's list is red only for what is really late. On the region desk's list, a demo event
// whose 银川 city desk still owes the region its call and its written report carries the
// overdue tag (the timer service's stored clocks); the city desk, in a second browser, records
// both, and the tag clears on the region desk's list without a reload (the timer's pass,
// pushed live).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, twoDesks } from '../lib.mjs';

const base = process.env.E2E_BASE;
const OWED = ['first|desk:640100|region|phone', 'first|desk:640100|region|written'];
let browser;
let close;
let region;
let city;

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  ({ region, city } = await twoDesks(browser, base, 20000));
});

after(async () => {
  await close?.();
});

test('a desk\'s report upward clears its red on the other desk\'s list', async () => {
  // A demo event late only because the city desk has not told the region yet.
  const list = await (await city.request.get(`${base}/api/v1/events?limit=100`)).json();
  let id = null;
  for (const e of list.events) {
    if (!e.clocks || e.clocks.overdue === 0) continue;
    const view = await (await city.request.get(`${base}/api/v1/events/${e.id}`)).json();
    const overdue = (view.clocks || []).filter((c) => c.state === 'overdue').map((c) => c.key);
    if (overdue.length > 0 && overdue.every((k) => OWED.includes(k))) {
      id = e.id;
      break;
    }
  }
  assert.ok(id, 'the demo has an event late only for the city desk\'s report to the region');

  await region.goto(`${base}/desk`);
  const row = region.locator(`[data-test="event-row"][data-event-id="${id}"]`);
  await row.locator('[data-test="overdue-tag"]').waitFor();
  assert.match(await row.getAttribute('class'), /overdue/);

  for (const body of [
    { to: 'region', channel: 'phone', told: '自治区党委办公厅值班室 张某' },
    { to: 'region', channel: 'written', text: '关于该事件的报告（已电话报告）' },
  ]) {
    const r = await city.request.post(`${base}/api/v1/events/${id}/desk-reports`, { data: body });
    assert.equal(r.status(), 201, await r.text());
  }

  // No reload: the list follows the live push of the clocks' transitions.
  await row.locator('[data-test="overdue-tag"]').waitFor({ state: 'detached' });
  assert.doesNotMatch(await row.getAttribute('class'), /(^| )overdue( |$)/);
  const summary = (await (await region.request.get(`${base}/api/v1/events?limit=100`)).json()).events.find((e) => e.id === id);
  assert.equal(summary.clocks.overdue, 0);
});

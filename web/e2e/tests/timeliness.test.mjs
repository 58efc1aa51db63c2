// The timeliness page (时效统计) through the real server and a browser: the demo's region desk
// opens it from the navigation, sees per-unit rows whose numbers are the API's, the per-level
// chart drawn on a canvas, and the filters (a unit, a range of days) change the result.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newPage } from '../lib.mjs';
import { formatShare, lateFirst, rangeQuery, sortUnits } from '../../src/views/timeliness/display.js';

const base = process.env.E2E_BASE;
let browser;
let close;
let page;

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  page = await newPage(browser);
  await login(page, base, ACCOUNTS.desk);
});

after(async () => {
  await close?.();
});

/** The API's answer for the page's current filters. */
async function apiAnswer(unit = '') {
  const from = await page.inputValue('[data-test="timeliness-from"]');
  const to = await page.inputValue('[data-test="timeliness-to"]');
  const q = new URLSearchParams({ ...rangeQuery(from, to), ...(unit ? { unit } : {}) });
  const r = await page.request.get(`${base}/api/v1/metrics/timeliness?${q}`);
  assert.equal(r.status(), 200, await r.text());
  return r.json();
}

/** The rows the page shows: [{unit, late, share}], in order. */
const shownRows = () =>
  page.$$eval('[data-test="timeliness-unit-row"]', (trs) =>
    trs.map((tr) => ({
      unit: tr.getAttribute('data-unit'),
      late: Number(tr.querySelector('[data-test="timeliness-late"]')?.textContent),
      share: tr.querySelector('[data-test="timeliness-share"]')?.textContent.trim(),
    })),
  );

test('the desk opens 时效统计 and sees the API\'s numbers per unit, late first, sortable, and the chart', async () => {
  await page.click('[data-test="nav-timeliness"]');
  await page.waitForURL((u) => u.pathname === '/timeliness');
  await page.locator('[data-test="timeliness-unit-row"]').first().waitFor();
  const answer = await apiAnswer();
  assert.ok(answer.units.length > 0, 'the demo has first-report clocks of units');
  const expected = [...answer.units].sort(lateFirst).map((u) => ({ unit: u.unit, late: u.late + u.overdue, share: formatShare(u.share_on_time) }));
  assert.deepEqual(await shownRows(), expected);
  assert.ok(expected[0].late >= expected[expected.length - 1].late);
  // Sortable: by the clocks owed, most first, then the other way.
  await page.click('[data-test="timeliness-sort-clocks"]');
  const byClocks = sortUnits(answer.units, 'clocks', true).map((u) => u.unit);
  assert.deepEqual((await shownRows()).map((r) => r.unit), byClocks);
  await page.click('[data-test="timeliness-sort-clocks"]');
  assert.deepEqual((await shownRows()).map((r) => r.unit), sortUnits(answer.units, 'clocks', false).map((u) => u.unit));
  // The per-level chart is drawn on a canvas, and the levels' table shows the API's counts.
  await page.locator('[data-test="timeliness-chart"] canvas').waitFor();
  for (const l of answer.levels) {
    const cells = await page.locator(`[data-test="timeliness-level"][data-level="${l.level}"] td`).allInnerTexts();
    assert.equal(Number(cells[1]), l.clocks, `${l.level} clocks`);
    assert.equal(Number(cells[2]), l.on_time, `${l.level} on time`);
    assert.equal(cells[5], formatShare(l.share_on_time), `${l.level} share`);
  }
});

test('a unit filter keeps that unit\'s row; a range of days without events empties the table', async () => {
  const all = await apiAnswer();
  const chosen = [...all.units].sort(lateFirst)[0];
  await page.click('[data-test="timeliness-unit"]');
  await page.keyboard.type(chosen.unit);
  await page.locator('.el-select-dropdown__item:visible', { hasText: chosen.unit }).first().click();
  await page.click('[data-test="timeliness-apply"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-test="timeliness-unit-row"]').length === 1);
  const one = await apiAnswer(chosen.unit);
  assert.equal(one.units.length, 1);
  assert.deepEqual(await shownRows(), [{ unit: chosen.unit, late: one.units[0].late + one.units[0].overdue, share: formatShare(one.units[0].share_on_time) }]);

  // Days long before the demo's events: nothing in the window.
  await page.fill('[data-test="timeliness-from"]', '2020-01-01');
  await page.fill('[data-test="timeliness-to"]', '2020-01-31');
  await page.click('[data-test="timeliness-apply"]');
  await page.locator('[data-test="timeliness-units-empty"]').waitFor();
  assert.match(await page.locator('[data-test="timeliness-summary"]').innerText(), /共 0 起事件/);
});

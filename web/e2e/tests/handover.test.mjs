// 交接班 through the real server and browser: the region desk sees the open items a handover
// would carry (the demo's overdue clocks of the city desks' reports owed to the region), is
// refused a blank note, hands over with a note and sees it listed, not yet taken over and
// without a take-over button of its own; the desk's second officer takes over in another
// browser; the first sees it taken over after a reload; the leader reads it and can do neither.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newPage } from '../lib.mjs';

const base = process.env.E2E_BASE;
let browser;
let close;
let desk;
const note = `交班：银川市火情仍待续报，请接班同志跟进 ${Date.now() % 100000}`;

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  desk = await newPage(browser);
  await login(desk, base, ACCOUNTS.desk);
});

after(async () => {
  await close?.();
});

const ours = (page) => page.locator('[data-test="handover"]', { hasText: note });

test('the desk sees the open items, is refused a blank note and hands over with a note', async () => {
  await desk.goto(`${base}/duty`);
  await desk.locator('[data-test="handover-preview-item"]').first().waitFor();
  assert.ok((await desk.locator('[data-test="handover-preview-item"]').count()) >= 1);
  const first = desk.locator('[data-test="handover-preview-item"]').first();
  assert.match(await first.locator('a').getAttribute('href'), /^\/events\/\d+$/);
  // A long list shows its first items until unfolded.
  const more = desk.locator('[data-test="handover-preview-more"]');
  if (await more.count()) {
    const shown = await desk.locator('[data-test="handover-preview-item"]').count();
    await more.click();
    await desk.waitForFunction((n) => document.querySelectorAll('[data-test="handover-preview-item"]').length > n, shown);
    assert.equal(await more.count(), 0);
  }

  const before = await desk.locator('[data-test="handover"]').count();
  await desk.click('[data-test="handover-submit"]');
  const error = desk.locator('[data-test="handover-error"]');
  await error.waitFor();
  assert.ok((await error.innerText()).trim().length > 0);
  assert.equal(await desk.locator('[data-test="handover"]').count(), before);

  await desk.fill('[data-test="handover-note"]', note);
  await desk.click('[data-test="handover-submit"]');
  await ours(desk).waitFor();
  assert.equal(await desk.locator('[data-test="handover"]').count(), before + 1);
  assert.equal(await desk.locator('[data-test="handover-error"]').count(), 0);
  assert.equal(await ours(desk).getAttribute('data-acknowledged'), 'false');
  assert.ok((await ours(desk).locator('[data-test="handover-item"]').count()) >= 1);
  assert.equal(await ours(desk).locator('[data-test="handover-ack"]').count(), 0);  // not one's own
  assert.equal(await desk.locator('[data-test="handover-note"]').inputValue(), '');
});

test('the second officer of the desk takes over; the first sees it after a reload', async () => {
  const deskB = await newPage(browser, { width: 1440, height: 900 });
  await login(deskB, base, ACCOUNTS.deskB);
  await deskB.goto(`${base}/duty`);
  await ours(deskB).waitFor();
  assert.equal(await ours(deskB).getAttribute('data-acknowledged'), 'false');
  await ours(deskB).locator('[data-test="handover-ack"]').click();
  const done = ours(deskB).locator('[data-test="handover-acknowledged"]');
  await done.waitFor();
  assert.match(await done.innerText(), /已接班/);
  assert.match(await done.innerText(), /自治区党委办公厅值班员（乙）/);
  assert.equal(await ours(deskB).getAttribute('data-acknowledged'), 'true');
  assert.equal(await ours(deskB).locator('[data-test="handover-ack"]').count(), 0);

  await desk.reload();
  await ours(desk).waitFor();
  assert.equal(await ours(desk).getAttribute('data-acknowledged'), 'true');
  assert.match(await ours(desk).locator('[data-test="handover-acknowledged"]').innerText(), /自治区党委办公厅值班员（乙）/);
});

test('the leader reads the handover but has no form and no take-over button', async () => {
  const leader = await newPage(browser, { width: 1440, height: 900 });
  await login(leader, base, ACCOUNTS.leader);
  await leader.goto(`${base}/duty`);
  await ours(leader).waitFor();
  assert.ok((await ours(leader).locator('[data-test="handover-item"]').count()) >= 1);
  assert.equal(await leader.locator('[data-test="handover-note"]').count(), 0);
  assert.equal(await leader.locator('[data-test="handover-submit"]').count(), 0);
  assert.equal(await leader.locator('[data-test="handover-ack"]').count(), 0);
});

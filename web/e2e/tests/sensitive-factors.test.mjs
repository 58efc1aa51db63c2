// Sensitive factors on the event view. The demo's Ningdong chemical leak lists the place
// "school" found in the text (the word 大学 in a hospital's name): the duty desk dismisses it with
// a reason, sees it struck out and the adjustment in the history; on a bus rollover it adds
// "student" by hand and sees it listed as confirmed. A leader sees the same, read-only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newContext } from '../lib.mjs';

const base = process.env.E2E_BASE;
let browser;
let close;
let desk;
let leader;
let leakId;
let busId;

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  desk = await (await newContext(browser, { width: 1920, height: 1080 })).newPage();
  leader = await (await newContext(browser, { width: 1920, height: 1080 })).newPage();
  for (const p of [desk, leader]) {
    p.setDefaultTimeout(15000);
    p.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  }
});

after(async () => {
  await close?.();
});

const factor = (page, kind, code) => page.locator(`[data-test="sensitive-factor"][data-kind="${kind}"][data-code="${code}"]`);

async function eventIdByTitle(page, part) {
  const r = await page.request.get(`${base}/api/v1/events?limit=200`);
  assert.equal(r.status(), 200);
  const { events } = await r.json();
  const e = events.find((x) => x.title.includes(part));
  assert.ok(e, `demo event ${part} exists`);
  return e.id;
}

test('the desk sees the text-detected factor with the words that matched', async () => {
  await login(desk, base, ACCOUNTS.desk);
  leakId = await eventIdByTitle(desk, '液氨泄漏');
  busId = await eventIdByTitle(desk, '客车侧翻');
  await desk.goto(`${base}/events/${leakId}`);
  const school = factor(desk, 'places', 'school');
  await school.waitFor();
  assert.equal(await school.getAttribute('data-state'), 'listed');
  const text = await school.innerText();
  assert.match(text, /敏感地点/);
  assert.match(text, /学校/);
  assert.match(text, /文本识别/);
  assert.match(text, /大学/);
  assert.match(await desk.locator('[data-test="sensitive-history"]').innerText(), /暂无调整/);
});

test('dismissing needs a reason; with one the factor is gone and the history shows who, what and why', async () => {
  const school = factor(desk, 'places', 'school');
  await school.locator('[data-test="sensitive-dismiss"]').click();
  await school.locator('[data-test="sensitive-submit"]').click();
  await school.locator('[data-test="sensitive-reason-error"]').waitFor();
  assert.match(await school.locator('[data-test="sensitive-reason-error"]').innerText(), /理由/);

  const reason = '“大学”出自收治医院“宁夏医科大学总医院”，为医院名称，事发地并非学校';
  await school.locator('[data-test="sensitive-reason"]').fill(reason);
  await school.locator('[data-test="sensitive-submit"]').click();
  await desk.locator('[data-test="sensitive-done"]').waitFor();
  assert.match(await desk.locator('[data-test="sensitive-done"]').innerText(), /已排除“学校”/);

  await desk.locator('[data-test="sensitive-factor"][data-code="school"][data-state="dismissed"]').waitFor();
  const item = desk.locator('[data-test="sensitive-history-item"][data-action="dismiss"]');
  await item.waitFor();
  const line = await item.innerText();
  assert.match(line, /desk/);
  assert.match(line, /排除/);
  assert.match(line, /敏感地点 · 学校/);
  assert.ok(line.includes(reason), line);
  // The standard no longer names the factor among the identity tags.
  assert.doesNotMatch(await desk.locator('[data-test="identity-tags"]').innerText(), /敏感地点：学校/);

  // Survives a reload: it comes from the server.
  await desk.reload();
  await desk.locator('[data-test="sensitive-history-item"][data-action="dismiss"]').waitFor();
  assert.equal(await factor(desk, 'places', 'school').getAttribute('data-state'), 'dismissed');
});

test('the desk adds a factor by hand on another event and sees it listed as confirmed', async () => {
  await desk.goto(`${base}/events/${busId}`);
  const add = desk.locator('[data-test="sensitive-add"]');
  await add.waitFor();
  assert.equal(await factor(desk, 'persons', 'student').count(), 0);
  await add.locator('[data-test="sensitive-add-kind"] .el-select__wrapper').click();
  await desk.getByRole('option', { name: '敏感人员', exact: true }).click();
  await add.locator('[data-test="sensitive-add-code"] .el-select__wrapper').click();
  await desk.getByRole('option', { name: '学生', exact: true }).click();
  await add.locator('[data-test="sensitive-add-reason"]').fill('经电话核实，伤者中有 5 名在校大学生');
  await add.locator('[data-test="sensitive-add-submit"]').click();

  const student = desk.locator('[data-test="sensitive-factor"][data-kind="persons"][data-code="student"][data-state="confirmed"]');
  await student.waitFor();
  const text = await student.innerText();
  assert.match(text, /学生/);
  assert.match(text, /已确认/);
  const line = await desk.locator('[data-test="sensitive-history-item"][data-action="confirm"]').innerText();
  assert.match(line, /确认/);
  assert.match(line, /敏感人员 · 学生/);
  assert.match(line, /在校大学生/);
  assert.match(await desk.locator('[data-test="identity-tags"]').innerText(), /学生/);
});

test('a leader sees the factors and the history, without the controls', async () => {
  await login(leader, base, ACCOUNTS.leader);
  await leader.goto(`${base}/events/${busId}`);
  await leader.locator('[data-test="sensitive-factor"][data-code="student"][data-state="confirmed"]').waitFor();
  await leader.locator('[data-test="sensitive-history-item"][data-action="confirm"]').waitFor();
  assert.equal(await leader.locator('[data-test="sensitive-add"]').count(), 0);
  assert.equal(await leader.locator('[data-test="sensitive-dismiss"]').count(), 0);
  assert.equal(await leader.locator('[data-test="sensitive-confirm"]').count(), 0);
});

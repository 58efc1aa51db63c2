// 会商 through the real server and two browsers. On a demo event whose 银川 city desk owes the
// region its written report (overdue, red), the city desk opens a consultation inviting the
// region's expert; the expert, in a second browser, answers with a risk assessment and "do not
// report", attaching a text file of supporting material (uploaded first, then named in the
// answer); the city desk sees the file under the answer with a working download link, and decides "do not report" with a reason. The obligation then shows
// waived (经会商决定不报送, with the reason), not red.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newPage } from '../lib.mjs';

const base = process.env.E2E_BASE;
let browser;
let close;

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
});

after(async () => {
  await close?.();
});

const obligation = (page, from, to, channel) =>
  page.locator(`[data-test="obligation"][data-from="${from}"][data-to="${to}"][data-channel="${channel}"]`);

test('desk opens, expert answers, desk decides do not report: the overdue obligation is waived, not red', async () => {
  const city = await newPage(browser, { width: 1440, height: 900 });
  const expert = await newPage(browser, { width: 1366, height: 768 });
  await login(city, base, ACCOUNTS.cityDesk);
  await login(expert, base, ACCOUNTS.expert);

  const list = await (await city.request.get(`${base}/api/v1/events?limit=100`)).json();
  let id = null;
  // The oldest such event: the newest ones are left to the desk-list and desk-report tests.
  for (const e of [...list.events].reverse()) {
    const view = await (await city.request.get(`${base}/api/v1/events/${e.id}`)).json();
    if ((view.obligations || []).some((o) => o.from.region === '640100' && o.to.level === 'region' && o.channel === 'written' && o.status === 'overdue')) {
      id = e.id;
      break;
    }
  }
  assert.ok(id, 'the demo has an event whose city desk has not reported to the region');
  await city.goto(`${base}/events/${id}`);
  const row = obligation(city, '640100', 'region', 'written');
  await row.waitFor();
  assert.equal(await row.getAttribute('data-status'), 'overdue');

  // The city desk opens a consultation inviting the region's expert.
  await city.click('[data-test="consultation-start"]');
  await city.fill('[data-test="consultation-question"]', '火情是否已控制，是否仍需向自治区报送？');
  await city.click('[data-test="consultation-invitees"]');
  await city.locator('.el-select-dropdown__item', { hasText: '会商专家（应急管理）' }).click();
  await city.keyboard.press('Escape');
  await city.click('[data-test="consultation-submit"]');
  const item = city.locator('[data-test="consultation"]');
  await item.waitFor();
  assert.equal(await item.getAttribute('data-state'), 'open');

  // The expert answers in its own browser.
  await expert.goto(`${base}/events/${id}`);
  await expert.click('[data-test="consultation-answer-start"]');
  await expert.locator('[data-test="consultation-recommendation"] [data-value="do_not_report"]').click();
  await expert.fill('[data-test="consultation-assessment"]', '明火已扑灭，无次生风险，影响可控。');
  const material = '液氨扩散模拟：下风向 800 米内需疏散。\n';
  await expert.setInputFiles('[data-test="answer-attachment-file"]', {
    name: '研判材料.txt', mimeType: 'text/plain', buffer: Buffer.from(material),
  });
  await expert.locator('[data-test="answer-attachment-item"][data-state="done"]', { hasText: '研判材料.txt' }).waitFor();
  await expert.click('[data-test="consultation-answer-submit"]');
  const expertAnswer = expert.locator('[data-test="consultation-answer"][data-recommendation="do_not_report"]');
  await expertAnswer.waitFor();
  await expertAnswer.locator('[data-test="attachment-download"]', { hasText: '研判材料.txt' }).waitFor();

  // The city desk sees the answer live, with the expert's file under it, and decides.
  const answer = city.locator('[data-test="consultation-answer"][data-recommendation="do_not_report"]');
  await answer.waitFor();
  const file = answer.locator('[data-test="attachment"]');
  await file.locator('[data-test="attachment-download"]', { hasText: '研判材料.txt' }).waitFor();
  assert.equal(await file.count(), 1);
  const sha256 = await file.getAttribute('data-sha256');
  assert.match(sha256, /^[0-9a-f]{64}$/);
  assert.equal(await file.locator('[data-test="attachment-download"]').innerText(), '研判材料.txt');
  const href = await file.locator('[data-test="attachment-download"]').getAttribute('href');
  assert.equal(href, `/api/v1/attachments/${sha256}`);
  const got = await city.evaluate(async (url) => {
    const r = await fetch(url);
    return { status: r.status, text: await r.text() };
  }, href);
  assert.equal(got.status, 200);
  assert.equal(got.text, material);
  await city.click('[data-test="consultation-decide-start"]');
  await city.locator('[data-test="consultation-decision-choice"] [data-value="do_not_report"]').click();
  await city.fill('[data-test="consultation-reason"]', '经专家会商，影响可控，决定不向自治区报送');
  await city.click('[data-test="consultation-decide-submit"]');
  await city.locator('[data-test="consultation-decision"][data-decision="do_not_report"]').waitFor();

  await city.waitForFunction(() =>
    document.querySelector('[data-test="obligation"][data-from="640100"][data-to="region"][data-channel="written"]')
      ?.getAttribute('data-status') === 'waived');
  const waived = obligation(city, '640100', 'region', 'written');
  assert.match(await waived.locator('[data-test="waived-by"]').innerText(), /经会商决定不报送：经专家会商/);
  // Not red: no overdue colour on the row.
  const color = await waived.locator('.state').evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(color, 'rgb(208, 49, 45)');
  // The expert's browser shows it waived too.
  await expert.waitForFunction(() =>
    document.querySelector('[data-test="obligation"][data-from="640100"][data-to="region"][data-channel="written"]')
      ?.getAttribute('data-status') === 'waived');
});

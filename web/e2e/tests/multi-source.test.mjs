// Multi-source reporting through the real server. The county Party office, the regional
// emergency management department and the regional health commission each send a first report
// on the same chemical-plant explosion, without naming an event: the server links them into one
// event. Their deaths disagree (3 against 5). The duty desk opens the event, sees the three
// sources and their perspectives, the missing environmental perspective, the composite summary
// and the conflict; resolves it with a reason (a blank reason is refused) and sees the figure
// marked as resolved by the desk. The environment department's report, only loosely like the
// event, is linked provisionally: it waits in the confirm-link queue (count badge in the desk's
// navigation) and the desk confirms it with a reason; another loosely similar report is
// rejected and forms its own event. An unrelated event is merged in and the merge undone, a
// unit's series is split off and the split undone, each with a reason. A leader on a phone reads the same event without controls.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, launchBrowser, login, newContext, beijing } from '../lib.mjs';

const base = process.env.E2E_BASE;
const TAG = String(Date.now() % 100000);
const COMPANY = `宁夏瑞丰精细化工有限公司`;
let browser;
let close;
let desk;
let leader;
const reporters = {};
let eventId;
let otherId;

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  desk = await (await newContext(browser, { width: 1920, height: 1080 })).newPage();
  leader = await (await newContext(browser, { width: 390, height: 844, mobile: true })).newPage();
  for (const p of [desk, leader]) {
    p.setDefaultTimeout(15000);
    p.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  }
});

after(async () => {
  await close?.();
});

async function reporter(name) {
  if (!reporters[name]) {
    const page = await (await newContext(browser, { width: 390, height: 844, mobile: true })).newPage();
    page.setDefaultTimeout(15000);
    await login(page, base, ACCOUNTS[name]);
    reporters[name] = page;
  }
  return reporters[name];
}

/** Submits a report as the signed-in reporter (the session cookie of its browser). */
async function submit(name, report) {
  const page = await reporter(name);
  const r = await page.request.post(`${base}/api/v1/reports`, { data: report, headers: { 'Accept-Language': 'zh-CN' } });
  const body = await r.json();
  assert.equal(r.status(), 201, JSON.stringify(body));
  return body;
}

const OCCURRED = beijing(50);
const first = (unit, extra) => ({
  kind: 'first',
  unit,
  channel: 'written',
  category: 'hazardous_chemicals',
  occurred_at: OCCURRED,
  location: { region: '640181', address: `宁东能源化工基地临河综合工业园${COMPANY}` },
  ...extra,
});

const row = (page, figure) => page.locator(`[data-test="figure-row"][data-figure="${figure}"]`);

test('three units report the same explosion without naming an event; the server links them', async () => {
  const a = await submit('lingwu', first('640181-dw', {
    title: `宁东基地${COMPANY}发生爆炸 ${TAG}`,
    parties: `${COMPANY}当班作业人员`,
    description: `今日，宁东能源化工基地临河综合工业园${COMPANY}硝化车间发生爆炸并引发火灾，已造成3人死亡、9人受伤，周边约500名群众已疏散。灵武市委、市政府主要负责同志已赶赴现场。`,
    measures: '组织疏散周边群众，设置警戒区。',
    figures: { deaths: 3, injuries: 9, evacuated: 500 },
  }));
  const b = await submit('yjt', first('640000-yjt', {
    title: `宁东基地${COMPANY}爆炸事故初步情况（技术研判）`,
    parties: `${COMPANY}；园区专职应急救援队`,
    description: `据初步了解，宁东能源化工基地临河综合工业园${COMPANY}硝化车间发生爆炸，已造成3人死亡、9人受伤。初步判断为硝化釜温度失控导致超压爆炸，自治区应急管理厅危险化学品专家组已赶赴现场研判二次爆炸风险。`,
    cause: '初步判断为硝化釜温度失控导致超压爆炸，具体原因待调查。',
    figures: { deaths: 3, injuries: 9 },
  }));
  const c = await submit('wsjkw', first('640000-wsjkw', {
    title: `宁东基地${COMPANY}爆炸伤员救治情况`,
    parties: `${COMPANY}伤员；灵武市人民医院；宁夏医科大学总医院`,
    description: `宁东能源化工基地临河综合工业园${COMPANY}硝化车间爆炸后，灵武市人民医院和宁夏医科大学总医院共收治伤员9人，其中2名重伤员经抢救无效死亡，事故共造成5人死亡。自治区卫生健康委已派出专家组赶赴收治医院指导救治。`,
    measures: '调派重症医学专家，开通绿色通道。',
    figures: { deaths: 5, injuries: 9 },
  }));
  eventId = String(a.event_id);
  assert.equal(String(b.event_id), eventId, 'the emergency management report was linked to the event');
  assert.equal(String(c.event_id), eventId, 'the health commission report was linked to the event');
});

test('the desk sees the summary, every source with its perspectives, the missing one and the conflict', async () => {
  await login(desk, base, ACCOUNTS.desk);
  await desk.goto(`${base}/events/${eventId}`);
  await desk.locator('[data-test="figure-table"]').waitFor();

  const summary = desk.locator('[data-test="event-summary-text"]');
  await summary.waitFor();
  // The summary cites its sources ("据…报告").
  assert.match(await summary.innerText(), /据/);

  const sources = desk.locator('[data-test="source"]');
  assert.equal(await sources.count(), 3);
  const srcText = await desk.locator('[data-test="sources"]').innerText();
  for (const name of [/灵武/, /应急管理厅/, /卫生健康/]) assert.match(srcText, name);
  assert.equal(await desk.locator('[data-test="source"][data-unit="640000-yjt"] [data-perspective="technical_cause"]').count(), 1);
  const env = desk.locator('[data-test="perspective"][data-code="environmental_harm"]');
  assert.equal(await env.getAttribute('data-state'), 'missing');
  assert.match(await env.innerText(), /缺失/);
  assert.match(await env.innerText(), /生态环境/);

  const deaths = row(desk, 'deaths');
  assert.equal(await deaths.getAttribute('data-conflict'), 'true');
  assert.match(await deaths.innerText(), /数字冲突/);
  const conflict = desk.locator('[data-test="conflict"][data-figure="deaths"]');
  await conflict.waitFor();
  const text = (await conflict.innerText()).replace(/\s+/g, '');
  assert.match(text, /3人/);
  assert.match(text, /5人/);

  // Every source's value on demand.
  await deaths.locator('[data-test="figure-history-toggle"]').click();
  const history = await deaths.locator('[data-test="figure-history"]').innerText();
  assert.match(history, /卫生健康[\s\S]*5人/);
  assert.match(history, /3人/);

  // Link evidence per report.
  const evidence = desk.locator('[data-test="link-evidence"][data-action="linked"], [data-test="link-evidence"][data-action="provisional"]').first();
  await evidence.waitFor();
  await evidence.locator('[data-test="link-evidence-toggle"]').click();
  await evidence.locator('[data-test="score-parts"] [data-part="text"]').waitFor();
});

test('resolving needs a reason; once resolved the conflict is gone and the figure is the desk\'s', async () => {
  await row(desk, 'deaths').locator('[data-test="figure-resolve"]').click();
  const dialog = desk.locator('[data-test="resolve-dialog"]');
  await dialog.waitFor();
  await dialog.locator('[data-test="resolve-choice"][data-value="5"]').first().click();
  await desk.locator('[data-test="action-submit"]').click();
  await dialog.locator('[data-test="action-reason-error"]').waitFor();
  assert.match(await dialog.locator('[data-test="action-reason-error"]').innerText(), /理由/);

  await dialog.locator('[data-test="action-reason"]').fill('经与灵武市人民医院、宁夏医科大学总医院逐一核对，2名重伤员抢救无效死亡，共5人死亡');
  await desk.locator('[data-test="action-submit"]').click();
  await desk.locator('[data-test="resolve-done"]').waitFor();
  assert.match(await desk.locator('[data-test="resolve-done"]').innerText(), /已裁定“死亡”为 5人/);

  await desk.locator('[data-test="figure-row"][data-figure="deaths"][data-rule="desk"]').waitFor();
  const deaths = row(desk, 'deaths');
  assert.equal(await deaths.getAttribute('data-conflict'), 'false');
  assert.match(await deaths.locator('[data-test="figure-value"]').innerText(), /5人/);
  assert.match(await deaths.locator('[data-test="figure-rule"]').innerText(), /值班台裁定/);
  assert.match(await deaths.locator('[data-test="figure-resolution"]').innerText(), /逐一核对/);
  assert.equal(await desk.locator('[data-test="conflict"][data-figure="deaths"]').count(), 0);
  // The summary cites the desk's ruling, e.g. "（值班台11月29日15时裁定）" (it follows the live refresh).
  const ruled = desk.locator('[data-test="event-summary-text"]', { hasText: /值班台[\s\S]*裁定/ });
  await ruled.waitFor();
  assert.match(await ruled.innerText(), /值班台[\s\S]*裁定/);

  // It comes from the server: still so after a reload.
  await desk.reload();
  await desk.locator('[data-test="figure-row"][data-figure="deaths"][data-rule="desk"][data-conflict="false"]').waitFor();
});

test('a report only loosely like the event waits in the confirm-link queue; the desk confirms it with a reason', async () => {
  // Same place, time and kind of accident, but little shared text and no shared names: the
  // linker links it provisionally and queues a task for the desk.
  const r = await submit('sthjt', first('640000-sthjt', {
    title: '宁东基地化工企业爆炸环境监测情况',
    location: { region: '640181', address: '宁东' },
    parties: '周边群众',
    // Scores about 0.51 against the event (provisional between 0.47 and 0.55).
    description: '宁东能源化工基地临河综合工业园一化工企业硝化车间发生爆炸并引发火灾，周边群众已疏散。生态环境部门在周边开展空气应急监测。',
    figures: {},
  }));
  assert.equal(r.link?.action, 'provisional', `the linker's decision: ${JSON.stringify(r)}`);
  assert.equal(String(r.event_id), eventId);

  // The badge in the desk's navigation counts the pending tasks (the demo may hold some too).
  const pending = async () => (await (await desk.request.get(`${base}/api/v1/link-tasks`)).json()).tasks.length;
  const n = await pending();
  assert.ok(n >= 1);
  await desk.goto(`${base}/events/${eventId}`);
  const badge = desk.locator('[data-test="nav-links"] [data-test="nav-badge"]');
  await badge.waitFor();
  assert.equal((await badge.innerText()).trim(), String(n));
  await desk.locator('[data-test="nav-links"]').click();
  await desk.waitForURL('**/links');
  const task = desk.locator(`[data-test="link-task"][data-report-id="${r.id}"]`);
  await task.waitFor();
  const text = await task.innerText();
  assert.match(text, /生态环境/);
  assert.match(text, /环境监测/);
  assert.match(text, new RegExp(COMPANY));
  assert.equal(await task.getAttribute('data-event-id'), eventId);
  await task.locator('[data-test="score-parts"] [data-part="text"]').waitFor();
  await task.locator('[data-test="score-parts"] [data-part="place"]').waitFor();

  // A reason is required.
  await task.locator('[data-test="link-confirm"]').click();
  await task.locator('[data-test="link-reason-error"]').waitFor();
  await task.locator('[data-test="link-reason"]').fill('同一园区同一起爆炸，生态环境厅报送周边环境监测');
  await task.locator('[data-test="link-confirm"]').click();
  await desk.locator('[data-test="link-done"] li[data-action="confirm"]').waitFor();
  await task.waitFor({ state: 'detached' });
  assert.equal(await pending(), n - 1);
  if (n === 1) await desk.locator('[data-test="link-empty"]').waitFor();
  await desk.waitForFunction((left) => (document.querySelector('[data-test="nav-links"] [data-test="nav-badge"]')?.textContent.trim() || '0') === String(left), n - 1);

  // On the event: the new source covers the environmental perspective; its link is confirmed.
  await desk.goto(`${base}/events/${eventId}`);
  await desk.locator('[data-test="source"][data-unit="640000-sthjt"]').waitFor();
  assert.equal(await desk.locator('[data-test="perspective"][data-code="environmental_harm"]').getAttribute('data-state'), 'covered');
  const link = desk.locator(`#report-${r.id} [data-test="link-evidence"]`);
  assert.equal(await link.getAttribute('data-action'), 'provisional');
  assert.match(await link.locator('[data-test="link-task-status"]').innerText(), /已确认/);
});

test('rejecting a provisional link needs a reason; the report\'s unit series then forms its own event', async () => {
  const r = await submit('reporter', first('640104-dw', {
    title: '宁东基地化工企业爆炸后兴庆区籍伤员情况',
    location: { region: '640181', address: '宁东' },
    parties: '兴庆区籍务工人员',
    // Scores about 0.50 against the event: provisional.
    description: '宁东能源化工基地临河综合工业园一化工企业硝化车间发生爆炸并引发火灾，经核实伤员中有兴庆区籍务工人员，兴庆区已派员前往医院看望慰问。',
  }));
  assert.equal(r.link?.action, 'provisional', `the linker's decision: ${JSON.stringify(r)}`);

  await desk.goto(`${base}/links`);
  const task = desk.locator(`[data-test="link-task"][data-report-id="${r.id}"]`);
  await task.waitFor();
  await task.locator('[data-test="link-reject"]').click();
  await task.locator('[data-test="link-reason-error"]').waitFor();
  await task.locator('[data-test="link-reason"]').fill('兴庆区报送的是本区籍伤员的慰问情况，另行跟踪');
  await task.locator('[data-test="link-reject"]').click();
  const done = desk.locator('[data-test="link-done"] li[data-action="reject"]');
  await done.waitFor();
  await task.waitFor({ state: 'detached' });
  await done.locator('a').click();
  await desk.waitForURL((u) => /\/events\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${eventId}`));
  await desk.locator('[data-test="source"][data-unit="640104-dw"]').waitFor();
  assert.equal(await desk.locator('[data-test="source"]').count(), 1);

  const back = await (await desk.request.get(`${base}/api/v1/events/${eventId}`)).json();
  assert.ok(!back.sources.some((x) => x.unit === '640104-dw'), 'the rejected unit left the event');
});

test('an unrelated event is merged in with a reason, its address then leads here, and the merge is undone', async () => {
  const x = await submit('reporter', {
    kind: 'first',
    unit: '640104-dw',
    channel: 'written',
    category: 'fire',
    occurred_at: beijing(20),
    title: `兴庆区胜利街一餐馆厨房起火 ${TAG}`,
    location: { region: '640104', address: '兴庆区胜利街' },
    parties: '餐馆经营者',
    description: '兴庆区胜利街一餐馆厨房油锅起火，店员使用灭火器扑灭，无人员伤亡。',
    figures: { deaths: 0, injuries: 0 },
  });
  otherId = String(x.event_id);
  assert.notEqual(otherId, eventId, 'the unrelated report opened its own event');

  await desk.goto(`${base}/events/${eventId}`);
  const ops = desk.locator('[data-test="event-operations"]');
  await ops.waitFor();
  await ops.locator('[data-test="merge-start"]').click();
  const dialog = desk.locator('[data-test="merge-dialog"]');
  await dialog.waitFor();
  await dialog.locator('[data-test="merge-from"] .el-select__wrapper').click();
  await desk.keyboard.type(otherId);
  await desk.getByRole('option', { name: new RegExp(`^事件 ${otherId}：`) }).click();
  await desk.locator('[data-test="action-submit"]').click();
  await dialog.locator('[data-test="action-reason-error"]').waitFor();
  await dialog.locator('[data-test="action-reason"]').fill('演练：核对合并与撤销');
  await desk.locator('[data-test="action-submit"]').click();
  await desk.locator('[data-test="operation-done"]').waitFor();
  const op = desk.locator('[data-test="operation"][data-kind="merge"][data-undone="false"]');
  await op.waitFor();
  assert.match(await op.innerText(), new RegExp(`事件 ${otherId} 并入本事件`));
  assert.match(await op.innerText(), /演练/);
  await desk.locator('[data-test="source"][data-unit="640104-dw"]').waitFor();

  // The merged event's address answers with this event.
  await desk.goto(`${base}/events/${otherId}`);
  await desk.locator('[data-test="merged-note"]').waitFor();
  await desk.waitForURL(`**/events/${eventId}?merged=${otherId}`);

  await op.locator('[data-test="operation-undo"]').click();
  const undo = desk.locator('[data-test="undo-dialog"]');
  await undo.waitFor();
  await undo.locator('[data-test="action-reason"]').fill('两起事件无关，撤销合并');
  await desk.locator('[data-test="action-submit"]').click();
  const undone = desk.locator('[data-test="operation"][data-kind="merge"][data-undone="true"]');
  await undone.waitFor();
  assert.match(await undone.locator('[data-test="operation-undone"]').innerText(), /撤销合并/);
  await desk.waitForFunction(() => !document.querySelector('[data-test="source"][data-unit="640104-dw"]'));
  const back = await desk.request.get(`${base}/api/v1/events/${otherId}`);
  assert.equal(back.status(), 200);
  const revived = await back.json();
  assert.equal(String(revived.id), otherId);
  assert.equal(revived.requested_id, undefined);
});

test('the desk splits a unit\'s series off with a reason and undoes the split; a leader watching sees both live', async () => {
  await login(leader, base, ACCOUNTS.leader);
  await leader.goto(`${base}/events/${eventId}`);
  await leader.locator('[data-test="source"][data-unit="640000-sthjt"]').waitFor();
  await leader.evaluate(() => { window.__noReload = 'leader'; });
  await desk.goto(`${base}/events/${eventId}`);
  const ops = desk.locator('[data-test="event-operations"]');
  await ops.locator('[data-test="split-start"]').click();
  const dialog = desk.locator('[data-test="split-dialog"]');
  await dialog.waitFor();
  await dialog.locator('[data-test="split-units"] [data-unit="640000-sthjt"]').click();
  await desk.locator('[data-test="action-submit"]').click();
  await dialog.locator('[data-test="action-reason-error"]').waitFor();
  await dialog.locator('[data-test="action-reason"]').fill('演练：核对拆分与撤销');
  await desk.locator('[data-test="action-submit"]').click();
  const done = desk.locator('[data-test="operation-done"]');
  await done.waitFor();
  assert.match(await done.innerText(), /拆分为事件 \d+/);
  const op = desk.locator('[data-test="operation"][data-kind="split"][data-undone="false"]', { hasText: '演练：核对拆分与撤销' });
  await op.waitFor();
  assert.match(await op.innerText(), /生态环境/);
  await desk.waitForFunction(() => !document.querySelector('[data-test="source"][data-unit="640000-sthjt"]'));
  await leader.waitForFunction(() => !document.querySelector('[data-test="source"][data-unit="640000-sthjt"]'));

  await op.locator('[data-test="operation-undo"]').click();
  const undo = desk.locator('[data-test="undo-dialog"]');
  await undo.waitFor();
  await undo.locator('[data-test="action-reason"]').fill('核实为同一事件，撤销拆分');
  await desk.locator('[data-test="action-submit"]').click();
  await desk.locator('[data-test="operation"][data-kind="split"][data-undone="true"]', { hasText: '演练：核对拆分与撤销' }).waitFor();
  await desk.locator('[data-test="source"][data-unit="640000-sthjt"]').waitFor();
  await leader.locator('[data-test="source"][data-unit="640000-sthjt"]').waitFor();
  await leader.locator('[data-test="operation"][data-kind="split"][data-undone="true"]', { hasText: '演练：核对拆分与撤销' }).waitFor();
  assert.equal(await leader.evaluate(() => window.__noReload), 'leader', 'the leader\'s page was reloaded');
});

test('a leader reads the same event without the desk controls', async () => {
  await leader.goto(`${base}/events/${eventId}`);
  await leader.locator('[data-test="figure-row"][data-figure="deaths"][data-rule="desk"]').waitFor();
  await leader.locator('[data-test="event-summary-text"]').waitFor();
  assert.equal(await leader.locator('[data-test="figure-resolve"]').count(), 0);
  assert.equal(await leader.locator('[data-test="merge-start"]').count(), 0);
  assert.equal(await leader.locator('[data-test="operation-undo"]').count(), 0);
  assert.equal(await leader.locator('[data-test="nav-links"]').count(), 0);
});

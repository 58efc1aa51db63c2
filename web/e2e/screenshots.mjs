// Writes a screenshot of each screen, with the demo data, at 1920×1080 (duty desk on a big
// screen) and 390×844 (a phone) to docs/screenshots/. Usage: npm run screenshots
// (SHAOBING_BIN names the server binary, default ../build/shaobing).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNTS, launchBrowser, login, newContext, startServer, WEB } from './lib.mjs';

const OUT = process.env.SCREENSHOT_DIR || join(WEB, '..', 'docs', 'screenshots');
const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '390x844', width: 390, height: 844, mobile: true },
];

// The seeded multi-source explosion (the same texts as e2e/tests/multi-source.test.mjs).
const SEED = {
  address: '宁东能源化工基地临河综合工业园',
  lingwu: (c) => ({ title: `宁东基地${c}发生爆炸`, parties: `${c}当班作业人员`, measures: '组织疏散周边群众，设置警戒区。',
    description: `今日，宁东能源化工基地临河综合工业园${c}硝化车间发生爆炸并引发火灾，已造成3人死亡、9人受伤，周边约500名群众已疏散。灵武市委、市政府主要负责同志已赶赴现场。` }),
  yjt: (c) => ({ title: `宁东基地${c}爆炸事故初步情况（技术研判）`, parties: `${c}；园区专职应急救援队`, cause: '初步判断为硝化釜温度失控导致超压爆炸，具体原因待调查。',
    description: `据初步了解，宁东能源化工基地临河综合工业园${c}硝化车间发生爆炸，已造成3人死亡、9人受伤。初步判断为硝化釜温度失控导致超压爆炸，自治区应急管理厅危险化学品专家组已赶赴现场研判二次爆炸风险。` }),
  wsjkw: (c) => ({ title: `宁东基地${c}爆炸伤员救治情况`, parties: `${c}伤员；灵武市人民医院；宁夏医科大学总医院`, measures: '调派重症医学专家，开通绿色通道。',
    description: `宁东能源化工基地临河综合工业园${c}硝化车间爆炸后，灵武市人民医院和宁夏医科大学总医院共收治伤员9人，其中2名重伤员经抢救无效死亡，事故共造成5人死亡。自治区卫生健康委已派出专家组赶赴收治医院指导救治。` }),
  sthjt: { title: '宁东基地化工企业爆炸环境监测情况', parties: '周边群众',
    description: '宁东能源化工基地临河综合工业园一化工企业硝化车间发生爆炸并引发火灾，周边群众已疏散。生态环境部门在周边开展空气应急监测。' },
  sthjtAddress: '宁东',
  fire: { title: '兴庆区胜利街一餐馆厨房起火', parties: '餐馆经营者', description: '兴庆区胜利街一餐馆厨房油锅起火，店员使用灭火器扑灭，无人员伤亡。' },
  fireAddress: '兴庆区胜利街',
  mergeReason: '初判为同一事件，合并核对',
  undoReason: '核实为两起无关事件，撤销合并',
};

mkdirSync(OUT, { recursive: true });
const server = await startServer();
const { browser, close } = await launchBrowser();

async function settle(page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  if (await page.locator('[data-test="region-map"]').count()) {
    await page.locator('[data-test="region-map"] canvas').first().waitFor({ timeout: 10000 }).catch(() => {});
  }
  await page.waitForTimeout(900);
}

async function shoot(page, name, size) {
  await settle(page);
  const file = join(OUT, `${name}-${size.name}.png`);
  await page.screenshot({ path: file });
  console.log(file);
}

// The event with the most reports: the richest timeline.
async function richestEvent(page) {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/events?limit=100', { credentials: 'same-origin' });
    const { events } = await r.json();
    return events.sort((a, b) => b.report_count - a.report_count)[0].id;
  });
}

// Seeds a multi-source event through the API, as each unit's reporter: the county Party office,
// emergency management and health report the same explosion (deaths 3 against 5: a conflict);
// the environment department's looser report is linked provisionally (a confirm-link task); an
// unrelated event is merged in and the merge undone, and a split is undone (the history).
async function seedMultiSource(base) {
  const session = async ([name, password]) => {
    const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) });
    const cookie = (r.headers.get('set-cookie') || '').split(';')[0];
    return async (path, body) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return res.json();
    };
  };
  const at = (m) => `${new Date(Date.now() - m * 60000 + 8 * 3600000).toISOString().slice(0, 19)}+08:00`;
  const company = '宁夏瑞丰精细化工有限公司';
  const first = (unit, extra) => ({ kind: 'first', unit, channel: 'written', category: 'hazardous_chemicals', occurred_at: at(50),
    location: { region: '640181', address: `${SEED.address}${company}` }, ...extra });
  const post = {};
  for (const k of ['lingwu', 'yjt', 'wsjkw', 'sthjt', 'reporter', 'desk']) post[k] = await session(ACCOUNTS[k]);
  const a = await post.lingwu('/api/v1/reports', first('640181-dw', { ...SEED.lingwu(company), figures: { deaths: 3, injuries: 9, evacuated: 500 } }));
  await post.yjt('/api/v1/reports', first('640000-yjt', { ...SEED.yjt(company), figures: { deaths: 3, injuries: 9 } }));
  await post.wsjkw('/api/v1/reports', first('640000-wsjkw', { ...SEED.wsjkw(company), figures: { deaths: 5, injuries: 9 } }));
  await post.sthjt('/api/v1/reports', first('640000-sthjt', { ...SEED.sthjt, location: { region: '640181', address: SEED.sthjtAddress } }));
  const x = await post.reporter('/api/v1/reports', { kind: 'first', unit: '640104-dw', channel: 'written', category: 'fire', occurred_at: at(20), ...SEED.fire, location: { region: '640104', address: SEED.fireAddress }, figures: { deaths: 0 } });
  const m = await post.desk(`/api/v1/events/${a.event_id}/merge`, { from: x.event_id, reason: SEED.mergeReason });
  if (m.operation_id) await post.desk(`/api/v1/operations/${m.operation_id}/undo`, { reason: SEED.undoReason });
  return a.event_id;
}

try {
  const fused = await seedMultiSource(server.base).catch((e) => {
    console.error(`multi-source seed failed: ${e.message}`);
    return null;
  });
  for (const size of SIZES) {
    const ctx = async () => {
      const c = await newContext(browser, { width: size.width, height: size.height, mobile: size.mobile });
      return c.newPage();
    };

    const anon = await ctx();
    await anon.goto(`${server.base}/login`);
    await shoot(anon, 'login', size);
    await anon.context().close();

    const desk = await ctx();
    await login(desk, server.base, ACCOUNTS.desk);
    await desk.locator('[data-test="event-row"]').first().waitFor();
    await desk.locator('[data-test="feed-item"]').first().waitFor().catch(() => {});
    await shoot(desk, 'desk', size);
    const id = await richestEvent(desk);
    await desk.goto(`${server.base}/events/${id}`);
    await desk.locator('[data-test="timeline-item"]').first().waitFor();
    await shoot(desk, 'event', size);
    // The sensitive factors: "school" was found in the text through the word 大学 in a
    // hospital's name; the desk dismisses it with a reason (once: both sizes share the server).
    const school = desk.locator('[data-test="sensitive-factor"][data-code="school"][data-state="listed"]');
    if (await school.count()) {
      await school.locator('[data-test="sensitive-dismiss"]').click();
      await school.locator('[data-test="sensitive-reason"]').fill('“大学”出自“宁夏医科大学总医院”，为医院名称，非学校');
      await school.locator('[data-test="sensitive-submit"]').click();
      await desk.locator('[data-test="sensitive-history-item"]').first().waitFor();
    }
    await desk.locator('[data-test="sensitive-panel"]').scrollIntoViewIfNeeded();
    await shoot(desk, 'event-sensitive', size);
    // Multi-source reporting on the seeded explosion: summary, sources and perspectives, the
    // figure check with its conflict, the resolve dialog, merge and split; then the queue.
    if (fused) {
      await desk.goto(`${server.base}/events/${fused}`);
      await desk.locator('[data-test="figure-table"]').waitFor();
      await shoot(desk, 'event-multi-source', size);
      await desk.locator('[data-test="sources-panel"]').scrollIntoViewIfNeeded();
      await shoot(desk, 'event-sources', size);
      const table = desk.locator('[data-test="figure-table"]');
      await table.scrollIntoViewIfNeeded();
      const toggle = table.locator('[data-test="figure-row"][data-conflict="true"] [data-test="figure-history-toggle"]').first();
      if (await toggle.count()) await toggle.click();
      await shoot(desk, 'event-figures', size);
      const resolve = table.locator('[data-test="conflict-resolve"], [data-test="figure-resolve"]').first();
      await resolve.click();
      await desk.locator('[data-test="resolve-dialog"]').waitFor();
      await desk.locator('[data-test="resolve-choice"]').first().click();
      await desk.locator('[data-test="action-reason"]').fill('经与收治医院逐一核对，2名重伤员抢救无效死亡，共5人死亡');
      await shoot(desk, 'event-resolve', size);
      await desk.keyboard.press('Escape');
      await desk.locator('[data-test="resolve-dialog"]').waitFor({ state: 'detached' }).catch(() => {});
      await desk.locator('[data-test="event-operations"]').scrollIntoViewIfNeeded();
      await shoot(desk, 'event-operations', size);
      await desk.goto(`${server.base}/links`);
      await desk.locator('[data-test="link-task"], [data-test="link-empty"]').first().waitFor();
      await shoot(desk, 'links', size);
    }
    await desk.goto(`${server.base}/units`);
    await desk.locator('[data-test="units-count"]').waitFor();
    await shoot(desk, 'units', size);
    await desk.goto(`${server.base}/standards`);
    await desk.locator('[data-test="rule-list"], [data-test="category-list"]').first().waitFor();
    await shoot(desk, 'standards', size);
    if (await desk.locator('[data-test="dry-run"]').count()) {
      // A dry run: a fire with 3 deaths next to a primary school.
      const dry = desk.locator('[data-test="dry-run"]');
      await dry.locator('[data-field="category"] .el-select__wrapper').click();
      await desk.getByRole('option', { name: '火灾', exact: true }).click();
      await dry.locator('[data-field="location.region"] .el-select__wrapper').click();
      await desk.getByRole('option', { name: '兴庆区', exact: true }).click();
      await dry.locator('[data-field="figures.deaths"] input').fill('3');
      await dry.locator('textarea').fill('兴庆区某小学对面一商铺起火，3人死亡。');
      await dry.locator('[data-test="dry-run-submit"]').click();
      await dry.locator('[data-test="dry-run-result"]').waitFor();
      await dry.locator('[data-test="dry-run-result"]').scrollIntoViewIfNeeded();
      await shoot(desk, 'standards-dry-run', size);
    }
    await desk.goto(`${server.base}/report`);
    await desk.locator('[data-field="unit"]').waitFor();
    await shoot(desk, 'report-phone-log', size);
    await desk.context().close();

    const reporter = await ctx();
    await login(reporter, server.base, ACCOUNTS.reporter);
    await reporter.locator('[data-field="category"]').waitFor();
    await shoot(reporter, 'report', size);
    // The four W refused by the server, each reason beside its field.
    await reporter.locator('[data-test="submit"]').click();
    await reporter.locator('.el-form-item__error').first().waitFor();
    await reporter.evaluate(() => window.scrollTo(0, 0));
    await shoot(reporter, 'report-errors', size);
    await reporter.goto(`${server.base}/events`);
    await reporter.locator('[data-test="event-row"]').first().waitFor();
    await shoot(reporter, 'my-events', size);
    const mine = await richestEvent(reporter);
    await reporter.goto(`${server.base}/report?event=${mine}&kind=followup`);
    await reporter.locator('[data-test="followup-event"] a').waitFor();
    await shoot(reporter, 'report-followup', size);
    await reporter.context().close();

    const leader = await ctx();
    await login(leader, server.base, ACCOUNTS.leader);
    await leader.locator('[data-test="event-row"]').first().waitFor();
    const en = leader;
    await en.evaluate(() => localStorage.setItem('shaobing.locale', 'en'));
    await en.reload();
    await en.locator('[data-test="event-row"]').first().waitFor();
    await shoot(en, 'desk-en', size);
    await en.evaluate(() => localStorage.removeItem('shaobing.locale'));
    await leader.context().close();
  }
} finally {
  await close();
  await server.stop();
}

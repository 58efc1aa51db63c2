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

// The multi-source event to show: a hazardous-chemicals event with figure conflicts first (the
// demo's chemical-plant explosion reported by four departments), else the most conflicts, then
// the most sources.
async function fusedEvent(page) {
  return page.evaluate(async () => {
    const get = async (p) => (await fetch(p, { credentials: 'same-origin' })).json();
    const { events } = await get('/api/v1/events?limit=100');
    let best = null;
    for (const e of events) {
      const v = await get(`/api/v1/events/${e.id}`);
      const conflicts = v.conflicts?.length || 0;
      const score = (conflicts && v.category === 'hazardous_chemicals' ? 10000 : 0) + conflicts * 100 + (v.sources?.length || 0);
      if ((v.sources?.length || 0) > 1 && (!best || score > best.score)) best = { id: v.id, score, units: v.sources.map((x) => x.unit) };
    }
    return best;
  });
}

try {
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
    // Multi-source reporting: summary, sources and perspectives, the figure check with its
    // conflicts, the resolve dialog, the merge/split history; then the confirm-link queue.
    const fused = await fusedEvent(desk);
    if (fused) {
      if (size === SIZES[0] && fused.units.length > 2) {
        // A split undone, for the history (once: both sizes share the server).
        const post = (path, data) => desk.request.post(`${server.base}${path}`, { data }).then((r) => r.json());
        const split = await post(`/api/v1/events/${fused.id}/split`, { units: [fused.units[fused.units.length - 1]], reason: '核对来源：该单位所报是否为同一起事故' });
        if (split.operation_id) await post(`/api/v1/operations/${split.operation_id}/undo`, { reason: '经电话核实为同一起事故，撤销拆分' });
      }
      await desk.goto(`${server.base}/events/${fused.id}`);
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
    await desk.locator('[data-test="rule-list"]').waitFor();
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
    await reporter.goto(`${server.base}/account`);
    await reporter.locator('[data-test="account-who"]').waitFor();
    await shoot(reporter, 'account', size);
    await reporter.context().close();

    // A department's reporter on an event it has a part in, seen restricted.
    const department = await ctx();
    await login(department, server.base, ACCOUNTS.yjt);
    const shared = await department.evaluate(async () => {
      const { events } = await (await fetch('/api/v1/events?limit=100', { credentials: 'same-origin' })).json();
      return events.find((e) => e.restricted)?.id ?? null;
    });
    if (shared != null) {
      await department.goto(`${server.base}/events/${shared}`);
      await department.locator('[data-test="event-restricted"]').waitFor();
      await shoot(department, 'event-restricted', size);
    }
    await department.context().close();

    const admin = await ctx();
    await login(admin, server.base, ACCOUNTS.admin);
    await admin.goto(`${server.base}/users`);
    await admin.locator('[data-test="user-row"]').first().waitFor();
    await shoot(admin, 'users', size);
    await admin.context().close();

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

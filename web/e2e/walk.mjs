// Walks a signed-in account through every screen its navigation offers, the standards, an
// event view and the account screen, opening on each the parts that build DOM at run time: select menus,
// the map's tooltip, the dry run, the other language. Used by the CSP test; `collect(where)`
// runs before each full page load, while the previous document is still there to ask.

const settle = (page) => page.waitForLoadState('networkidle').catch(() => {});

/** Opens the first select menu inside `scope`, if any, and closes it again. */
async function openFirstSelectIn(page, scope) {
  const select = page.locator(`${scope} .el-select__wrapper`).first();
  if (!(await select.count())) return;
  await select.click();
  await page.locator('.el-select-dropdown__item').first().waitFor({ state: 'visible' }).catch(() => {});
  await page.keyboard.press('Escape');
}

/** Moves the mouse across the middle of the first region map (county and marker tooltips). */
async function sweepMap(page) {
  const map = page.locator('[data-test="region-map"]').first();
  if (!(await map.count())) return;
  const box = await map.boundingBox();
  if (!box) return;
  for (let i = 1; i < 12; i += 1) await page.mouse.move(box.x + (box.width * i) / 12, box.y + box.height / 2);
  await page.mouse.move(1, 1);
}

/** Answers the paths walked. */
export async function walkAccount(page, base, collect) {
  const walked = [];
  const visit = async (path, ready) => {
    await collect(new URL(page.url()).pathname);
    await page.goto(`${base}${path}`);
    await ready();
    await settle(page);
    walked.push(path);
  };

  const links = await page.locator('nav a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  // The standards are open to every role, in the navigation or not.
  if (!links.includes('/standards')) links.push('/standards');
  for (const path of links) {
    await visit(path, () => page.locator('main').waitFor());
    await openFirstSelectIn(page, 'main');
    await sweepMap(page);
    if (path === '/users') {
      // A dialog: overlay, focus trap and body scroll lock.
      await page.locator('[data-test="user-create"]').click();
      await page.locator('[data-test="user-create-form"]').waitFor();
      await openFirstSelectIn(page, '.el-dialog');
      await page.locator('[data-test="user-create-cancel"]').click();
      await page.locator('[data-test="user-create-form"]').waitFor({ state: 'hidden' });
    }
    if (path === '/standards') {
      await page.locator('[data-test="dry-run-submit"]').click();
      await page.locator('[data-test="dry-run-result"], [data-test="dry-run"] .err').first().waitFor();
    }
  }

  const events = await page.request.get(`${base}/api/v1/events?limit=5`);
  const first = (await events.json()).events?.[0];
  if (first) {
    await visit(`/events/${first.id}`, () => page.locator('[data-test="event-header"]').waitFor());
    await sweepMap(page);
    // The desk's reason dialog, where the event offers one.
    const resolve = page.locator('[data-test="figure-resolve"]').first();
    if (await resolve.count()) {
      await resolve.click();
      await page.locator('[data-test="resolve-dialog"]').waitFor();
      await page.keyboard.press('Escape');
    }
  }

  await visit('/account', () => page.locator('[data-test="account"]').waitFor());

  // The other language, then back.
  await page.locator('.bar .lang').click();
  await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  await page.locator('.bar .lang').click();
  return walked;
}

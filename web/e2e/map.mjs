// Hovering a marker on a region map (ECharts on a canvas) until its tooltip shows. The marker's
// place on the canvas is found by moving over the map in the page (synthetic mouse moves,
// fast), then hovered with the real mouse, as a user would, and the tooltip that answers it
// is returned.

/**
 * Hovers the marker whose tooltip contains `text` on the first region map of `page`. Answers
 * the tooltip element's locator; throws when no marker shows `text`.
 */
export async function hoverMarker(page, text, { map = '[data-test="region-map"]' } = {}) {
  const chart = page.locator(map).first();
  await chart.waitFor();
  await chart.scrollIntoViewIfNeeded();
  const tooltip = chart.locator(':scope > div', { hasText: text });
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    await chart.scrollIntoViewIfNeeded();
    const point = await chart.evaluate(findMarker, text);
    if (point) {
      // Away and back with the real mouse: the tooltip must answer this hover, not an old one.
      await page.mouse.move(1, 1);
      await page.mouse.move(point.x, point.y, { steps: 4 });
      try {
        await tooltip.waitFor({ state: 'visible', timeout: 3000 });
        return tooltip;
      } catch {
        /* moved on: search again */
      }
    }
    // The chart may not have drawn its markers yet.
    await page.waitForTimeout(300);
  }
  throw new Error(`no marker on the map shows "${text}"`);
}

/**
 * In the page: a point on the marker whose tooltip shows `text`, or null. Markers of one
 * county overlap, so a coarse scan finds where the marker shows, a fine scan around there
 * maps its visible part, and the point with the most hits around it is taken. The tooltip
 * keeps its last content when the pointer leaves for empty ground, so it is emptied once it
 * shows the text: what it shows after a move answers that move.
 */
function findMarker(el, text) {
  const box = el.getBoundingClientRect();
  // zrender listens on its root element (the first child); the tooltip is a later child.
  const canvas = el.firstElementChild?.lastElementChild;
  if (!canvas) return null;
  const tooltips = () => [...el.children].slice(1);
  const shows = () => tooltips().some((t) => t.textContent.includes(text));
  const hitsAt = (x0, y0, x1, y1, step, into) => {
    for (let y = Math.max(y0, Math.ceil(box.top) + 1); y < Math.min(y1, box.bottom); y += step) {
      for (let x = Math.max(x0, Math.ceil(box.left) + 1); x < Math.min(x1, box.right); x += step) {
        if (shows()) for (const t of tooltips()) t.textContent = '';
        canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true, cancelable: true, view: window }));
        if (shows()) into.add(`${x},${y}`);
      }
    }
    return into;
  };
  const whole = [Math.ceil(box.left) + 1, Math.ceil(box.top) + 1, box.right, box.bottom];
  let coarse = hitsAt(...whole, 5, new Set());
  if (!coarse.size) coarse = hitsAt(...whole, 2, new Set());
  const fine = new Set();
  for (const key of coarse) {
    const [x, y] = key.split(',').map(Number);
    hitsAt(x - 6, y - 6, x + 7, y + 7, 1, fine);
  }
  let best = null;
  let bestScore = -1;
  for (const key of fine) {
    const [x, y] = key.split(',').map(Number);
    let score = 0;
    for (let dy = -2; dy <= 2; dy += 1) for (let dx = -2; dx <= 2; dx += 1) if (fine.has(`${x + dx},${y + dy}`)) score += 1;
    if (score > bestScore) [best, bestScore] = [{ x, y }, score];
  }
  return best;
}

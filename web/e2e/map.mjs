// Hovering a marker on a region map (ECharts on a canvas) until its tooltip shows. The marker's
// place on the canvas is found by moving over the map in the page (synthetic pointer moves,
// fast), then hovered with the real mouse, as a user would, and the tooltip that answers it
// is returned.

/**
 * Hovers the marker whose tooltip contains `text` on the first region map of `page`. Answers
 * the tooltip element's locator; throws when no marker shows `text`.
 */
export async function hoverMarker(page, text, { map = '[data-test="region-map"]' } = {}) {
  const chart = page.locator(map).first();
  await chart.waitFor();
  const tooltip = chart.locator(':scope > div', { hasText: text });
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
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

/** In the page: the centre of the marker whose tooltip shows `text`, or null. */
function findMarker(el, text) {
  const box = el.getBoundingClientRect();
  const tip = () => [...el.children].find((c) => c.style.display !== 'none' && c.textContent.includes(text));
  const move = (x, y) => {
    const target = document.elementFromPoint(x, y);
    if (!target || !el.contains(target)) return false;
    const init = { clientX: x, clientY: y, bubbles: true, cancelable: true, view: window };
    target.dispatchEvent(new PointerEvent('pointermove', { ...init, pointerType: 'mouse', isPrimary: true }));
    target.dispatchEvent(new MouseEvent('mousemove', init));
    return !!tip();
  };
  const hits = (x0, y0, x1, y1, step) => {
    const out = [];
    for (let y = y0; y <= y1; y += step) {
      for (let x = x0; x <= x1; x += step) if (move(x, y)) out.push([x, y]);
    }
    return out;
  };
  // Coarse: the first place the tooltip shows the text (entering the marker from a county,
  // whose tooltip says something else). Then the marker's extent around it, finely.
  let first = null;
  for (let y = box.top + 2; y < box.bottom && !first; y += 4) {
    for (let x = box.left + 2; x < box.right; x += 4) {
      if (move(x, y)) {
        first = [x, y];
        break;
      }
    }
  }
  if (!first) return null;
  const near = hits(first[0] - 12, first[1] - 4, first[0] + 12, first[1] + 20, 2);
  if (!near.length) return null;
  const x = near.reduce((s, p) => s + p[0], 0) / near.length;
  const y = near.reduce((s, p) => s + p[1], 0) / near.length;
  return { x, y };
}

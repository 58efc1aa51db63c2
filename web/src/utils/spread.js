// Markers on a small map: events placed at the same county seat, or at neighbouring seats a
// few pixels apart, would hide one another (and one could never be hovered or clicked).

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Points ([lon, lat]) moved apart so that no two lie closer than `gap` degrees: each keeps
 * its own point when that is free, else takes the first free place on a spiral around it.
 * Earlier points are placed first and keep their places. Answers new [lon, lat] pairs in the
 * same order; after `maxTries` places the last one tried is taken.
 */
export function spreadPoints(points, gap, maxTries = 400) {
  const placed = [];
  const free = ([x, y]) => placed.every(([u, v]) => Math.hypot(u - x, v - y) >= gap);
  for (const [lon, lat] of points) {
    let spot = [lon, lat];
    for (let k = 1; k <= maxTries && !free(spot); k += 1) {
      const r = gap * 0.6 * Math.sqrt(k);
      spot = [lon + r * Math.cos(k * GOLDEN_ANGLE), lat + r * Math.sin(k * GOLDEN_ANGLE)];
    }
    placed.push(spot);
  }
  return placed;
}

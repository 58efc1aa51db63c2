// The timeliness page's pure parts: minutes and shares for display, the units' order, the
// per-level chart's series and the date range's query times.
import { DISPLAY_OFFSET } from '../../config.js';

const pad = (n) => String(n).padStart(2, '0');

/** Minutes for display as an i18n {key, params}; null for none. */
export function minutesParts(minutes) {
  if (minutes === null || minutes === undefined || Number.isNaN(Number(minutes))) return null;
  const m = Math.max(0, Math.round(Number(minutes)));
  if (m < 60) return { key: 'timeliness.minutes', params: { m } };
  if (m < 1440) return { key: 'duration.hm', params: { h: Math.floor(m / 60), m: pad(m % 60) } };
  return { key: 'duration.dh', params: { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) } };
}

/** 0.8333 → "83.3%"; null → "—". */
export function formatShare(share) {
  if (share === null || share === undefined) return '—';
  const pct = Math.round(Number(share) * 1000) / 10;
  return `${pct}%`;
}

const lateCount = (u) => (u.late || 0) + (u.overdue || 0);
const maxLate = (u) => u.late_minutes?.max ?? 0;

/** Late units first: most late and overdue, then the longest late, then the lowest share, then id. */
export function lateFirst(a, b) {
  return (
    lateCount(b) - lateCount(a) ||
    maxLate(b) - maxLate(a) ||
    (a.share_on_time ?? 2) - (b.share_on_time ?? 2) ||
    String(a.unit).localeCompare(String(b.unit))
  );
}

/** The per-level chart's data: category labels and three series (minutes; share in %). */
export function levelSeries(levels, levelName = (l) => l) {
  const rows = Array.isArray(levels) ? levels : [];
  return {
    categories: rows.map((l) => levelName(l.level)),
    median: rows.map((l) => l.elapsed_minutes?.median ?? null),
    p90: rows.map((l) => l.elapsed_minutes?.p90 ?? null),
    share: rows.map((l) => (l.share_on_time === null || l.share_on_time === undefined ? null : Math.round(l.share_on_time * 1000) / 10)),
  };
}

/** "YYYY-MM-DD" of `ms` in the display zone (UTC+8). */
export function dayOf(ms) {
  const d = new Date(ms + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The query's [from, to) for a range of days ("YYYY-MM-DD", both included): midnight of the first, midnight after the last. */
export function rangeQuery(first, last) {
  if (!first || !last) return { from: '', to: '' };
  const next = new Date(`${last}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { from: `${first}T00:00:00${DISPLAY_OFFSET}`, to: `${next.toISOString().slice(0, 10)}T00:00:00${DISPLAY_OFFSET}` };
}

/** The default range: the 30 days up to and including today. */
export function defaultRange(nowMs) {
  return [dayOf(nowMs - 29 * 86400 * 1000), dayOf(nowMs)];
}

/** The per-unit table's sortable columns: how each reads a row (a missing number sorts lowest). */
export const UNIT_COLUMNS = {
  name: (u) => u.name || u.unit,
  clocks: (u) => u.clocks,
  on_time: (u) => u.on_time,
  late: (u) => (u.late || 0) + (u.overdue || 0),
  share: (u) => u.share_on_time,
  median: (u) => u.elapsed_minutes?.median,
  max_late: (u) => u.late_minutes?.max,
};

/** The rows sorted by `key` ("" for late first), ascending unless `descending`; ties late first. */
export function sortUnits(rows, key = '', descending = false) {
  const list = [...(rows || [])];
  const read = UNIT_COLUMNS[key];
  if (!read) return list.sort(lateFirst);
  const dir = descending ? -1 : 1;
  return list.sort((a, b) => {
    const x = read(a);
    const y = read(b);
    let c;
    if (typeof x === 'string' || typeof y === 'string') c = String(x ?? '').localeCompare(String(y ?? ''), 'zh-CN');
    else c = (x ?? -1) - (y ?? -1);
    return dir * c || lateFirst(a, b);
  });
}

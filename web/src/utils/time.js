import { DISPLAY_OFFSET, DISPLAY_TIME_ZONE } from '../config.js';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** {year, month, day, hour, minute, second} of an instant in the display zone, as strings. */
function zoned(ms) {
  const out = {};
  for (const p of parts.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

export const toMs = (iso) => (iso ? Date.parse(iso) : NaN);

/** Sort comparator for items with `at` (and maybe `id`): newest first, then the higher id. */
export function newestFirst(a, b) {
  return (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0) || (Number(b.id) || 0) - (Number(a.id) || 0);
}

/** "11-29 14:05" (or with the year, "2026-11-29 14:05"). */
export function formatTime(iso, { year = false, seconds = false } = {}) {
  const ms = typeof iso === 'number' ? iso : toMs(iso);
  if (Number.isNaN(ms)) return '';
  const p = zoned(ms);
  const date = year ? `${p.year}-${p.month}-${p.day}` : `${p.month}-${p.day}`;
  return `${date} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}

/** "14:05:09". */
export function formatClock(ms) {
  const p = zoned(ms);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** The value for <input type="datetime-local"> showing `ms` in the display zone. */
export function toLocalInput(ms) {
  const p = zoned(ms);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** ISO 8601 with the display offset from a datetime-local value; "" stays "". */
export function fromLocalInput(value) {
  if (!value) return '';
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}${DISPLAY_OFFSET}`;
}

const pad = (n) => String(n).padStart(2, '0');

/**
 * Splits a duration for display: {key, params} where key is one of duration.{s,ms,hm,dh}
 * in the message files. Negative durations count as zero.
 */
export function durationParts(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return { key: 'duration.dh', params: { d, h } };
  if (h > 0) return { key: 'duration.hm', params: { h, m: pad(m) } };
  if (m > 0) return { key: 'duration.ms', params: { m, s: pad(s) } };
  return { key: 'duration.s', params: { s } };
}

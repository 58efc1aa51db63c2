import { get } from './http.js';

// The timeliness figures (GET /api/v1/metrics/timeliness): {from, to, generated_at, unit,
// events, truncated, max_events, levels: [{level, …tally}], units: [{unit, name, region,
// …tally}]}; a tally: {clocks, on_time, late, overdue, open, waived, share_on_time,
// elapsed_minutes: {median, p90, max} | null, late_minutes: {median, p90, max} | null}.

/** `from` and `to` ISO 8601 with offsets ("" for the server's default), `unit` "" for all. */
export function getTimeliness({ from = '', to = '', unit = '' } = {}) {
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  if (unit) q.set('unit', unit);
  const query = q.toString();
  return get(`/api/v1/metrics/timeliness${query ? `?${query}` : ''}`);
}

import { get, post } from './http.js';

// The duty of the desks: a desk's roster (shifts with the officer and leader on duty) and its
// duty log. Times in queries are "2026-12-03 08:00" (Beijing) or ISO 8601.

/** {desk, from, to, on_duty, shifts} for [from, to) (default today) of `desk` (default own). */
export function getRoster({ desk = '', from = '', to = '' } = {}) {
  const q = new URLSearchParams();
  if (desk) q.set('desk', desk);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  return get(`/api/v1/duty/roster?${q}`);
}

/** Imports a roster as CSV text (an XLSX sheet is turned into CSV first). */
export const importRoster = (csv, desk = '') =>
  post(`/api/v1/duty/roster${desk ? `?desk=${encodeURIComponent(desk)}` : ''}`, { csv });

/** {entries} of the desk's duty log over [from, to) (default today). */
export function getDutyLog({ desk = '' } = {}) {
  const q = new URLSearchParams();
  if (desk) q.set('desk', desk);
  return get(`/api/v1/duty/log?${q}`);
}

/** A manual entry: kind call | decision | note, text, optional event id. */
export const addDutyLog = (entry) => post('/api/v1/duty/log', entry);

/** Acknowledged, being handled: holds an overdue clock's escalation. */
export const acknowledgeEscalation = (id, note = '') =>
  post(`/api/v1/escalations/${encodeURIComponent(id)}/acknowledgement`, { note });

/** {desk, items, truncated}: the open items a handover made now would carry. */
export const getHandoverItems = () => get('/api/v1/duty/handover-items');

/** {handovers} of the desk over [from, to) (default the last 7 days), newest first. */
export function getHandovers({ from = '', to = '' } = {}) {
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  return get(`/api/v1/duty/handovers?${q}`);
}

/** The officer going off duty hands over with a note; the server attaches the open items. */
export const createHandover = (note) => post('/api/v1/duty/handovers', { note });

/** The next officer of the desk takes over (not the author). */
export const acknowledgeHandover = (id) =>
  post(`/api/v1/duty/handovers/${encodeURIComponent(id)}/acknowledgement`, {});

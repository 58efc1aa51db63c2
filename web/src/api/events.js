import { get, post } from './http.js';

/** One page of events, newest first: {events, next}. */
export function listEvents({ limit = 100, cursor = null } = {}) {
  const q = new URLSearchParams({ limit: String(limit) });
  if (cursor) q.set('cursor', cursor);
  return get(`/api/v1/events?${q}`);
}

/** Every event the caller may see, following the cursor (bounded by `max`). */
export async function listAllEvents({ pageSize = 200, max = 1000 } = {}) {
  const out = [];
  let cursor = null;
  do {
    const page = await listEvents({ limit: pageSize, cursor });
    out.push(...page.events);
    cursor = page.next;
  } while (cursor && out.length < max);
  return out;
}

/** The event with its reports in order, per-unit series, copied offices and location. */
export const getEvent = (id) => get(`/api/v1/events/${encodeURIComponent(id)}`);

/**
 * The desk confirms or dismisses a sensitive factor of the event (or adds one by hand with
 * "confirm"): {action: "confirm"|"dismiss", kind, code, reason}. Answers {event_id, grade,
 * report_to}; the event is judged again at once.
 */
export const adjustSensitive = (id, body) => post(`/api/v1/events/${encodeURIComponent(id)}/sensitive`, body);

const eventPath = (id, tail) => `/api/v1/events/${encodeURIComponent(id)}/${tail}`;

/**
 * The desk settles a figure the sources disagree on: {figure, value, reason}. Answers
 * {event_id, figure, value, grade, report_to}; the figure's rule becomes "desk".
 */
export const resolveFigure = (id, body) => post(eventPath(id, 'resolutions'), body);

/** Merges event `from` into event `id`: {from, reason} → {operation_id, event_id}. */
export const mergeEvent = (id, body) => post(eventPath(id, 'merge'), body);

/** Splits the series of `units` off into a new event: {units, reason} → {operation_id, event_id (new)}. */
export const splitEvent = (id, body) => post(eventPath(id, 'split'), body);

/** Undoes a merge or split: {reason} → {operation_id, event_id}. */
export const undoOperation = (id, body) => post(`/api/v1/operations/${encodeURIComponent(id)}/undo`, body);

/**
 * The desk asks a unit of its region to report on the event: {unit, message}. Answers the
 * request {id, event_id, unit, unit_name, message, requested_by, at}; the unit sees it among
 * what is asked of it, and may then join the event.
 */
export const requestReport = (id, body) => post(eventPath(id, 'requests'), body);
export const recordDeskReport = (id, body) => post(eventPath(id, 'desk-reports'), body);
export const deskReportDraft = (id) => get(eventPath(id, 'desk-report-draft'));

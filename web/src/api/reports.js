import { get, post } from './http.js';

/** Submits a report (CONTRACTS §1). Answers {id, event_id, sequence}. */
export const submitReport = (report) => post('/api/v1/reports', report);

/** One report as the event view shows it (label, unit_name, received_at …). */
export const getReport = (id) => get(`/api/v1/reports/${encodeURIComponent(id)}`);

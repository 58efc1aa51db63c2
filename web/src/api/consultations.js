import { get, post } from './http.js';

// Consultations: the desk opens one on an event, invitees answer, the desk decides.

/** Whom the caller's desk may invite: {candidates: [{kind, id, name, region}]}. */
export const consultationCandidates = () => get('/api/v1/consultation-candidates');
/** {question, deadline (ISO), invitees: [{kind, id}]} → the consultation. */
export const openConsultation = (eventId, body) => post(`/api/v1/events/${encodeURIComponent(eventId)}/consultations`, body);
/** {risk_level?, assessment, recommendation, attachments?: [sha256 of the caller's own uploads, at most 20]} → the consultation as the caller sees it. */
export const answerConsultation = (id, body) => post(`/api/v1/consultations/${encodeURIComponent(id)}/answers`, body);
/** {decision, reason} → the consultation. */
export const decideConsultation = (id, body) => post(`/api/v1/consultations/${encodeURIComponent(id)}/decision`, body);

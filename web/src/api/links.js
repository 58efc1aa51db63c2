import { get, post } from './http.js';

/** The desk's pending confirm-link tasks: reports linked provisionally to an event. */
export const listLinkTasks = () => get('/api/v1/link-tasks').then((d) => (Array.isArray(d?.tasks) ? d.tasks : []));

/**
 * Confirms or rejects a provisional link: {action: "confirm"|"reject", reason}. Answers
 * {id, status, event_id}; on reject the unit's series forms its own event, whose id is answered.
 */
export const decideLinkTask = (id, body) => post(`/api/v1/link-tasks/${encodeURIComponent(id)}`, body);

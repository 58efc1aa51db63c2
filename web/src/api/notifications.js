import { get, post } from './http.js';

// The delivery log of notifications (webhook, e-mail, SMS). A row: {id, kind, channel,
// destination, region, subject, event_id, state, attempts, created_at, next_attempt_at,
// last_error, sent_at}. Admins see every row, a desk those of its region.

/** One page, newest first: {notifications, next}; `before` is the previous page's `next`. */
export function listNotifications({ state = '', limit = 50, before = '' } = {}) {
  const q = new URLSearchParams();
  if (state) q.set('state', state);
  q.set('limit', String(limit));
  if (before) q.set('before', String(before));
  return get(`/api/v1/notifications?${q}`).then((d) => ({
    notifications: Array.isArray(d?.notifications) ? d.notifications : [],
    next: d?.next ?? null,
  }));
}

/** An administrator sends a dead notification again, with a reason. Answers the row. */
export const retryNotification = (id, reason) => post(`/api/v1/notifications/${encodeURIComponent(id)}/retry`, { reason });

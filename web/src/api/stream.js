// The live stream: Server-Sent Events from /api/v1/stream (the browser sends the cookie).
// `event: report` carries {event_id, report_id, kind, unit} for what the caller may see;
// `event: event` carries {event_id, kind: "merge"|"split"|"undo"|"resolution"|"link"} when the
// desk reshapes an event or the linker queues a confirm-link task; `event: request` carries
// {event_id, unit} when the desk asks a unit to report; `event: desk_report` {event_id} when a
// desk records its report upward.

/**
 * Opens the stream. `handlers.report(data)` runs per report notice, `handlers.event(data)` per
 * event notice; `handlers.state(s)` gets
 * "connecting" | "open" | "error"; after a reconnect `handlers.resync()` runs so callers can
 * fetch what they missed. Answers a function that closes the stream.
 */
export function openStream(handlers) {
  const source = new EventSource('/api/v1/stream');
  let dropped = false;
  handlers.state?.('connecting');
  source.addEventListener('open', () => {
    handlers.state?.('open');
    if (dropped) handlers.resync?.();
    dropped = false;
  });
  source.addEventListener('error', () => {
    dropped = true;
    handlers.state?.(source.readyState === EventSource.CLOSED ? 'closed' : 'error');
  });
  source.addEventListener('report', (e) => {
    try {
      handlers.report?.(JSON.parse(e.data));
    } catch {
      /* a malformed notice is skipped */
    }
  });
  source.addEventListener('event', (e) => {
    try {
      handlers.event?.(JSON.parse(e.data));
    } catch {
      /* a malformed notice is skipped */
    }
  });
  // The desk asked a unit to report on an event: {event_id, unit}; an event notice of kind
  // "request" for the screens.
  source.addEventListener('request', (e) => {
    try {
      handlers.event?.({ ...JSON.parse(e.data), kind: 'request' });
    } catch {
      /* a malformed notice is skipped */
    }
  });
  // A desk recorded its report upward on an event: {event_id, kind: channel}; an event notice
  // of kind "desk_report" for the screens.
  source.addEventListener('desk_report', (e) => {
    try {
      const d = JSON.parse(e.data);
      handlers.event?.({ ...d, channel: d.kind, kind: 'desk_report' });
    } catch {
      /* a malformed notice is skipped */
    }
  });
  return () => source.close();
}

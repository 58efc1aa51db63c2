// The live stream: Server-Sent Events from /api/v1/stream (the browser sends the cookie).
// `event: report` carries {event_id, report_id, kind, unit, at} for what the caller may see;
// `event: event` carries {event_id, kind: "merge"|"split"|"undo"|"resolution"|"link"} when the
// desk reshapes an event or the linker queues a confirm-link task; `event: request` carries
// {event_id, unit} when the desk asks a unit to report; `event: desk_report` {event_id} when a
// desk records its report upward; `event: clock` {event_id, kind: state} when a reporting clock
// moves; `event: closure` {event_id} when the desk marks an event handled.
//
// Resuming: every change has an SSE id (its place in the server's change log), and a new
// stream starts with `event: start` whose id names where it begins. On its own reconnects EventSource sends
// Last-Event-ID and the server replays what was missed, so nothing needs fetching again. A new
// stream after the browser gave up resumes with `since` (?last_event_id=). When the server
// cannot replay (too far behind, log purged) it sends `event: reset`: then `handlers.resync()`
// runs so callers reload their view.

/**
 * Opens the stream, resuming after the change `since` when given (the last id `handlers.seen`
 * received). `handlers.report(data)` runs per report notice, `handlers.event(data)` per
 * event notice; `handlers.state(s)` gets "connecting" | "open" | "error" | "closed";
 * `handlers.seen(id)` gets the id of each change (and of the stream's start);
 * `handlers.resync()` runs when what was missed cannot be replayed (`reset`, or a reconnect
 * before any id was known) so callers can fetch it. Answers a function that closes the stream.
 */
export function openStream(handlers, since = '') {
  const url = since ? `/api/v1/stream?last_event_id=${encodeURIComponent(since)}` : '/api/v1/stream';
  const source = new EventSource(url);
  let dropped = false;
  let known = Boolean(since);
  const seen = (e) => {
    if (e.lastEventId) {
      known = true;
      handlers.seen?.(e.lastEventId);
    }
  };
  // Notices of one type: parsed, malformed ones skipped.
  const on = (type, fn) =>
    source.addEventListener(type, (e) => {
      seen(e);
      let data;
      try {
        data = JSON.parse(e.data);
      } catch {
        return; /* a malformed notice is skipped */
      }
      fn(data);
    });
  handlers.state?.('connecting');
  source.addEventListener('open', () => {
    handlers.state?.('open');
    if (dropped && !known) handlers.resync?.();  // nothing to resume from
    dropped = false;
  });
  source.addEventListener('error', () => {
    dropped = true;
    handlers.state?.(source.readyState === EventSource.CLOSED ? 'closed' : 'error');
  });
  on('start', () => {});  // only its id matters
  on('report', (d) => handlers.report?.(d));
  on('event', (d) => handlers.event?.(d));
  // The desk asked a unit to report on an event: {event_id, unit}; an event notice of kind
  // "request" for the screens.
  on('request', (d) => handlers.event?.({ ...d, kind: 'request' }));
  // A desk recorded its report upward on an event: {event_id, kind: channel}; an event notice
  // of kind "desk_report" for the screens.
  on('desk_report', (d) => handlers.event?.({ ...d, channel: d.kind, kind: 'desk_report' }));
  // A reporting clock moved (the timer service): {event_id, kind: its new state}; the desk
  // marked an event handled: {event_id}. Event notices of kind "clock" / "closure".
  on('clock', (d) => handlers.event?.({ ...d, state: d.kind, kind: 'clock' }));
  on('closure', (d) => handlers.event?.({ ...d, kind: 'closure' }));
  // A consultation was opened, answered or decided: {event_id, kind: open|answer|decide}.
  on('consultation', (d) => handlers.event?.({ ...d, action: d.kind, kind: 'consultation' }));
  // A report's submitter attached files: {event_id, report_id, unit}; an event notice of kind
  // "attachment" (the event view reloads and shows them).
  on('attachment', (d) => handlers.event?.({ ...d, kind: 'attachment' }));
  // The server cannot replay what was missed: reload; the stream goes on from the reset's id.
  on('reset', () => handlers.resync?.());
  return () => source.close();
}

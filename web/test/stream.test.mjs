// The live stream's client (src/api/stream.js) against a fake EventSource: it resumes with
// ?last_event_id= when given, reports each change id, reloads on `reset` (and only when
// nothing can be replayed), and relies on the browser's Last-Event-ID on its own reconnects.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';

class FakeEventSource {
  static CLOSED = 2;
  static last = null;
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.listeners = {};
    FakeEventSource.last = this;
  }
  addEventListener(type, fn) {
    (this.listeners[type] ??= []).push(fn);
  }
  fire(type, init = {}) {
    for (const fn of this.listeners[type] ?? []) fn({ data: '{}', lastEventId: '', ...init });
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}
globalThis.EventSource = FakeEventSource;
const { openStream } = await import('../src/api/stream.js');

let calls;
const handlers = () => ({
  report: (d) => calls.push(['report', d.report_id]),
  event: (d) => calls.push(['event', d.kind]),
  seen: (id) => calls.push(['seen', id]),
  resync: () => calls.push(['resync']),
});
beforeEach(() => {
  calls = [];
});

test('a new stream opens without an id and learns where it begins', () => {
  openStream(handlers());
  const s = FakeEventSource.last;
  assert.equal(s.url, '/api/v1/stream');
  s.fire('open');
  s.fire('start', { lastEventId: '7' });
  s.fire('report', { lastEventId: '8', data: '{"report_id":3}' });
  assert.deepEqual(calls, [['seen', '7'], ['seen', '8'], ['report', 3]]);
});

test('a stream opened after the browser gave up resumes after the last id', () => {
  openStream(handlers(), '42');
  assert.equal(FakeEventSource.last.url, '/api/v1/stream?last_event_id=42');
});

test('a reconnect with an id known replays on the server: no reload', () => {
  openStream(handlers());
  const s = FakeEventSource.last;
  s.fire('open');
  s.fire('start', { lastEventId: '1' });
  s.fire('error');
  s.fire('open');
  assert.ok(!calls.some(([k]) => k === 'resync'));
});

test('a reset reloads the view; so does a reconnect before any id was known', () => {
  openStream(handlers());
  const s = FakeEventSource.last;
  s.fire('open');
  s.fire('error');
  s.fire('open');
  assert.deepEqual(calls, [['resync']]);
  calls = [];
  s.fire('reset', { lastEventId: '90', data: '{"reason":"too_far_behind"}' });
  assert.deepEqual(calls, [['seen', '90'], ['resync']]);
});

test('a malformed notice is skipped but its id still counts', () => {
  openStream(handlers());
  FakeEventSource.last.fire('report', { lastEventId: '5', data: 'not json' });
  assert.deepEqual(calls, [['seen', '5']]);
});

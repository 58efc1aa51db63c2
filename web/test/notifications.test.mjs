// The delivery log's pure parts: state tags, i18n keys of a row, who may resend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canRetry, rowKeys, stateTag } from '../src/views/notifications/display.js';

test('each state has its tag and its key; unknown values show as they are', () => {
  assert.equal(stateTag('sent'), 'success');
  assert.equal(stateTag('dead'), 'danger');
  assert.equal(stateTag('pending'), 'warning');
  assert.equal(stateTag('lost'), 'info');
  assert.deepEqual(rowKeys({ state: 'dead', channel: 'email', kind: 'desk_report.recorded' }), {
    state: 'notifications.state.dead',
    channel: 'notifications.channel.email',
    kind: 'notifications.kind.desk_report_recorded',
  });
  assert.deepEqual(rowKeys({ state: '<b>x</b>', channel: 'fax', kind: 'other' }), { state: null, channel: null, kind: null });
});

test('only an administrator resends, and only a dead notification', () => {
  assert.equal(canRetry({ state: 'dead' }, 'admin'), true);
  assert.equal(canRetry({ state: 'sent' }, 'admin'), false);
  assert.equal(canRetry({ state: 'dead' }, 'desk'), false);
});

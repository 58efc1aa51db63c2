import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wallMinute, rowsToCsv } from '../src/views/duty/roster.js';

test('a spreadsheet row becomes a roster CSV line, date cells as written, cells quoted when needed', () => {
  const start = new Date('2026-12-03T08:00:00Z'); // a cell written 2026-12-03 08:00
  assert.equal(wallMinute(start), '2026-12-03 08:00');
  const csv = rowsToCsv([
    ['starts_at', 'ends_at', 'officer', 'officer_phone', 'leader', 'leader_phone'],
    [start, '2026-12-03 20:00', 'desk', 13800000001, '赵六, 副秘书长', null],
    ['2026-12-03 20:00', '2026-12-04 08:00', '王"五"', '', '周八', ''],
  ]);
  assert.equal(
    csv,
    'starts_at,ends_at,officer,officer_phone,leader,leader_phone\n' +
      '2026-12-03 08:00,2026-12-03 20:00,desk,13800000001,"赵六, 副秘书长",\n' +
      '2026-12-03 20:00,2026-12-04 08:00,"王""五""",,周八,\n',
  );
});

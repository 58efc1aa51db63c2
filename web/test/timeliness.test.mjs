// The timeliness page's pure parts: minutes, shares, the units' order, the chart's series and
// the date range's query.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayOf, defaultRange, formatShare, lateFirst, levelSeries, minutesParts, rangeQuery } from '../src/views/timeliness/display.js';

test('minutes read as minutes, hours or days; none stays none', () => {
  assert.equal(minutesParts(null), null);
  assert.deepEqual(minutesParts(0), { key: 'timeliness.minutes', params: { m: 0 } });
  assert.deepEqual(minutesParts(59), { key: 'timeliness.minutes', params: { m: 59 } });
  assert.deepEqual(minutesParts(240), { key: 'duration.hm', params: { h: 4, m: '00' } });
  assert.deepEqual(minutesParts(1505), { key: 'duration.dh', params: { d: 1, h: 1 } });
});

test('a share is a percentage with one decimal', () => {
  assert.equal(formatShare(null), '—');
  assert.equal(formatShare(1), '100%');
  assert.equal(formatShare(0.8333), '83.3%');
  assert.equal(formatShare(0), '0%');
});

test('late units come first', () => {
  const rows = [
    { unit: 'b', late: 0, overdue: 0, share_on_time: 1, late_minutes: null },
    { unit: 'a', late: 1, overdue: 0, share_on_time: 0, late_minutes: { max: 30 } },
    { unit: 'c', late: 1, overdue: 0, share_on_time: 0.5, late_minutes: { max: 240 } },
    { unit: 'd', late: 0, overdue: 2, share_on_time: 0, late_minutes: { max: 5 } },
  ];
  assert.deepEqual([...rows].sort(lateFirst).map((r) => r.unit), ['d', 'c', 'a', 'b']);
});

test('the chart takes the medians, the 90th percentiles and the shares per level', () => {
  const s = levelSeries(
    [
      { level: 'county', elapsed_minutes: { median: 20, p90: 50, max: 60 }, share_on_time: 0.75 },
      { level: 'city', elapsed_minutes: null, share_on_time: null },
    ],
    (l) => `L:${l}`,
  );
  assert.deepEqual(s, { categories: ['L:county', 'L:city'], median: [20, null], p90: [50, null], share: [75, null] });
  assert.deepEqual(levelSeries(undefined), { categories: [], median: [], p90: [], share: [] });
});

test('a range of days is [midnight of the first, midnight after the last) at +08:00', () => {
  assert.deepEqual(rangeQuery('2026-11-29', '2026-11-30'), { from: '2026-11-29T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' });
  assert.deepEqual(rangeQuery('', '2026-11-30'), { from: '', to: '' });
  assert.equal(dayOf(Date.parse('2026-11-29T17:00:00Z')), '2026-11-30');  // 01:00 in Beijing
  assert.deepEqual(defaultRange(Date.parse('2026-11-29T06:10:00Z')), ['2026-10-31', '2026-11-29']);
});

test('the unit table sorts by any column, either way, ties late first', async () => {
  const { sortUnits } = await import('../src/views/timeliness/display.js');
  const rows = [
    { unit: 'a', name: '乙', clocks: 3, late: 0, overdue: 0, share_on_time: 1, elapsed_minutes: { median: 10 }, late_minutes: null },
    { unit: 'b', name: '甲', clocks: 1, late: 1, overdue: 0, share_on_time: 0, elapsed_minutes: null, late_minutes: { max: 240 } },
    { unit: 'c', name: '丙', clocks: 3, late: 0, overdue: 1, share_on_time: null, elapsed_minutes: { median: 30 }, late_minutes: { max: 5 } },
  ];
  assert.deepEqual(sortUnits(rows).map((r) => r.unit), ['b', 'c', 'a']);
  assert.deepEqual(sortUnits(rows, 'clocks').map((r) => r.unit), ['b', 'c', 'a']);
  assert.deepEqual(sortUnits(rows, 'clocks', true).map((r) => r.unit), ['c', 'a', 'b']);
  assert.deepEqual(sortUnits(rows, 'share').map((r) => r.unit), ['c', 'b', 'a']);
  assert.deepEqual(sortUnits(rows, 'max_late', true).map((r) => r.unit), ['b', 'c', 'a']);
  assert.deepEqual(sortUnits(rows, 'median').map((r) => r.unit), ['b', 'a', 'c']);
  assert.equal(sortUnits(rows, 'name').length, 3);
  assert.deepEqual(sortUnits(undefined), []);
});

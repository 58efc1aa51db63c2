// Markers that would hide one another are moved apart; free ones stay where they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spreadPoints } from '../src/utils/spread.js';

const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]);

test('points at one seat and at a neighbouring seat end up at least the gap apart', () => {
  const seatA = [106.2869, 38.4736];
  const seatB = [106.2430, 38.4744];
  const points = [seatA, seatA, seatA, seatB, seatB, seatA, seatB, seatB];
  const out = spreadPoints(points, 0.055);
  assert.equal(out.length, points.length);
  for (let i = 0; i < out.length; i += 1) {
    for (let j = i + 1; j < out.length; j += 1) assert.ok(distance(out[i], out[j]) >= 0.055, `${i} and ${j}`);
  }
  assert.deepEqual(out[0], seatA, 'the first keeps its seat');
  for (let i = 0; i < out.length; i += 1) assert.ok(distance(out[i], points[i]) < 0.25, `${i} stays near its seat`);
});

test('free points do not move', () => {
  const points = [[106.0, 38.0], [106.3, 38.2], [105.2, 36.0]];
  assert.deepEqual(spreadPoints(points, 0.055), points);
});

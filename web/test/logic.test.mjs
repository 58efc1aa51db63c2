// Pure logic of the app: times in Asia/Shanghai, durations, figure formatting, the report
// payload (what the server receives) and drafts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationParts, formatTime, fromLocalInput, newestFirst, toLocalInput } from '../src/utils/time.js';
import { formatFigure } from '../src/utils/figures.js';
import { buildReport, emptyForm } from '../src/views/report/payload.js';
import { clearDraft, draftKey, loadDraft, saveDraft } from '../src/views/report/draft.js';

test('times are shown in Asia/Shanghai whatever the machine zone', () => {
  assert.equal(formatTime('2026-11-29T06:05:00Z'), '11-29 14:05');
  assert.equal(formatTime('2026-11-29T14:05:00+08:00', { year: true }), '2026-11-29 14:05');
  assert.equal(formatTime(null), '');
  assert.equal(toLocalInput(Date.parse('2026-11-29T06:05:00Z')), '2026-11-29T14:05');
  assert.equal(fromLocalInput('2026-11-29T14:05'), '2026-11-29T14:05:00+08:00');
  assert.equal(fromLocalInput(''), '');
});

test('durations pick the two most useful units', () => {
  assert.deepEqual(durationParts(42_000), { key: 'duration.s', params: { s: 42 } });
  assert.deepEqual(durationParts(5 * 60_000 + 7_000), { key: 'duration.ms', params: { m: 5, s: '07' } });
  assert.deepEqual(durationParts(3 * 3600_000 + 4 * 60_000), { key: 'duration.hm', params: { h: 3, m: '04' } });
  assert.deepEqual(durationParts(26 * 3600_000), { key: 'duration.dh', params: { d: 1, h: 2 } });
  assert.deepEqual(durationParts(-5000), { key: 'duration.s', params: { s: 0 } });
});

test('figures format by kind', () => {
  const t = (key, p) => `${key}:${JSON.stringify(p ?? {})}`;
  assert.equal(formatFigure(t, 'deaths', 3), 'figureValue.persons:{"v":"3"}');
  assert.equal(formatFigure(t, 'economic_loss_yuan', 860000), 'figureValue.tenThousandYuan:{"v":"86","full":"860,000"}');
  assert.equal(formatFigure(t, 'magnitude', 3.4), 'figureValue.magnitude:{"v":"3.4"}');
  assert.equal(formatFigure(t, 'deaths', null), 'figure.unknown:{}');
});

test('a first report leaves out empty fields so the server names them as missing', () => {
  const form = { ...emptyForm('first'), unit: '640104-dw', category: 'fire', occurred_at: '2026-11-29T14:05', region: '640104',
    description: '  起火  ', figures: { deaths: '1', injuries: '', evacuated: 0 } };
  assert.deepEqual(buildReport(form, { channel: 'written' }), {
    kind: 'first',
    unit: '640104-dw',
    channel: 'written',
    description: '起火',
    figures: { deaths: 1, evacuated: 0 },
    category: 'fire',
    occurred_at: '2026-11-29T14:05:00+08:00',
    location: { region: '640104' },
  });
});

test('coordinates and sensitive factors are sent only when given', () => {
  const form = { ...emptyForm('first'), lat: 38.47, lon: 106.28, sensitive: { persons: ['minor'], places: [], behaviours: [], times: [] } };
  const r = buildReport(form, { channel: 'phone' });
  assert.deepEqual(r.location, { lat: 38.47, lon: 106.28 });
  assert.deepEqual(r.sensitive, { persons: ['minor'] });
  assert.equal(r.channel, 'phone');
});

test('a follow-up names its event; a correction names the report it replaces', () => {
  const follow = buildReport({ ...emptyForm('followup'), event_id: 7, unit: 'u', description: '续报', figures: { deaths: '3' } }, { channel: 'written' });
  assert.deepEqual(follow, { kind: 'followup', unit: 'u', channel: 'written', description: '续报', figures: { deaths: 3 }, event_id: 7 });
  const fix = buildReport({ ...emptyForm('correction'), event_id: 7, unit: 'u', description: '更正', supersedes: 12 }, { channel: 'written' });
  assert.equal(fix.supersedes, 12);
  assert.equal(fix.location, undefined);
});

test('drafts round-trip through storage and fail soft without it', () => {
  const store = new Map();
  globalThis.localStorage = {
    getItem: (k) => (store.has(k) ? store.get(k) : null),
    setItem: (k, v) => store.set(k, String(v)),
    removeItem: (k) => store.delete(k),
  };
  const key = draftKey('xingqing', null);
  assert.equal(key, 'shaobing.draft.v1.xingqing.new');
  assert.notEqual(draftKey('xingqing', 5), key);
  assert.ok(saveDraft(key, { description: 'x' }));
  assert.deepEqual(loadDraft(key).form, { description: 'x' });
  clearDraft(key);
  assert.equal(loadDraft(key), null);
  store.set(key, '{not json');
  assert.equal(loadDraft(key), null);
  delete globalThis.localStorage;
  assert.equal(saveDraft(key, {}), false);
  assert.equal(loadDraft(key), null);
});

test('sensitive factors as the desk sees them: confirmed, dismissed and gone, history newest first', async () => {
  const { deskFactors, historyNewestFirst, actorName } = await import('../src/utils/sensitive.js');
  const sensitive = [
    { kind: 'persons', code: 'student', label: 'x', via: 'report', words: [] },
    { kind: 'places', code: 'hospital', label: 'y', via: 'text', words: ['w'] },
  ];
  const adjustments = [
    { id: 1, at: '2026-11-29T10:00:00+08:00', actor: 'desk', action: 'dismiss', kind: 'places', code: 'school', reason: 'r1' },
    { id: 2, at: '2026-11-29T10:05:00+08:00', actor: { id: 2, name: 'desk' }, action: 'confirm', kind: 'persons', code: 'student', reason: '' },
    { id: 3, at: '2026-11-29T10:01:00+08:00', actor: 'desk', action: 'dismiss', kind: 'persons', code: 'student', reason: 'r2' },
  ];
  const f = deskFactors(sensitive, adjustments);
  assert.equal(f.length, 3);
  assert.equal(f[0].confirmed.id, 2, 'the latest adjustment of persons:student is the confirm');
  assert.equal(f[1].confirmed, null);
  assert.equal(f[2].code, 'school');
  assert.equal(f[2].dismissed.reason, 'r1');
  assert.deepEqual(historyNewestFirst(adjustments).map((a) => a.id), [2, 3, 1]);
  assert.deepEqual(deskFactors(undefined, undefined), []);
  assert.equal(actorName({ id: 2, name: 'desk' }), 'desk');
  assert.equal(actorName('leader'), 'leader');
  assert.equal(actorName(null), '');
});

test('newestFirst orders by time, newest first, then by the higher id; missing times last', () => {
  const items = [
    { id: 1, at: '2026-11-29T10:00:00+08:00' },
    { id: 3, at: '2026-11-29T12:00:00+08:00' },
    { id: 2, at: '2026-11-29T12:00:00+08:00' },
    { id: 4 },
  ];
  assert.deepEqual([...items].sort(newestFirst).map((x) => x.id), [3, 2, 1, 4]);
});

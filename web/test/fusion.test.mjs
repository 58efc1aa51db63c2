// Multi-source reporting helpers: perspectives, figure table, resolution choices, link scores,
// operations, the summary's citations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  conflictsByFigure, distinctValues, formatEntity, figureRows, formatScore, linksByReport, operationsNewestFirst, orderPerspectives, parseFigureValue,
  perspectiveState, resolutionChoices, scoreParts, splitLeavesOne, splittable, summaryParagraphs,
} from '../src/utils/fusion.js';

test('perspectives: missing first, then covered, then the rest, each group in the usual order', () => {
  const list = [
    { code: 'law_order', expected: false, missing: false, covered_by: [] },
    { code: 'casualties_treatment', expected: true, missing: false, covered_by: [{ unit: 'w', unit_name: 'W' }] },
    { code: 'environmental_harm', expected: true, missing: true, covered_by: [] },
    { code: 'technical_cause', expected: true, missing: false, covered_by: [{ unit: 'y', unit_name: 'Y' }] },
  ];
  assert.deepEqual(orderPerspectives(list).map((p) => p.code), ['environmental_harm', 'technical_cause', 'casualties_treatment', 'law_order']);
  assert.deepEqual(list.map(perspectiveState), ['idle', 'covered', 'missing', 'covered']);
  assert.deepEqual(orderPerspectives(null), []);
});

test('figure rows follow the taxonomy order, unknown codes last', () => {
  const rows = figureRows([{ figure: 'evacuated' }, { figure: 'zzz' }, { figure: 'deaths' }], ['deaths', 'injuries', 'evacuated']);
  assert.deepEqual(rows.map((r) => r.figure), ['deaths', 'evacuated', 'zzz']);
  assert.deepEqual(figureRows(undefined, []), []);
});

test('resolution choices: each unit once, its latest value, plus both sides of the conflict', () => {
  const row = {
    figure: 'deaths', value: 5,
    history: [
      { value: 2, unit: 'a', unit_name: 'A', at: '2026-11-29T14:00:00+08:00' },
      { value: 3, unit: 'a', unit_name: 'A', at: '2026-11-29T15:00:00+08:00' },
      { value: 5, unit: 'b', unit_name: 'B', at: '2026-11-29T14:30:00+08:00' },
    ],
  };
  const conflict = { figure: 'deaths', consensus: { value: 5, unit: 'b', unit_name: 'B' }, other: { value: 4, unit: 'c', unit_name: 'C', at: null } };
  const c = resolutionChoices(row, conflict);
  assert.deepEqual(c.map((x) => [x.unit, x.value]), [['a', 3], ['b', 5], ['c', 4]]);
  assert.deepEqual(distinctValues(c), [3, 5, 4]);
  assert.deepEqual(resolutionChoices({ history: [] }), []);
  const grouped = conflictsByFigure([
    { figure: 'deaths', consensus: { value: 5, unit: 'b' }, other: { value: 3, unit: 'a' } },
    { figure: 'deaths', consensus: { value: 5, unit: 'b' }, other: { value: 3, unit: 'c' } },
    { figure: 'deaths', consensus: { value: 5, unit: 'b' }, other: { value: 3, unit: 'c' } },
  ]);
  assert.deepEqual(grouped.deaths.others.map((o) => o.unit), ['a', 'c']);
  assert.deepEqual(resolutionChoices({ history: [] }, grouped.deaths).map((x) => x.unit), ['b', 'a', 'c']);
});

test('score parts keep their order; figures and series are signed; bars are clamped', () => {
  const parts = scoreParts({ series: 0.2, text: 0.61, figures: -0.3, place: 1.4, time: 0, category: 1, entities: 0.5 });
  assert.deepEqual(parts.map((p) => p.code), ['text', 'entities', 'place', 'time', 'category', 'figures', 'series']);
  assert.deepEqual(parts.map((p) => p.width), [61, 50, 100, 0, 100, 30, 20]);
  assert.equal(parts.find((p) => p.code === 'figures').signed, true);
  assert.equal(formatScore(0.2, true), '+0.20');
  assert.equal(formatScore(-0.3, true), '-0.30');
  assert.equal(formatScore(0.567), '0.57');
  assert.equal(formatScore(null), '');
  assert.deepEqual(scoreParts(null), []);
});

test('links by report; operations newest first, the undone ones marked', () => {
  assert.deepEqual(Object.keys(linksByReport([{ report_id: 7 }, { report_id: 9 }])), ['7', '9']);
  const ops = operationsNewestFirst([
    { id: 1, kind: 'merge', at: '2026-11-29T10:00:00+08:00', undone: null },
    { id: 2, kind: 'split', at: '2026-11-29T11:00:00+08:00', undone: { actor: 'desk', at: '2026-11-29T12:00:00+08:00', reason: 'x' } },
  ]);
  assert.deepEqual(ops.map((o) => [o.id, o.undoable]), [[2, false], [1, true]]);
});

test('a split must leave at least one unit', () => {
  const sources = splittable([{ unit: 'a', unit_name: 'A', reports: 2 }, { unit: 'b', unit_name: 'B', reports: 1 }]);
  assert.deepEqual(sources, [{ unit: 'a', name: 'A', reports: 2 }, { unit: 'b', name: 'B', reports: 1 }]);
  assert.equal(splitLeavesOne(['a'], sources), true);
  assert.equal(splitLeavesOne(['a', 'b'], sources), false);
  assert.equal(splitLeavesOne([], sources), false);
});

test('the summary splits into paragraphs with the source citations marked', () => {
  const text = '\u7075\u6b66\u5e02\u53d1\u751f\u7206\u70b8\uff0c3\u4eba\u6b7b\u4ea1\uff08\u636e\u81ea\u6cbb\u533a\u536b\u751f\u5065\u5eb7\u59d411\u670829\u65e515\u65f6\u62a5\uff09\u3002\n\n\u73af\u5883\u76d1\u6d4b\u672a\u89c1\u5f02\u5e38\u3002';
  const ps = summaryParagraphs(text);
  assert.equal(ps.length, 2);
  assert.deepEqual(ps[0].map((s) => s.cite), [false, true, false]);
  assert.ok(ps[0][1].text.startsWith('\uff08\u636e'));
  assert.deepEqual(ps[1].map((s) => s.cite), [false]);
  assert.deepEqual(summaryParagraphs(''), []);
  const headed = summaryParagraphs('\u3010\u7efc\u5408\u60c5\u51b5\u3011\u7206\u70b8');
  assert.deepEqual(headed[0].map((s) => [s.text.length, !!s.head]), [[6, true], [2, false]]);
});

test('a typed figure value is a number of 0 or more', () => {
  assert.equal(parseFigureValue('3'), 3);
  assert.equal(parseFigureValue(' 0 '), 0);
  assert.equal(parseFigureValue(''), null);
  assert.equal(parseFigureValue('-1'), null);
  assert.equal(parseFigureValue('abc'), null);
});

test('shared entities read as names: regions by name, organisations by their first characters', () => {
  assert.deepEqual(formatEntity('640104', { 640104: { name: 'Xingqing' } }), { text: 'Xingqing', kind: 'region' });
  assert.deepEqual(formatEntity('AB:org'), { text: 'AB\u2026', kind: 'org' });
  assert.deepEqual(formatEntity('G6'), { text: 'G6', kind: 'road' });
  assert.deepEqual(formatEntity('640999'), { text: '640999', kind: 'region' });
});

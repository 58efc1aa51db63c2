// Multi-source reporting (one event, many units): pure helpers for the event view and the
// confirm-link queue. Labels are in the message files, keyed by code.
import { newestFirst } from './time.js';

/** Perspective codes in the order the desk reads them. */
export const PERSPECTIVES = ['technical_cause', 'environmental_harm', 'casualties_treatment', 'aftermath_stability', 'law_order'];

/** The parts of a link score in display order; the last two are signed adjustments. */
export const SCORE_PARTS = ['text', 'entities', 'place', 'time', 'category', 'figures', 'series'];
export const SIGNED_PARTS = new Set(['figures', 'series']);


/** Perspectives in display order: missing ones first, then covered, then the rest. */
export function orderPerspectives(list) {
  const rank = (p) => (p.missing ? 0 : p.covered_by?.length ? 1 : p.expected ? 1 : 2);
  const pos = (code) => {
    const i = PERSPECTIVES.indexOf(code);
    return i < 0 ? PERSPECTIVES.length : i;
  };
  return (Array.isArray(list) ? [...list] : []).sort((a, b) => rank(a) - rank(b) || pos(a.code) - pos(b.code));
}

/** The state of one perspective: "missing" | "covered" | "idle" (not expected, not covered). */
export function perspectiveState(p) {
  if (p?.missing) return 'missing';
  if (p?.covered_by?.length) return 'covered';
  return 'idle';
}

/** Rows of the figure table in taxonomy order (unknown codes last, as given). */
export function figureRows(table, order = []) {
  const pos = (code) => {
    const i = order.indexOf(code);
    return i < 0 ? order.length : i;
  };
  return (Array.isArray(table) ? table : [])
    .map((row, i) => ({ row, i }))
    .sort((a, b) => pos(a.row.figure) - pos(b.row.figure) || a.i - b.i)
    .map(({ row }) => row);
}

/** A figure's history newest first. */
export function historyNewestFirst(history) {
  return (Array.isArray(history) ? [...history] : []).sort(newestFirst);
}

/**
 * What the desk may pick when resolving a figure: each unit's latest value (newest first),
 * plus the consensus and the other side of a conflict when those are not among them.
 * [{value, unit, unit_name, at}], one per unit.
 */
export function resolutionChoices(row, conflict = null) {
  // conflict: one server conflict {consensus, other} or a group {consensus, others}.
  const out = [];
  const seen = new Set();
  const add = (c) => {
    if (!c || c.value == null || !c.unit || seen.has(c.unit)) return;
    seen.add(c.unit);
    out.push({ value: c.value, unit: c.unit, unit_name: c.unit_name || c.unit, at: c.at || null });
  };
  for (const h of historyNewestFirst(row?.history)) add(h);
  if (conflict) {
    add(conflict.consensus);
    for (const o of conflict.others || [conflict.other]) add(o);
  }
  return out;
}

/**
 * Unresolved conflicts grouped by figure: figure -> {figure, consensus, others: [...]}, the
 * others without repeats of the same unit (the server lists one conflict per disagreeing source).
 */
export function conflictsByFigure(conflicts) {
  const out = {};
  for (const c of Array.isArray(conflicts) ? conflicts : []) {
    const g = (out[c.figure] ||= { figure: c.figure, consensus: c.consensus, others: [] });
    if (c.other && !g.others.some((o) => o.unit === c.other.unit && o.value === c.other.value)) g.others.push(c.other);
  }
  return out;
}

/** Distinct values among the choices (a conflict has at least two). */
export const distinctValues = (choices) => [...new Set(choices.map((c) => c.value))];

/** A score part for display: {code, value, signed, width (0–100 for the bar)}. */
export function scoreParts(parts) {
  const p = parts || {};
  return SCORE_PARTS.filter((code) => typeof p[code] === 'number').map((code) => {
    const value = p[code];
    const signed = SIGNED_PARTS.has(code);
    return { code, value, signed, width: Math.round(Math.min(1, Math.abs(value)) * 100) };
  });
}

/**
 * A shared entity as the linker keys it, for display: {text, kind}. Regions come as their code
 * ("640104": the region's name from `regionByCode`), organisations and places as the first two
 * characters of the name and the kind ("NN:org" -> "NN\u2026", "org"); roads as they are ("G6").
 */
export function formatEntity(entity, regionByCode = {}) {
  const e = String(entity ?? '');
  if (/^\d{6}$/.test(e)) return { text: regionByCode[e]?.name || e, kind: 'region' };
  const i = e.lastIndexOf(':');
  if (i > 0) return { text: `${e.slice(0, i)}\u2026`, kind: e.slice(i + 1) };
  return { text: e, kind: /^[GSX]\d+$/i.test(e) ? 'road' : '' };
}

/** A score as text: two decimals, signed parts with their sign. */
export function formatScore(value, signed = false) {
  if (typeof value !== 'number' || Number.isNaN(value)) return '';
  const s = value.toFixed(2);
  return signed && value > 0 ? `+${s}` : s;
}

/** The link of each report: report_id -> link. */
export function linksByReport(links) {
  const out = {};
  for (const l of Array.isArray(links) ? links : []) out[l.report_id] = l;
  return out;
}

/** Operations newest first; `undoable` marks those not undone yet. */
export function operationsNewestFirst(ops) {
  return (Array.isArray(ops) ? [...ops] : [])
    .sort(newestFirst)
    .map((o) => ({ ...o, undoable: !o.undone }));
}

/** The units a split may take: every source unit; at least one must stay (checked on submit). */
export function splittable(sources) {
  return (Array.isArray(sources) ? sources : []).map((s) => ({ unit: s.unit, name: s.unit_name || s.unit, reports: s.reports || 0 }));
}

/** Whether a split choice leaves the event with at least one unit. */
export const splitLeavesOne = (chosen, sources) => chosen.length > 0 && chosen.length < (sources?.length || 0);

/**
 * The summary as paragraphs of segments: [[{text, cite: bool, head?: true}]]; the source citations (full-
 * width brackets opening with the character for "according to") are marked so they can be
 * shown quieter than the facts.
 */
export function summaryParagraphs(text) {
  if (!text) return [];
  const cite = /\uff08\u636e[^\uff08\uff09]*\uff09/g;
  return String(text)
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const out = [];
      let last = 0;
      // A leading heading in corner brackets (U+3010 ... U+3011) is marked as such.
      const head = /^\u3010[^\u3011]*\u3011/.exec(line);
      if (head) {
        out.push({ text: head[0], cite: false, head: true });
        last = head[0].length;
      }
      for (const m of line.matchAll(cite)) {
        if (m.index < last) continue;
        if (m.index > last) out.push({ text: line.slice(last, m.index), cite: false });
        out.push({ text: m[0], cite: true });
        last = m.index + m[0].length;
      }
      if (last < line.length) out.push({ text: line.slice(last), cite: false });
      return out;
    });
}

/** Parses a figure value typed by the desk: a finite number ≥ 0, or null. */
export function parseFigureValue(input) {
  if (input == null || String(input).trim() === '') return null;
  const v = Number(String(input).trim());
  return Number.isFinite(v) && v >= 0 ? v : null;
}

// Sensitive-factor codes (CONTRACTS §1); labels are in the message files as
// sensitive.<group>_<code>.
import { newestFirst } from './time.js';

export const SENSITIVE_CODES = {
  persons: ['official', 'foreign_national', 'minor', 'student', 'journalist', 'celebrity', 'religious_figure'],
  places: ['government_compound', 'school', 'hospital', 'transport_hub', 'religious_site', 'landmark'],
  behaviours: ['self_immolation', 'explosion_threat', 'hostage', 'suicide_threat', 'attack_on_crowd', 'arson'],
  times: ['national_holiday', 'major_meeting', 'anniversary'],
};

/** The kinds a desk officer may add by hand (thresholds come only from figures). */
export const HAND_KINDS = ['persons', 'places', 'behaviours', 'times'];

export const factorKey = (kind, code) => `${kind}:${code}`;

const oldestFirst = (a, b) => newestFirst(b, a);

/** Adjustments newest first. */
export function historyNewestFirst(adjustments) {
  return (Array.isArray(adjustments) ? [...adjustments] : []).sort(newestFirst);
}

/** kind:code -> the latest adjustment of that factor. */
export function latestAdjustments(adjustments) {
  const out = new Map();
  for (const a of (Array.isArray(adjustments) ? [...adjustments] : []).sort(oldestFirst)) out.set(factorKey(a.kind, a.code), a);
  return out;
}

/**
 * The factors as the desk sees them: each listed factor with its latest adjustment, then the
 * factors dismissed last and no longer listed ({kind, code, via: null, dismissed: adjustment}).
 */
export function deskFactors(sensitive, adjustments) {
  const latest = latestAdjustments(adjustments);
  const listed = (Array.isArray(sensitive) ? sensitive : []).map((f) => {
    const last = latest.get(factorKey(f.kind, f.code));
    return { ...f, confirmed: last?.action === 'confirm' ? last : null, dismissed: null };
  });
  const seen = new Set(listed.map((f) => factorKey(f.kind, f.code)));
  const gone = [];
  for (const [key, a] of latest) {
    if (a.action === 'dismiss' && !seen.has(key)) gone.push({ kind: a.kind, code: a.code, label: null, via: null, words: [], confirmed: null, dismissed: a });
  }
  return [...listed, ...gone];
}

/** The actor of an adjustment as a name: the server may send a name or {id, name}. */
export function actorName(actor) {
  if (actor && typeof actor === 'object') return actor.display_name || actor.name || String(actor.id ?? '');
  return actor == null ? '' : String(actor);
}

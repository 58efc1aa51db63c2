// The app never turns text into HTML except where a library insists on an HTML string (the
// ECharts tooltip). There, every piece of text — a report title, a county name, a label —
// goes through escapeHtml first; test/html-safety.test.mjs keeps it so.

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * `value` as HTML text: & < > " ' replaced by entities, so it is shown as written and never
 * parsed as markup or as an attribute's end. null and undefined become ''.
 */
export function escapeHtml(value) {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

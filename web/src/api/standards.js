import { get, post } from './http.js';

/** The reporting standard in force: {current: {version, title, rules, routing, deadlines}, history}. */
export const getStandards = () => get('/api/v1/standards');

/**
 * Dry-runs a (possibly partial) report through the evaluator; nothing is stored. Answers
 * {grade, report_to, deadlines, tags:[{rule, label, matched}], sensitive, consultation,
 * catalogue_version, explanation}.
 */
export const evaluateReport = (report) => post('/api/v1/standards/evaluate', report);

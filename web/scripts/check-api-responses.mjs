// Checks every answer the C++ integration tests recorded against docs/api/openapi.yaml, so that
// the description cannot drift from what the server sends:
//
//   SHAOBING_API_RECORD=/tmp/answers.ndjson ctest ...      (src/testing/http_client.cc records)
//   node scripts/check-api-responses.mjs /tmp/answers.ndjson
//
// For each recorded answer {method, target, status, content_type, body}:
//   - a documented path and method: the status must be among the operation's responses (or a
//     documented range / default); its media type must be documented; a JSON body must match
//     the schema (JSON Schema validation, ajv). An error status the operation does not list
//     must still have the shape every error has (ErrorResponse).
//   - an undocumented path or method: only an error is allowed, in the ErrorResponse shape.
//   - every error answer carries error.request_id.
// Paths outside the API (the web app's files) are not checked. Exits 1 naming each answer that
// does not match, with where and why; prints what was checked per operation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const specPath = fileURLToPath(new URL('../../docs/api/openapi.yaml', import.meta.url));
const recordPath = process.argv[2];
if (!recordPath) {
  console.error('usage: node scripts/check-api-responses.mjs RECORD.ndjson');
  process.exit(2);
}

const spec = YAML.parse(readFileSync(specPath, 'utf8'));
// OpenAPI 3.0 schemas are JSON Schema with `nullable` (which ajv knows) and a few annotations
// (`example`, `x-*`), ignored here.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi.json', components: spec.components, paths: spec.paths });

const pointer = (parts) => parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
const validators = new Map();
function validatorAt(parts) {
  const ref = `openapi.json#/${pointer(parts)}`;
  if (!validators.has(ref)) validators.set(ref, ajv.compile({ $ref: ref }));
  return validators.get(ref);
}
const errorShape = validatorAt(['components', 'schemas', 'ErrorResponse']);

// Path templates, literal ones first: /api/v1/audit/verify before /api/v1/audit/{x}.
const templates = Object.keys(spec.paths)
  .map((template) => ({
    template,
    params: (template.match(/\{[^}]+\}/g) || []).length,
    regex: new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$'),
  }))
  .sort((a, b) => a.params - b.params);

function resolveResponse(response) {
  let r = response;
  while (r && r.$ref) {
    const parts = r.$ref.replace(/^#\//, '').split('/');
    r = parts.reduce((o, k) => o?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
  }
  return r;
}

const failures = [];
const checked = new Map(); // "METHOD template" -> count
let outside = 0;
let undocumentedErrors = 0;

function fail(rec, why) {
  failures.push(`${rec.method} ${rec.target} → ${rec.status}: ${why}`);
}

function describe(errors) {
  return (errors || [])
    .slice(0, 4)
    .map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ''}`)
    .join('; ');
}

function parseJson(rec) {
  try {
    return { ok: true, value: JSON.parse(rec.body) };
  } catch {
    return { ok: false };
  }
}

function checkErrorShape(rec, where) {
  if (rec.status < 400) return fail(rec, `${where}: only an error may answer here`);
  const body = parseJson(rec);
  if (!body.ok) return fail(rec, `${where}: the error body is not JSON`);
  if (!errorShape(body.value)) fail(rec, `${where}: not the ErrorResponse shape: ${describe(errorShape.errors)}`);
}

// ErrorResponse describes request_id as in every error answer of the server (optional in the
// schema, for clients' sake): hold the server to it.
function checkRequestId(rec) {
  if (rec.status < 400 || rec.body_omitted) return;
  const body = parseJson(rec);
  if (body.ok && typeof body.value?.error === 'object' && typeof body.value.error.request_id !== 'string') {
    fail(rec, 'an error answer without error.request_id');
  }
}

function checkRecord(rec) {
  const path = rec.target.split('?')[0];
  if (!path.startsWith('/api/') && path !== '/healthz' && path !== '/metrics') {
    outside += 1;
    return;
  }
  checkRequestId(rec);
  const match = templates.find((t) => t.regex.test(path));
  if (!match) return checkErrorShape(rec, 'undocumented path');
  const method = rec.method.toLowerCase();
  const operation = spec.paths[match.template][method];
  if (!operation) return checkErrorShape(rec, `undocumented method on ${match.template}`);
  const key = `${rec.method} ${match.template}`;
  checked.set(key, (checked.get(key) || 0) + 1);

  const status = String(rec.status);
  const responses = operation.responses || {};
  const listed = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default' in responses ? 'default' : null;
  if (!listed) {
    if (rec.status >= 400) {
      undocumentedErrors += 1;
      return checkErrorShape(rec, `${key} does not list ${status}`);
    }
    return fail(rec, `${key} does not list the status ${status}`);
  }
  const response = resolveResponse(responses[listed]);
  const content = response?.content;
  if (!content) {
    if (rec.body && rec.status === 204) fail(rec, `${key} ${listed}: a body where none is described`);
    return;
  }
  const mediaType = (rec.content_type || '').split(';')[0].trim().toLowerCase();
  const described = Object.keys(content).find((t) => t.toLowerCase() === mediaType);
  if (!described) return fail(rec, `${key} ${listed}: media type '${mediaType}' not described (${Object.keys(content).join(', ')})`);
  if (!content[described].schema || rec.body_omitted) return;
  if (!described.endsWith('json')) return;
  const body = parseJson(rec);
  if (!body.ok) return fail(rec, `${key} ${listed}: the body is not JSON`);
  // Where the schema lives: under the operation, or under components when the response is a $ref.
  const at = responses[listed].$ref
    ? responses[listed].$ref.replace(/^#\//, '').split('/').map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'))
    : ['paths', match.template, method, 'responses', listed];
  const validate = validatorAt([...at, 'content', described, 'schema']);
  if (!validate(body.value)) fail(rec, `${key} ${listed}: ${describe(validate.errors)}`);
}

const lines = readFileSync(recordPath, 'utf8').split('\n').filter(Boolean);
for (const [i, line] of lines.entries()) {
  let rec;
  try {
    rec = JSON.parse(line);
  } catch {
    failures.push(`${recordPath}:${i + 1}: not a JSON line`);
    continue;
  }
  checkRecord(rec);
}

const operations = Object.entries(spec.paths).flatMap(([p, item]) =>
  Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${p}`));
const unexercised = operations.filter((op) => !checked.has(op));
console.log(`接口回答检查 / API answers checked against ${specPath.replace(/.*\/docs\//, 'docs/')}: ` +
  `${lines.length} answers, ${lines.length - outside} of the API; ${checked.size} of ${operations.length} operations exercised; ` +
  `${undocumentedErrors} errors of statuses an operation does not list (checked against ErrorResponse)`);
if (unexercised.length) console.log(`  未覆盖 / not exercised by the tests: ${unexercised.join(', ')}`);
if (failures.length) {
  const unique = [...new Set(failures)];
  console.error(`与描述不符 / ${unique.length} answers do not match the description:`);
  for (const f of unique.slice(0, 60)) console.error('  ' + f);
  if (unique.length > 60) console.error(`  … ${unique.length - 60} more`);
  process.exit(1);
}
console.log('接口回答与描述一致 / every answer matches the description');

// scripts/check-api-responses.mjs: recorded answers that match docs/api/openapi.yaml pass, and
// each kind of drift fails with the answer named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../scripts/check-api-responses.mjs', import.meta.url));

function check(records) {
  const dir = mkdtempSync(join(tmpdir(), 'shaobing-api-'));
  try {
    const file = join(dir, 'answers.ndjson');
    writeFileSync(file, records.map((r) => JSON.stringify({ content_type: 'application/json', body_omitted: false, ...r })).join('\n') + '\n');
    return spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const error = (code, extra = {}) => JSON.stringify({ error: { code, message: 'm', request_id: 'ab12cd34-1', ...extra } });
const health = { method: 'GET', target: '/healthz', status: 200, body: '{"status":"ok"}' };

test('answers as described pass', () => {
  const r = check([
    health,
    { method: 'GET', target: '/api/v1/nothing-here', status: 404, body: error('not_found') },
    { method: 'GET', target: '/index.html', status: 200, content_type: 'text/html', body: '<!doctype html>' },
  ]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /every answer matches/);
});

test('a status the operation does not list fails', () => {
  const r = check([{ ...health, status: 202 }]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /GET \/healthz → 202: GET \/healthz does not list the status 202/);
});

test('a body off its schema fails, naming where', () => {
  const r = check([{ method: 'POST', target: '/api/v1/auth/login', status: 200, body: '{"token":42}' }]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /POST \/api\/v1\/auth\/login → 200: .*\/token must be string/);
});

test('an error without the request id, or with a field not described, fails', () => {
  const r = check([
    { method: 'GET', target: '/api/v1/no', status: 404, body: JSON.stringify({ error: { code: 'not_found', message: 'm' } }) },
    { method: 'GET', target: '/api/v1/no2', status: 404, body: error('not_found', { trace: 'x' }) },
  ]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\/api\/v1\/no → 404: .*request_id/);
  assert.match(r.stderr, /\/api\/v1\/no2 → 404: .*must NOT have additional properties 'trace'/);
});

test('a success on an undocumented path, or an undescribed media type, fails', () => {
  const r = check([
    { method: 'GET', target: '/api/v1/secret', status: 200, body: '{}' },
    { ...health, content_type: 'text/plain' },
  ]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\/api\/v1\/secret → 200: undocumented path: only an error may answer here/);
  assert.match(r.stderr, /media type 'text\/plain' not described/);
});

// The API client against a real HTTP server on loopback: every state-changing request carries
// Content-Type: application/json and a JSON body (the server's CSRF defence refuses others),
// reads carry neither, and nothing is sent to another origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { ApiError, get, post, request, requestInit, retryAfterSeconds, setPasswordChangeHandler, setUnauthenticatedHandler } from '../src/api/http.js';

let server;
let base;
const seen = [];
const nativeFetch = globalThis.fetch;

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, type: req.headers['content-type'] ?? null, body });
      if (req.url === '/api/v1/auth/login') {
        res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '37' });
        res.end(JSON.stringify({ error: { code: 'too_many_attempts', message: 'try again at 10:31' } }));
        return;
      }
      if (req.url === '/api/v1/held') {
        res.writeHead(403, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'password_change_required', message: 'change it' } }));
        return;
      }
      if (req.url === '/api/v1/gone') {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'unauthenticated', message: 'sign in' } }));
        return;
      }
      if (req.url === '/api/v1/fail') {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'invalid_content_type', message: 'JSON only' } }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
  // The browser resolves '/api/…' against the page's origin; here the origin is the server.
  globalThis.fetch = (path, init) => nativeFetch(`${base}${path}`, init);
});

after(() => {
  globalThis.fetch = nativeFetch;
  server.close();
});

const last = () => seen[seen.length - 1];

test('a POST without a body (logout) sends the JSON type and {}', async () => {
  await post('/api/v1/auth/logout');
  assert.deepEqual(last(), { method: 'POST', url: '/api/v1/auth/logout', type: 'application/json', body: '{}' });
});

test('a POST with a body sends it as JSON', async () => {
  await post('/api/v1/reports', { title: 'x' });
  assert.equal(last().type, 'application/json');
  assert.equal(last().body, '{"title":"x"}');
});

test('PUT, PATCH and DELETE carry the JSON type and a body too', async () => {
  for (const method of ['PUT', 'PATCH', 'DELETE']) {
    await request(method, '/api/v1/thing/1');
    assert.equal(last().method, method);
    assert.equal(last().type, 'application/json', method);
    assert.equal(last().body, '{}', method);
  }
});

test('a GET carries no content type and no body', async () => {
  await get('/api/v1/events');
  assert.deepEqual(last(), { method: 'GET', url: '/api/v1/events', type: null, body: '' });
});

test('an error answer becomes an ApiError with the server code', async () => {
  await assert.rejects(post('/api/v1/fail', {}), (e) => e instanceof ApiError && e.status === 400 && e.code === 'invalid_content_type');
});

test('only same-origin paths: absolute and protocol-relative URLs are refused before sending', () => {
  const n = seen.length;
  for (const path of ['https://evil.example/api', '//evil.example/api', 'api/v1/events', '/\\evil.example']) {
    assert.throws(() => requestInit('POST', path, {}), /same-origin/, path);
  }
  assert.equal(seen.length, n);
  assert.equal(requestInit('GET', '/api/v1/events').credentials, 'same-origin');
});

test('a throttled login answers the server message and Retry-After in seconds', async () => {
  await assert.rejects(post('/api/v1/auth/login', { name: 'a', password: 'b' }),
    (e) => e.status === 429 && e.code === 'too_many_attempts' && e.retryAfter === 37 && e.message === 'try again at 10:31');
  assert.equal(retryAfterSeconds('120'), 120);
  assert.equal(retryAfterSeconds('Wed, 02 Dec 2026 10:00:30 GMT', Date.parse('2026-12-02T10:00:00Z')), 30);
  assert.equal(retryAfterSeconds(null), null);
  assert.equal(retryAfterSeconds('soon'), null);
});

test('a held account (password_change_required) and an ended session each reach their handler', async () => {
  const calls = [];
  setPasswordChangeHandler((e) => calls.push(`password:${e.code}`));
  setUnauthenticatedHandler((e) => calls.push(`login:${e.status}`));
  await assert.rejects(get('/api/v1/held'), (e) => e.status === 403);
  await assert.rejects(get('/api/v1/gone'), (e) => e.status === 401);
  await assert.rejects(post('/api/v1/auth/login', {}), (e) => e.status === 429);
  await assert.rejects(post('/api/v1/fail', {}), (e) => e.status === 400);
  assert.deepEqual(calls, ['password:password_change_required', 'login:401']);
});

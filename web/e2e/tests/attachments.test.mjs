// Attachments through the real server and browsers: 兴庆区委办 on a phone attaches a scene
// photo (a PNG made here) in the report form — a web page disguised as a .jpg is refused with
// the server's Chinese reason — and submits; the duty desk sees the photo's thumbnail on the
// event's timeline and its download answers as a file (application/octet-stream, nosniff,
// Content-Disposition: attachment with the UTF-8 name); a reporter of another unit gets 404.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { ACCOUNTS, launchBrowser, login, newContext } from '../lib.mjs';

const base = process.env.E2E_BASE;
const TITLE = `兴庆区附件路一商铺发生火灾 ${Date.now() % 100000}`;
let browser;
let close;
let reporter;
let desk;
let eventId;

// A width×height RGB PNG with a gradient (CRC-32 by hand: no image library needed).
function png(width, height) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push((x * 4) & 255, (y * 4) & 255, 120);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}
const PHOTO = png(64, 48);

before(async () => {
  assert.ok(base, 'E2E_BASE is set by e2e/run.mjs');
  ({ browser, close } = await launchBrowser());
  reporter = await (await newContext(browser, { width: 390, height: 844, mobile: true })).newPage();
  desk = await (await newContext(browser, { width: 1920, height: 1080 })).newPage();
  for (const p of [desk, reporter]) {
    p.setDefaultTimeout(15000);
    p.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  }
});

after(async () => {
  await close?.();
});

const field = (page, name) => page.locator(`[data-field="${name}"]`);

test('a reporter on a phone attaches a scene photo in the report form; a disguised page is refused', async () => {
  await login(reporter, base, ACCOUNTS.reporter);
  await field(reporter, 'category').locator('.el-select__wrapper').click();
  await reporter.getByRole('option', { name: '火灾', exact: true }).click();
  await field(reporter, 'title').locator('input').fill(TITLE);
  await reporter.getByRole('button', { name: '现在', exact: true }).click();
  await field(reporter, 'parties').locator('textarea').fill('商铺经营者');
  await field(reporter, 'description').locator('textarea').fill('一商铺起火，现场照片见附件。');

  const input = reporter.locator('[data-test="attachment-file"]');
  assert.equal(await input.getAttribute('accept'), 'image/*,application/pdf,.docx,.xlsx,.txt');
  assert.equal(await input.getAttribute('capture'), null, 'the phone lets the reporter choose camera or gallery');
  await input.setInputFiles([
    { name: '现场.png', mimeType: 'image/png', buffer: PHOTO },
    { name: '照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>') },
  ]);
  const failed = reporter.locator('[data-test="attachment-item"][data-state="failed"]');
  await failed.waitFor();
  assert.match(await failed.innerText(), /照片\.jpg[\s\S]*不接受此类文件/);
  const done = reporter.locator('[data-test="attachment-item"][data-state="done"]');
  await done.waitFor();
  assert.match(await done.innerText(), /现场\.png/);

  await reporter.locator('[data-test="submit"]').click();
  const result = reporter.locator('[data-test="report-done"]');
  await result.waitFor();
  assert.equal(await reporter.locator('[data-test="attach-failed"]').count(), 0);
  eventId = await result.getAttribute('data-event-id');
});

test('the desk sees the thumbnail on the event and the download answers as a file', async () => {
  await login(desk, base, ACCOUNTS.desk);
  await desk.goto(`${base}/events/${eventId}`);
  const thumb = desk.locator('[data-test="attachment-thumbnail"]');
  await thumb.waitFor();
  // Loaded under the Content-Security-Policy: our JPEG, fitted in 320 px.
  await desk.waitForFunction(() => document.querySelector('[data-test="attachment-thumbnail"]')?.naturalWidth > 0);
  assert.equal(await desk.locator('[data-test="attachment"]').count(), 1);
  assert.equal(await desk.locator('[data-test="attachment-download"]').innerText(), '现场.png');
  const sha = await desk.locator('[data-test="attachment"]').getAttribute('data-sha256');

  const file = await desk.request.get(`${base}/api/v1/attachments/${sha}`);
  assert.equal(file.status(), 200);
  const h = file.headers();
  assert.equal(h['content-type'], 'application/octet-stream');
  assert.equal(h['x-content-type-options'], 'nosniff');
  assert.equal(h['content-disposition'], 'attachment; filename="__.png"; filename*=UTF-8\'\'%E7%8E%B0%E5%9C%BA.png');
  assert.ok(Buffer.from(await file.body()).equals(PHOTO));
  const small = await desk.request.get(`${base}/api/v1/attachments/${sha}/thumbnail`);
  assert.equal(small.headers()['content-type'], 'image/jpeg');
});

test('a reporter of another unit gets 404 for the photo and its thumbnail', async () => {
  const other = await (await newContext(browser)).newPage();
  await login(other, base, ACCOUNTS.lingwu);
  const sha = await desk.locator('[data-test="attachment"]').getAttribute('data-sha256');
  for (const path of [`/api/v1/attachments/${sha}`, `/api/v1/attachments/${sha}/thumbnail`]) {
    const r = await other.request.get(`${base}${path}`);
    assert.equal(r.status(), 404, path);
    assert.equal((await r.json()).error.code, 'unknown_attachment');
  }
});

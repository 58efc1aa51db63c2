// escapeHtml: what a reporter writes is shown as text wherever the app builds HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml } from '../src/utils/html.js';

test('markup and attribute quotes become entities', () => {
  assert.equal(escapeHtml('<img src=x onerror="window.__xss=1">'), '&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;');
  assert.equal(escapeHtml("<script>window.__xss=2</script>"), '&lt;script&gt;window.__xss=2&lt;/script&gt;');
  assert.equal(escapeHtml("it's"), 'it&#39;s');
});

test('ampersands are escaped once, so entities written by a user stay visible as written', () => {
  assert.equal(escapeHtml('&lt;b&gt; & co'), '&amp;lt;b&amp;gt; &amp; co');
});

test('plain text, Chinese and numbers pass unchanged; null and undefined are empty', () => {
  assert.equal(escapeHtml('兴庆区测试路一商铺发生火灾'), '兴庆区测试路一商铺发生火灾');
  assert.equal(escapeHtml(3), '3');
  assert.equal(escapeHtml(0), '0');
  assert.equal(escapeHtml(null), '');
  assert.equal(escapeHtml(undefined), '');
});

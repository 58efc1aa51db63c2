// The message files agree, every key the code names exists, and no component carries text of
// its own: all visible Chinese lives in src/i18n/*.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(web, 'src');
const load = (name) => JSON.parse(readFileSync(join(src, 'i18n', name), 'utf8'));
const zh = load('zh-CN.json');
const en = load('en.json');

function flatten(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object') flatten(v, `${prefix}${k}.`, out);
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

function files(dir, exts) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

const zhFlat = flatten(zh);
const enFlat = flatten(en);
const CODE = ['.vue', '.js', '.ts', '.mjs', '.jsx', '.tsx'];
// CJK ideographs, CJK punctuation, full-width forms.
const CHINESE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

test('zh-CN and en have the same keys', () => {
  const a = Object.keys(zhFlat).sort();
  const b = Object.keys(enFlat).sort();
  assert.deepEqual(a.filter((k) => !(k in enFlat)), [], 'keys only in zh-CN.json');
  assert.deepEqual(b.filter((k) => !(k in zhFlat)), [], 'keys only in en.json');
});

test('every message is a string without the vue-i18n special characters | and @', () => {
  for (const [locale, flat] of [['zh-CN', zhFlat], ['en', enFlat]]) {
    for (const [k, v] of Object.entries(flat)) {
      assert.equal(typeof v, 'string', `${locale} ${k} is not a string`);
      assert.ok(!/[|@]/.test(v), `${locale} ${k} contains | or @`);
    }
  }
});

test('Chinese messages are in Chinese', () => {
  const latinOnly = Object.entries(zhFlat).filter(([k, v]) => v.length > 3 && !CHINESE.test(v) && !/^[{}\w\s.,:-]*$/.test(v) && k);
  assert.deepEqual(latinOnly.map(([k]) => k).filter((k) => !['app.otherLanguage', 'app.switchLanguage'].includes(k)), []);
});

test('no code file under src contains Chinese characters', () => {
  const offenders = [];
  for (const f of files(src, CODE)) {
    readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      if (CHINESE.test(line)) offenders.push(`${relative(web, f)}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(offenders, []);
});

test('every message key named in the code exists', () => {
  const missing = [];
  for (const f of files(src, CODE)) {
    const text = readFileSync(f, 'utf8');
    // Literal keys: t('a.b'), title: 'nav.x', label: 'nav.y'.
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g)) if (!(m[1] in zhFlat)) missing.push(`${relative(web, f)}: ${m[1]}`);
    for (const m of text.matchAll(/(?:title|label): '((?:nav)\.[\w]+)'/g)) if (!(m[1] in zhFlat)) missing.push(`${relative(web, f)}: ${m[1]}`);
    // Template keys: t(`a.${x}`) needs the group a to exist.
    for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z][\w.]*)\.\$\{/g)) {
      const group = m[1];
      if (!Object.keys(zhFlat).some((k) => k.startsWith(`${group}.`))) missing.push(`${relative(web, f)}: ${group}.*`);
    }
  }
  assert.deepEqual(missing, []);
});

test('contract codes have labels in both languages', () => {
  const groups = {
    figure: ['deaths', 'missing', 'serious_injuries', 'injuries', 'trapped', 'poisoned', 'evacuated', 'affected',
      'economic_loss_yuan', 'participants', 'onlookers', 'magnitude', 'duration_hours'],
    unitKind: ['party_office', 'government_office', 'emergency_management', 'ecology_environment', 'health',
      'public_security', 'fire_rescue', 'transport', 'housing_construction', 'education', 'market_regulation',
      'natural_resources', 'water_resources', 'ethnic_religious', 'media', 'university', 'research_institute',
      'enterprise', 'other'],
    reportKind: ['first', 'followup', 'final', 'correction'],
    role: ['reporter', 'desk', 'leader', 'expert', 'admin'],
    field: ['title', 'category', 'location', 'parties', 'description', 'cause', 'measures'],
  };
  for (const [group, codes] of Object.entries(groups)) {
    for (const c of codes) {
      assert.ok(`${group}.${c}` in zhFlat, `zh-CN ${group}.${c}`);
      assert.ok(`${group}.${c}` in enFlat, `en ${group}.${c}`);
    }
  }
});

// Where the app could turn a user's text into HTML or code, a source scan keeps it from doing
// so unescaped. Vue's {{ }} and attribute bindings are text and need nothing; what needs
// care is listed here:
//   1. No HTML sinks at all: v-html, Element Plus's dangerouslyUseHTMLString and raw-content,
//      innerHTML / outerHTML / insertAdjacentHTML / document.write.
//   2. No code from strings (the Content-Security-Policy forbids it): eval, new Function,
//      setTimeout/setInterval with a string.
//   3. ECharts formatters (tooltip, label, legend, axis: any `…formatter:` / `.formatter =` in a
//      script): a template literal in one may only interpolate `${escapeHtml(…)}`; it may not
//      build strings with `+`; and a formatter under a `tooltip` key (whose answer ECharts
//      puts in the page as HTML) must call escapeHtml. Label, legend and axis formatters draw
//      on the canvas, where their plain strings are text.
//   4. index.html has no inline script, inline event handler or javascript: URL.
//   5. A bound href/src/action starts with a fixed scheme (tel:, mailto:) or path: Vue does not
//      refuse a javascript: URL, so data never chooses the scheme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(web, 'src');

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(vue|js|mjs|ts)$/.test(name)) out.push(p);
  }
  return out;
}

// ---- A small scanner for JavaScript, enough for formatters: strings, template literals with
// their interpolations, comments and bracket depth. Regular expression literals are not
// understood; the formatters scanned have none.

/** The text of every <script> block of a single-file component. */
function scriptsOf(vue) {
  return [...vue.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
}

/** Index just past the string or template starting at `i` (quote at `i`); templates record their parts. */
function skipQuoted(code, i, templates) {
  const q = code[i];
  let j = i + 1;
  const parts = [];
  while (j < code.length && code[j] !== q) {
    if (code[j] === '\\') j += 2;
    else if (q === '`' && code[j] === '$' && code[j + 1] === '{') {
      const end = skipExpression(code, j + 2, '}', templates);
      parts.push(code.slice(j + 2, end).trim());
      j = end + 1;
    } else j += 1;
  }
  if (q === '`') templates.push({ start: i, tag: /([\w$.]+)\s*$/.exec(code.slice(Math.max(0, i - 40), i))?.[1] || '', interpolations: parts });
  return j + 1;
}

/**
 * Index of the end of the expression starting at `i`: the first `stop` character (or, when
 * `stop` is ',', also ';' or an unmatched closing bracket) at depth 0.
 */
function skipExpression(code, i, stop, templates) {
  let depth = 0;
  let j = i;
  while (j < code.length) {
    const c = code[j];
    if (c === '/' && code[j + 1] === '/') j = code.indexOf('\n', j) < 0 ? code.length : code.indexOf('\n', j);
    else if (c === '/' && code[j + 1] === '*') j = code.indexOf('*/', j) + 2;
    else if (c === '"' || c === "'" || c === '`') j = skipQuoted(code, j, templates);
    else {
      if (depth === 0 && (c === stop || (stop === ',' && (c === ';' || ')]}'.includes(c))))) return j;
      if ('([{'.includes(c)) depth += 1;
      else if (')]}'.includes(c)) depth -= 1;
      j += 1;
    }
  }
  return j;
}

/** The key of the object literal that encloses position `i` (e.g. 'tooltip'), or ''. */
function enclosingKey(code, i) {
  let depth = 0;
  for (let j = i - 1; j >= 0; j -= 1) {
    const c = code[j];
    if (')]}'.includes(c)) depth += 1;
    else if ('([{'.includes(c)) {
      if (depth === 0) return c === '{' ? /([\w$]+)\s*:\s*$/.exec(code.slice(Math.max(0, j - 60), j))?.[1] || '' : '';
      depth -= 1;
    }
  }
  return '';
}

/**
 * Every formatter in `code`: `xFormatter: value`, `formatter(p) {…}` and `….formatter = value`.
 * Answers [{key, parent, value, templates}]; `parent` is the enclosing object's key, or for an
 * assignment the property before `.formatter`.
 */
function findFormatters(code) {
  const out = [];
  for (const m of code.matchAll(/([\w$.]*?)\b(\w*[fF]ormatter)\s*(:|=(?!=)|(?=\())/g)) {
    const start = m.index + m[0].length;
    const templates = [];
    let end;
    if (m[3] === '') {
      // A method: formatter(p) { … } runs to its closing brace.
      const body = code.indexOf('{', start);
      end = skipExpression(code, body + 1, '}', templates) + 1;
    } else {
      end = skipExpression(code, start, ',', templates);
    }
    const assignedTo = m[3] === '=' ? /([\w$]+)\.$/.exec(m[1])?.[1] : null;
    out.push({ key: m[2], parent: assignedTo ?? enclosingKey(code, m.index), value: code.slice(start, end), templates });
  }
  return out;
}

/** What is wrong with one formatter, as sentences; [] when nothing is. */
function problemsOfFormatter({ parent, value, templates }) {
  const problems = [];
  const isEscapeCall = (expr) => {
    if (!expr.startsWith('escapeHtml(')) return false;
    return skipExpression(expr, 'escapeHtml('.length, ')', []) === expr.length - 1;
  };
  for (const t of templates) {
    if (t.tag) problems.push(`a tagged template (${t.tag}\`…\`)`);
    for (const expr of t.interpolations) if (!isEscapeCall(expr)) problems.push(`\${${expr}} is not \${escapeHtml(…)}`);
  }
  if (/['"`]\s*\+|\+\s*['"`]/.test(value)) problems.push('builds a string with +');
  const isFunction = !/^\s*['"]/.test(value);
  if (parent === 'tooltip' && isFunction && !value.includes('escapeHtml(')) problems.push('a tooltip formatter that does not call escapeHtml');
  return problems;
}

const sources = files(src).map((f) => ({ path: relative(web, f), text: readFileSync(f, 'utf8') }));

function offenders(pattern) {
  const out = [];
  for (const { path, text } of sources) {
    text.split('\n').forEach((line, i) => {
      if (pattern.test(line)) out.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  return out;
}

test('no component renders HTML from a string', () => {
  assert.deepEqual(offenders(/v-html|dangerouslyUseHTMLString|raw-content|rawContent|\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write/), []);
});

test('links bound to data start with a fixed scheme or path (no javascript: URL from a user)', () => {
  const bad = [];
  for (const { path, text } of sources) {
    if (!path.endsWith('.vue')) continue;
    for (const m of text.matchAll(/(?:v-bind)?:(href|src|action|formaction)="([^"]*)"/g)) {
      if (!/^`(?:tel:|mailto:|\/)/.test(m[2]) && !/^'[^']*'$/.test(m[2])) bad.push(`${path}: :${m[1]}="${m[2]}"`);
    }
  }
  assert.deepEqual(bad, []);
});

test('no code is made from strings at run time', () => {
  assert.deepEqual(offenders(/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]|set(?:Timeout|Interval)\s*\(\s*['"`]/), []);
});

test('every ECharts formatter escapes what it puts into HTML', () => {
  const problems = [];
  let count = 0;
  for (const { path, text } of sources) {
    const scripts = path.endsWith('.vue') ? scriptsOf(text) : [text];
    for (const script of scripts) {
      for (const f of findFormatters(script)) {
        count += 1;
        for (const p of problemsOfFormatter(f)) problems.push(`${path}: ${f.key} under ${f.parent || '(top)'}: ${p}`);
      }
    }
  }
  assert.ok(count > 0, 'the scan finds the formatters of the region map');
  assert.deepEqual(problems, []);
});

test('the scan catches an unescaped tooltip', () => {
  const bad = [
    "tooltip: { formatter: (p) => `${p.name}<br/>${p.value}` }",
    "tooltip: { formatter: (p) => p.name }",
    "tooltip: { formatter: (p) => '<b>' + escapeHtml(p.name) + '</b>' }",
    "series: [{ label: { formatter: (p) => `<b>${p.name}</b>` } }]",
    "const o = { tooltip: { trigger: 'item', formatter(p) { return `${p.data.title}`; } } };",
    "opt.tooltip.formatter = (p) => p.name;",
  ];
  for (const code of bad) {
    const found = findFormatters(code);
    assert.equal(found.length, 1, code);
    assert.notDeepEqual(problemsOfFormatter(found[0]), [], code);
  }
  const good = [
    "tooltip: { formatter: (p) => escapeHtml(p.name) }",
    "tooltip: { formatter: (p) => [escapeHtml(p.name), `${escapeHtml(p.seriesName)}: ${escapeHtml(p.value)}`].join('<br/>') }",
    "tooltip: { formatter: '{b}: {c}' }",
    "label: { formatter: (p) => names[p.name] ?? p.name }",
  ];
  for (const code of good) {
    const found = findFormatters(code);
    assert.equal(found.length, 1, code);
    assert.deepEqual(problemsOfFormatter(found[0]), [], code);
  }
});

test('index.html carries no inline script, handler or javascript: URL', () => {
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /\bsrc=/, 'every script is loaded from a file');
    assert.equal(body.trim(), '', 'no script text inline');
  }
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
  assert.doesNotMatch(html, /javascript:/i);
});

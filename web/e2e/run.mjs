// Runs the end-to-end tests: starts `shaobing serve --demo` (binary from SHAOBING_BIN, default
// ../build/shaobing) on a free loopback port with a fresh data directory and the built app,
// waits for /healthz, runs e2e/tests with node's test runner, stops the server (SIGTERM) and
// exits with the runner's status. Arguments pick test files by the start of their names.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, WEB } from './lib.mjs';

const server = await startServer();
console.log(`e2e: server at ${server.base}`);
const dir = join(WEB, 'e2e', 'tests');
// `node e2e/run.mjs xss csp` runs only the files whose names start with those words.
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.mjs') && (!only.length || only.some((w) => f.startsWith(w))))
  .map((f) => join(dir, f));
let code = 1;
try {
  code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE: server.base },
    });
    child.on('exit', (c, signal) => resolve(signal ? 1 : c ?? 1));
  });
} finally {
  await server.stop();
}
if (code !== 0) console.error(`e2e: failed (exit ${code})`);
process.exit(code);

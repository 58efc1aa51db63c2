// Runs the end-to-end tests: starts `shaobing serve --demo` (binary from SHAOBING_BIN, default
// ../build/shaobing) on a free loopback port with a fresh data directory and the built app,
// waits for /healthz, runs e2e/tests with node's test runner, stops the server (SIGTERM) and
// exits with the runner's status.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, WEB } from './lib.mjs';

const server = await startServer();
console.log(`e2e: server at ${server.base}`);
const dir = join(WEB, 'e2e', 'tests');
const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => join(dir, f));
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

/**
 * `npm test`: decides what this machine can run, says so plainly, and runs it in one vitest process.
 *
 *   unit          always
 *   integration   tests/integration + tests/rls, on the Postgres server at TEST_DATABASE_URL / DATABASE_URL /
 *                 postgres://postgres@127.0.0.1:5432/test when one answers, else on the embedded database
 *   data-pglite   the data-layer suite and tests/rls once more on PGlite (proves local mode), always
 *   e2e           Chromium via playwright-core, when a browser is installed (CHROMIUM_PATH or /usr/bin/chromium).
 *                 Without one the run still passes locally, and fails under CI=true.
 *
 * Extra arguments go to vitest (`npm test -- tests/unit/crypto.test.ts`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { adminUrl, serverAvailable } from '../tests/support/pg';

const root = path.resolve(import.meta.dirname, '..');
const started = Date.now();
const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const say = (line: string) => console.log(`[test] ${line}`);

async function main(): Promise<number> {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const projects = ['unit'];

  if (process.env.TEST_DB === 'pglite') {
    say('TEST_DB=pglite: running the data suite on the embedded database');
  } else if (await serverAvailable()) {
    say(`Postgres server at ${redact(adminUrl())}: integration and RLS tests run against it`);
  } else if (ci) {
    say(`FAILED: CI=true runs the integration suite against a real Postgres server, and none answered at ${redact(adminUrl())}`);
    return 1;
  } else {
    process.env.TEST_DB = 'pglite';
    say('no Postgres server: running the data suite on the embedded database');
  }
  projects.push('integration', 'data-pglite');

  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let browserMissing = false;
  if (existsSync(chromium)) {
    projects.push('e2e');
    say(`Chromium at ${chromium}: browser tests run`);
  } else {
    browserMissing = true;
    say(`Browser tests did NOT run: Chromium not found at ${chromium} (apt-get install chromium)`);
  }
  say(`projects: ${projects.join(', ')}`);

  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const args = [vitest, 'run', ...projects.flatMap((p) => ['--project', p]), ...process.argv.slice(2)];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
    child.on('error', (e) => {
      console.error(e);
      resolve(1);
    });
  });

  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (browserMissing) say('Browser tests did NOT run: Chromium not found (apt-get install chromium)');
  if (code !== 0) {
    say(`FAILED (vitest exit code ${code}) in ${secs}s`);
    return code;
  }
  if (browserMissing && ci) {
    say(`FAILED: CI=true requires the browser tests, and Chromium is missing (${secs}s)`);
    return 1;
  }
  say(`passed in ${secs}s`);
  return 0;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured URL';
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

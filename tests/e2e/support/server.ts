/**
 * vitest globalSetup for the browser tests: starts `next dev` on a free port (never 3000) in local mode,
 * building into .next-e2e and using a fresh database (a clone of the migrated template on the Postgres
 * server when there is one, else PGlite in a temp DATA_DIR — never .data/), waits for /api/health, warms
 * the pages the tests visit so first compiles do not eat test time, provides the base URL to the tests
 * (inject('baseUrl')), and at teardown stops the server's whole process group and drops the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { ensureTemplate } from '../../support/global-setup';
import { adminUrl, ROOT, serverAvailable, testDbName, withDatabase } from '../../support/pg';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabase: string;
  }
}

const READY_TIMEOUT_MS = 240_000;
const LOCK_WAIT_MS = 20 * 60_000;
const WARM = ['/login', '/signup', '/dashboard', '/settings/members', '/settings/api-keys', '/dev/mailbox', '/invite/warm-up', '/api/v1/me'];

async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.unref();
      s.on('error', reject);
      s.listen(0, () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    if (port !== 3000) return port;
  }
}

/**
 * next-env.d.ts is rewritten at start to point at the server's dist dir. Put back what was there, but only
 * while it still points at ours (someone's `npm run dev` may have rewritten it since). tsconfig.json already
 * lists .next-e2e, so Next leaves it alone.
 */
function keepNextEnv(file: string): () => void {
  let before: string | undefined;
  try {
    before = readFileSync(file, 'utf8');
  } catch {
    before = undefined;
  }
  return () => {
    try {
      if (before !== undefined && readFileSync(file, 'utf8').includes('.next-e2e/') && !before.includes('.next-e2e/')) writeFileSync(file, before);
    } catch {
      /* gone: leave it */
    }
  };
}

function tail(file: string, lines = 60): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export default async function setup(project: TestProject) {
  let started = Date.now();
  const temp = mkdtempSync(path.join(tmpdir(), 'lp-e2e-'));
  const logFile = path.join(temp, 'next-dev.log');
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;

  // A fresh database for this run.
  let dbName: string | undefined;
  let databaseUrl: string | undefined;
  if (process.env.TEST_DB !== 'pglite' && (await serverAvailable())) {
    const tpl = await ensureTemplate();
    dbName = testDbName();
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${dbName}" template "${tpl}"`);
    } finally {
      await admin.end();
    }
    databaseUrl = withDatabase(adminUrl(), dbName);
  }

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) {
    // Nothing from the caller's configuration may turn this server into something else (cloud mode, .data/).
    if (/^(DATABASE_|TEST_DATABASE_URL|SUPABASE_|TRIGGER_|RESEND_|LEADPILOT_|DATA_DIR|APP_URL|ENCRYPTION_|SESSION_SECRET|TRACKING_SECRET|SIGNIN_|VITEST|NODE_ENV)/.test(k)) delete env[k];
  }
  Object.assign(env, {
    LEADPILOT_MODE: 'local',
    APP_URL: baseUrl,
    DATA_DIR: path.join(temp, 'data'),
    NEXT_DIST_DIR: '.next-e2e',
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });

  const restoreFiles = keepNextEnv(path.join(ROOT, 'next-env.d.ts'));
  let child!: ChildProcess;
  let exited: number | null | undefined;
  const launch = () => {
    const log = openSync(logFile, 'w');
    child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'dev', '--port', String(port)], {
      cwd: ROOT,
      env,
      detached: true, // its own process group, so teardown stops next and its workers together
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    exited = undefined;
    child.on('exit', (code) => (exited = code ?? -1));
  };
  launch();

  const stop = async () => {
    if (child.pid && exited === undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const deadline = Date.now() + 10_000;
      while (exited === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (exited === undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    restoreFiles();
    if (dbName) {
      const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
      await admin.end();
    }
    rmSync(temp, { recursive: true, force: true });
  };

  try {
    // Ready when the health check answers (the first request also compiles and boots: migrations, runner).
    let waitingSince: number | undefined;
    for (;;) {
      if (exited !== undefined && /already running/.test(tail(logFile))) {
        // Another e2e run in this checkout holds .next-e2e (Next allows one dev server per dist dir): wait for it.
        if (waitingSince === undefined) {
          waitingSince = Date.now();
          console.log('[e2e] another e2e run is using .next-e2e in this checkout; waiting for it to finish');
        }
        if (Date.now() - waitingSince > LOCK_WAIT_MS) throw new Error(`another e2e run kept .next-e2e busy for ${LOCK_WAIT_MS / 60_000} minutes`);
        await new Promise((r) => setTimeout(r, 5_000));
        started = Date.now();
        launch();
        continue;
      }
      if (exited !== undefined) throw new Error(`next dev exited with code ${exited} before it was ready`);
      if (Date.now() - started > READY_TIMEOUT_MS) throw new Error(`next dev was not ready after ${READY_TIMEOUT_MS / 1000}s`);
      try {
        const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(60_000) });
        if (res.ok && ((await res.json()) as { ok?: boolean }).ok) break;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    restoreFiles();
    for (const page of WARM) {
      await fetch(`${baseUrl}${page}`, { redirect: 'manual', signal: AbortSignal.timeout(180_000) }).then((r) => r.arrayBuffer()).catch(() => {});
    }
  } catch (e) {
    console.error(`\n[e2e] the app server did not start. Last lines of ${logFile}:\n${tail(logFile)}\n`);
    await stop();
    throw e;
  }
  console.log(`[e2e] next dev ready at ${baseUrl} (${databaseUrl ? `database ${dbName}` : 'PGlite'}) in ${((Date.now() - started) / 1000).toFixed(0)}s`);

  project.provide('baseUrl', baseUrl);
  project.provide('e2eDatabase', databaseUrl ? dbName! : 'pglite');
  return stop;
}

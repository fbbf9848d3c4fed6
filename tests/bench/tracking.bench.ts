/**
 * Open pixel and click redirect (S8) under load from other processes (wrk) against the PRODUCTION
 * build (`next build` into .next-bench, then `next start` on a free port, a scratch Postgres database),
 * beside a bare route handler of the same build (/t/bare, on only with BENCH_BASELINE=1) that answers
 * the same bytes without checking or recording anything. The tracked and the bare endpoint are loaded at
 * the same time (two wrk processes, same connections), so a machine busy with other work affects both
 * alike. Every tracked hit must be in message_events afterwards (rows are counted once the server's
 * write buffer is flushed: the count is polled until it stops moving).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase, rows, sql } from '../../src/db';
import { migrate } from '../../src/db/migrate';
import { resetEnvForTests } from '../../src/lib/env';
import type { TBenchReport } from './lib';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = process.env.BENCH_TRACKING_SECONDS ?? '8';
const CONNECTIONS = process.env.BENCH_TRACKING_CONNECTIONS ?? '32';
const MESSAGES = 2000;
const ROUNDS = Number(process.env.BENCH_TRACKING_ROUNDS ?? 3);
const SECRET = 'bench-tracking-secret-0123456789-abcdefghij';

process.env.LEADPILOT_MODE ??= 'local';
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
process.env.SESSION_SECRET ??= 'bench-session-secret-0123456789-abcdefghij';
process.env.TRACKING_SECRET = SECRET;
process.env.DATA_DIR ??= `/tmp/lp-bench-${process.pid}`;

async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.on('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    if (port !== 3000) return port;
  }
}

function ensureWrk(): string {
  try {
    return execFileSync('which', ['wrk']).toString().trim();
  } catch {
    execFileSync('apt-get', ['install', '-y', 'wrk'], { stdio: 'inherit' });
    return execFileSync('which', ['wrk']).toString().trim();
  }
}

type TWrk = { rps: number; p99Ms: number; requests: number; errors: number };

function parseWrk(out: string): TWrk {
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99Ms = p99 ? Number(p99[1]) * (p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1) : NaN;
  const non2xx = num(/Non-2xx or 3xx responses:\s+(\d+)/);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p99Ms,
    requests: num(/(\d+) requests in/),
    errors: (Number.isNaN(non2xx) ? 0 : non2xx) + (socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0),
  };
}

/** One wrk process (its own threads and connections) against one endpoint. */
function wrk(bin: string, url: string, script: string, connections: string): Promise<TWrk> {
  const args = ['-t', '1', '-c', connections, '-d', `${DURATION}s`, '--latency', '-s', script, url];
  return new Promise((resolve, reject) => {
    const p = spawn(bin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.once('error', reject);
    p.once('exit', (code) => (code === 0 ? resolve(parseWrk(out)) : reject(new Error(`wrk exited with ${code}: ${out}`))));
  });
}

/** A wrk script that walks through many paths (many messages), round-robin. */
function pathsScript(dir: string, name: string, paths: string[]): string {
  const file = path.join(dir, `${name}.lua`);
  writeFileSync(file, `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36" })
end
`);
  return file;
}

/** next build rewrites next-env.d.ts for its dist folder; put back what a running `npm run dev` expects. */
const NEXT_ENV = path.join(ROOT, 'next-env.d.ts');
let nextEnvBefore: string | undefined;
function keepNextEnv(): void {
  nextEnvBefore = existsSync(NEXT_ENV) ? readFileSync(NEXT_ENV, 'utf8') : undefined;
}
function restoreNextEnv(): void {
  try {
    if (nextEnvBefore !== undefined && readFileSync(NEXT_ENV, 'utf8').includes('.next-bench/') && !nextEnvBefore.includes('.next-bench/')) writeFileSync(NEXT_ENV, nextEnvBefore);
  } catch {
    /* gone: leave it */
  }
}

export default async function bench(): Promise<TBenchReport> {
  const wrkBin = ensureWrk();
  const temp = mkdtempSync(path.join(tmpdir(), 'lp-bench-tracking-'));
  const name = `lp_bench_tracking_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  const url = u.toString();
  const h = await openDatabase({ kind: 'postgres', url, max: 4 });
  let server: ChildProcess | undefined;
  try {
    await migrate(h);
    // Messages to track: an org, a campaign, leads, enrollments, sent messages (set-based).
    const [org] = await rows<{ id: string }>(h.db, sql`insert into public.organizations (name, slug) values ('Bench', ${`bench-${randomBytes(3).toString('hex')}`}) returning id`);
    const orgId = org!.id;
    await h.db.execute(sql`
      with s as (insert into public.sequences (org_id, name) values (${orgId}, 'Bench') returning id),
      v as (insert into public.sequence_versions (org_id, sequence_id, version, steps) select ${orgId}::uuid, s.id, 1, '[]'::jsonb from s returning id, sequence_id),
      c as (insert into public.campaigns (org_id, name, status, sequence_id) select ${orgId}::uuid, 'Bench', 'active', v.sequence_id from v returning id),
      l as (insert into public.leads (org_id, email) select ${orgId}::uuid, 'lead-' || i || '@bench.test' from generate_series(1, ${MESSAGES}) i returning id, email),
      e as (insert into public.enrollments (org_id, campaign_id, lead_id, sequence_version_id) select ${orgId}::uuid, c.id, l.id, v.id from l, c, v returning id, lead_id, campaign_id)
      insert into public.messages (org_id, campaign_id, enrollment_id, lead_id, step_id, status, to_email, subject, sent_at)
      select ${orgId}::uuid, e.campaign_id, e.id, e.lead_id, 's1', 'sent', l.email, 'Hello', now() - interval '1 hour' from e join l on l.id = e.lead_id`);
    const ids = (await rows<{ id: string }>(h.db, sql`select id from public.messages where org_id = ${orgId}::uuid`)).map((r) => r.id);

    // Tokens signed with the server's secret (the same TRACKING_SECRET is given to it below).
    resetEnvForTests();
    const { openUrl, clickUrl } = await import('../../src/features/sequences');
    const sentAt = new Date(Date.now() - 3600_000);
    const opens = ids.map((id) => new URL(openUrl(id, sentAt)).pathname);
    const clicks = ids.map((id) => new URL(clickUrl(id, `https://example.com/landing?m=${id.slice(0, 8)}`, sentAt)!).pathname);

    // The production build, into its own folder.
    const dist = '.next-bench';
    const env = {
      ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: url, DATABASE_POOL_MAX: '10',
      LEADPILOT_MODE: 'local', TRACKING_SECRET: SECRET, BENCH_BASELINE: '1', LOG_LEVEL: 'silent', DATA_DIR: temp,
    } as NodeJS.ProcessEnv;
    const nextBin = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
    keepNextEnv();
    const tBuild = performance.now();
    // BENCH_TRACKING_REUSE_BUILD=1 starts the last .next-bench build again (for repeated measurements).
    if (process.env.BENCH_TRACKING_REUSE_BUILD !== '1' || !existsSync(path.join(ROOT, dist, 'BUILD_ID'))) {
      execFileSync(process.execPath, [nextBin, 'build'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const buildS = (performance.now() - tBuild) / 1000;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not yet */
      }
      if (i > 300) throw new Error('next start did not answer /api/health within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const bare = await fetch(`${base}/t/bare`);
    if (bare.status !== 200) throw new Error(`the baseline route answered ${bare.status}; BENCH_BASELINE did not reach the server`);
    // Warm every route up.
    for (let i = 0; i < 200; i++) {
      await fetch(`${base}/t/bare`);
      await fetch(`${base}${opens[i % opens.length]}`);
      await fetch(`${base}${clicks[i % clicks.length]}`, { redirect: 'manual' });
    }
    const events = async () => (await rows<{ n: number }>(h.db, sql`select count(*)::int as n from public.message_events`))[0]!.n;
    const settle = async () => {
      let last = -1;
      for (let i = 0; i < 60; i++) {
        await new Promise((r) => setTimeout(r, 500));
        const n = await events();
        if (n === last) return n;
        last = n;
      }
      return last;
    };
    const warm = await settle();
    const openScript = pathsScript(temp, 'open', opens);
    const clickScript = pathsScript(temp, 'click', clicks);
    const bareScript = pathsScript(temp, 'bare', ['/t/bare']);

    // The tracked endpoint and the bare one are loaded AT THE SAME TIME by two wrk processes with the same
    // number of connections: both meet the same machine load, and the server's CPU goes to each in inverse
    // proportion to what a request costs. A round = (bare ‖ open) then (bare ‖ click); figures are medians.
    const half = String(Math.max(1, Math.floor(Number(CONNECTIONS) / 2)));
    const pairs: Record<'open' | 'click', { bare: TWrk; tracked: TWrk }[]> = { open: [], click: [] };
    const recorded: Record<'open' | 'click', number> = { open: 0, click: 0 };
    const requested: Record<'open' | 'click', number> = { open: 0, click: 0 };
    let before = warm;
    for (let r = 0; r < ROUNDS; r++) {
      for (const kind of r % 2 ? (['click', 'open'] as const) : (['open', 'click'] as const)) {
        const [b, t] = await Promise.all([wrk(wrkBin, base, bareScript, half), wrk(wrkBin, base, kind === 'open' ? openScript : clickScript, half)]);
        pairs[kind].push({ bare: b, tracked: t });
        const after = await settle();
        recorded[kind] += after - before;
        requested[kind] += t.requests;
        before = after;
      }
    }
    const median = (xs: number[]) => {
      const v = [...xs].sort((x, y) => x - y);
      return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
    };
    const of = (k: 'open' | 'click') => ({
      rps: median(pairs[k].map((p) => p.tracked.rps)),
      bareRps: median(pairs[k].map((p) => p.bare.rps)),
      ratio: median(pairs[k].map((p) => p.tracked.rps / p.bare.rps)),
      p99: median(pairs[k].map((p) => p.tracked.p99Ms)),
      bareP99: median(pairs[k].map((p) => p.bare.p99Ms)),
    });
    const open = of('open');
    const click = of('click');
    const firsts = (await rows<{ n: number }>(h.db, sql`select count(*)::int as n from public.message_events where is_first`))[0]!.n;
    return {
      title: `Tracking under wrk (tracked ‖ bare at the same time, ${half} + ${half} connections, ${ROUNDS} rounds of ${DURATION} s) against next start (production build, ${buildS.toFixed(0)} s to build)`,
      figures: [
        { name: 'open pixel (median)', value: open.rps, unit: 'req/s', baseline: { name: 'bare route, same build, same time', value: open.bareRps }, target: { value: 0.8 * open.bareRps, better: 'higher' } },
        { name: 'open pixel / bare, median of rounds', value: open.ratio, unit: '×', target: { value: 0.8, better: 'higher' } },
        { name: 'open pixel p99 (median)', value: open.p99, unit: 'ms', baseline: { name: 'bare route p99', value: open.bareP99 } },
        { name: 'click redirect (median)', value: click.rps, unit: 'req/s', baseline: { name: 'bare route, same build, same time', value: click.bareRps }, target: { value: 0.8 * click.bareRps, better: 'higher' } },
        { name: 'click redirect / bare, median of rounds', value: click.ratio, unit: '×', target: { value: 0.8, better: 'higher' } },
        { name: 'click redirect p99 (median)', value: click.p99, unit: 'ms', baseline: { name: 'bare route p99', value: click.bareP99 } },
        { name: 'open hits recorded', value: recorded.open, unit: 'rows', target: { value: requested.open, better: 'higher' } },
        { name: 'click hits recorded', value: recorded.click, unit: 'rows', target: { value: requested.click, better: 'higher' } },
      ],
      notes: [
        ...(['open', 'click'] as const).map((k) => `${k} ‖ bare per round: ${pairs[k].map((p) => `${p.tracked.rps.toFixed(0)} ‖ ${p.bare.rps.toFixed(0)}`).join(', ')} req/s; errors ${pairs[k].reduce((n, p) => n + p.tracked.errors + p.bare.errors, 0)}`),
        `load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores; other work on the machine moves the absolute numbers, not the same-time ratio)`,
        `wrk completed ${requested.open} open and ${requested.click} click requests in all; rows may exceed them by requests in flight when wrk stopped`,
        `${firsts} human firsts over ${MESSAGES} messages (one per message and kind)`,
      ],
    };
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    await h.close();
    const a = postgres(ADMIN, { max: 1, onnotice: () => {} });
    await a.unsafe(`drop database if exists "${name}" with (force)`);
    await a.end();
    restoreNextEnv();
  }
}

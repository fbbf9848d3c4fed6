/**
 * Import of a generated 100,000-row CSV end to end (upload check + scan, parse, normalise, dedupe,
 * companies, write, timeline events) on the local Postgres server, against two baselines measured in the
 * same run on the same rows: a plain COPY into a scratch table, and an INSERT … SELECT of those rows into
 * a table shaped like `leads` (its indexes, checks and generated columns; no triggers), which is the
 * floor any import into this schema pays.
 *
 * The import runs in a child Node process sized like a 512 MB worker (--max-old-space-size=256), which
 * samples its own RSS every 20 ms: without a heap limit V8 lets short-lived garbage pile up to the
 * machine's generous default before collecting, which says nothing about what the import needs.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import type { TBenchReport } from './lib';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HEAP_MB = Number(process.env.BENCH_IMPORT_HEAP_MB ?? 256);

const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Emma', 'Felix', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Liam', 'Mia', 'Noah', 'Olga', 'Paul'];
const LAST = ['Müller', 'Smith', 'García', 'Rossi', 'Dubois', 'Nowak', 'Jensen', 'Silva', 'Kowalski', 'Novak', "O'Brien", 'van Dijk'];
const TITLES = ['CEO', 'CTO', 'VP Sales', 'Head of Marketing', 'Engineer', 'Founder', 'Operations Manager', 'Buyer'];
/** Country, an E.164 number and the same number as written at home, from 7 digits. */
const COUNTRIES: [string, (d: string) => string, (d: string) => string][] = [
  ['Germany', (d) => `+4930${d}`, (d) => `030 ${d.slice(0, 3)} ${d.slice(3)}`],
  ['United States', (d) => `+1415${d}`, (d) => `(415) ${d.slice(0, 3)}-${d.slice(3)}`],
  ['France', (d) => `+336${d}1`, (d) => `06 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6)}1`],
  ['United Kingdom', (d) => `+44207${d}`, (d) => `020 7${d.slice(0, 3)} ${d.slice(3)}`],
];

/** A realistic file: 20,000 companies, phones in E.164 and national formats, 1 % duplicates, 1 % invalid emails. */
export function generateCsv(n: number): string {
  const lines = ['Email,First Name,Last Name,Title,Phone,Country,Company,Company Website,City,LinkedIn URL'];
  for (let i = 0; i < n; i++) {
    const c = COUNTRIES[i % 4]!;
    const co = i % 20_000;
    const num = String(2_000_000 + ((i * 7919) % 7_999_999));
    const phone = i % 10 < 5 ? c[1](num) : i % 10 < 8 ? c[2](num) : '';
    const email = i % 97 === 0 ? `broken-at-${i}` : i % 101 === 0 ? `person${i - 1}@company${(i - 1) % 20_000}.com` : `person${i}@company${co}.com`;
    lines.push([
      email, FIRST[i % FIRST.length], LAST[(i >> 4) % LAST.length], TITLES[i % TITLES.length], phone, c[0], `Company ${co} GmbH`,
      `https://www.company${co}.com/`, 'Berlin', i % 3 === 0 ? `https://www.linkedin.com/in/person-${i}` : '',
    ].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

type TChildResult = {
  scanMs: number; jobMs: number; peakRss: number; created: number; updated: number; skippedDuplicate: number; rejected: number;
  /** CPU time of the importing process and of the database's server processes for this database, during the job. */
  jobNodeCpuMs: number; jobDbCpuMs: number | null;
};

/** CPU time (ms) of the server processes serving this database, read from /proc (null where the server is not local). */
async function serverCpuMs(sql: (q: TemplateStringsArray) => Promise<{ pid: number }[]>): Promise<Map<number, number> | null> {
  const { readFileSync } = await import('node:fs');
  const out = new Map<number, number>();
  try {
    for (const { pid } of await sql`select pid from pg_stat_activity where datname = current_database()`) {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, ((Number(f[11]) + Number(f[12])) * 1000) / 100);
    }
    return out;
  } catch {
    return null;
  }
}

/** Child side: runs the import against the database the parent prepared and reports on stdout. */
async function child(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  const { openDatabase, withUser } = await import('../../src/db');
  const { confirmImport, runImport, startImport } = await import('../../src/features/leads');
  const { createPerson } = await import('../support/world');
  const h = await openDatabase({ kind: 'postgres', url: process.env.LP_BENCH_URL!, max: 4 });
  const p = await createPerson(h.db, { orgName: 'Bench' });
  const actor = { orgId: p.orgId, userId: p.userId };
  let bytes: Buffer | null = Buffer.from(generateCsv(ROWS));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t1 = performance.now();
  const proposal = await withUser(h.db, p.claims, (tx) => startImport(tx, actor, { bytes: bytes!, fileName: 'bench.csv' }));
  bytes = null;
  await withUser(h.db, p.claims, (tx) => confirmImport(tx, actor, proposal.import.id, { mapping: proposal.mapping, options: { dedupe: 'skip' } }));
  const probe = postgres(process.env.LP_BENCH_URL!, { max: 1, onnotice: () => {} });
  const cpu0 = await serverCpuMs(probe);
  const node0 = process.cpuUsage();
  const t2 = performance.now();
  const s = await runImport({ db: h.db }, { importId: proposal.import.id, orgId: p.orgId });
  const t3 = performance.now();
  const node1 = process.cpuUsage(node0);
  const cpu1 = await serverCpuMs(probe);
  await probe.end();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  await h.close();
  const dbCpu = cpu0 && cpu1 ? [...cpu1].reduce((sum, [pid, ms]) => sum + ms - (cpu0.get(pid) ?? 0), 0) : null;
  const out: TChildResult = {
    scanMs: t2 - t1, jobMs: t3 - t2, peakRss: peak, created: s.created, updated: s.updated, skippedDuplicate: s.skippedDuplicate, rejected: s.rejected,
    jobNodeCpuMs: (node1.user + node1.system) / 1000, jobDbCpuMs: dbCpu,
  };
  process.stdout.write(`\nLP_BENCH_RESULT ${JSON.stringify(out)}\n`);
}

function runChild(url: string): Promise<TChildResult> {
  return new Promise((resolve, reject) => {
    const file = fileURLToPath(import.meta.url);
    const proc = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', file], {
      env: {
        ...process.env, LP_IMPORT_BENCH_CHILD: '1', LP_BENCH_URL: url, LEADPILOT_MODE: 'local', LOG_LEVEL: 'silent', DATA_DIR: `/tmp/lp-bench-${process.pid}`,
        ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), SESSION_SECRET: 'bench-session-secret-0123456789-abcdefghij',
        TRACKING_SECRET: 'bench-tracking-secret-0123456789-abcdefghij', DATABASE_URL: url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('close', (code) => {
      const line = /LP_BENCH_RESULT (.+)/.exec(out)?.[1];
      if (code === 0 && line) resolve(JSON.parse(line) as TChildResult);
      else reject(new Error(`import child failed (${code}): ${err.slice(-2000)}`));
    });
  });
}

export default async function bench(): Promise<TBenchReport> {
  const { openDatabase } = await import('../../src/db');
  const { migrate } = await import('../../src/db/migrate');
  const name = `lp_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  const url = u.toString();
  try {
    const h = await openDatabase({ kind: 'postgres', url, max: 1 });
    await migrate(h);
    await h.close();
    const bytes = Buffer.from(generateCsv(ROWS));

    // Baseline 1: COPY the same rows into a scratch table (no indexes).
    const raw = postgres(url, { max: 1, onnotice: () => {} });
    await raw.unsafe(`create table copy_scratch (email text, first_name text, last_name text, title text, phone text, country text,
                      company text, website text, city text, linkedin text)`);
    const t0 = performance.now();
    const writable = await raw.unsafe('copy copy_scratch from stdin with (format csv, header true)').writable();
    await pipeline(Readable.from([bytes]), writable);
    const copyMs = performance.now() - t0;

    // Baseline 2: the same rows into a table shaped like leads (indexes, checks, generated columns).
    await raw.unsafe(`create table leads_probe (like public.leads including all)`);
    await raw.unsafe(`set gin_pending_list_limit = 65536`);
    const t1 = performance.now();
    await raw.unsafe(`insert into leads_probe (org_id, email, first_name, last_name, title, country, company_name, website, city, linkedin_url)
                      select gen_random_uuid(), lower(email), first_name, last_name, title, left(country, 2), company, website, city, nullif(linkedin, '')
                      from copy_scratch where email like '%@%' and email not in (select email from copy_scratch group by email having count(*) > 1)`);
    const probeRows = Number((await raw.unsafe(`select count(*) as n from leads_probe`))[0]!.n);
    const probeMs = performance.now() - t1;
    await raw.end();

    const r = await runChild(url);
    const total = (r.scanMs + r.jobMs) / 1000;
    return {
      title: `Import of a ${ROWS.toLocaleString('en')}-row CSV (${(bytes.byteLength / 1e6).toFixed(1)} MB) end to end`,
      figures: [
        { name: 'import end to end (upload scan + job)', value: ROWS / total, unit: 'rows/s', baseline: { name: 'COPY into a scratch table', value: ROWS / (copyMs / 1000) }, target: { value: 30_000, better: 'higher' } },
        { name: 'import job alone (parse, normalise, dedupe, write)', value: ROWS / (r.jobMs / 1000), unit: 'rows/s', baseline: { name: 'INSERT into a leads-shaped table', value: probeRows / (probeMs / 1000) } },
        { name: 'peak RSS of the importing process', value: r.peakRss / 1024 / 1024, unit: 'MB', target: { value: 512, better: 'lower' } },
      ],
      notes: [
        `upload scan ${(r.scanMs / 1000).toFixed(2)} s, job ${(r.jobMs / 1000).toFixed(2)} s; COPY ${(copyMs / 1000).toFixed(2)} s; leads-shaped INSERT of ${probeRows.toLocaleString('en')} rows ${(probeMs / 1000).toFixed(2)} s`,
        `CPU during the job: importing process ${(r.jobNodeCpuMs / 1000).toFixed(2)} s, database server ${r.jobDbCpuMs === null ? 'not measured (not a local server)' : `${(r.jobDbCpuMs / 1000).toFixed(2)} s`}`,
        `created ${r.created}, updated ${r.updated}, skipped duplicates ${r.skippedDuplicate}, rejected ${r.rejected}`,
        `importing process: node --max-old-space-size=${HEAP_MB} (a 512 MB worker)`,
        `load average after the run: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
      ],
    };
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
  }
}

if (process.env.LP_IMPORT_BENCH_CHILD === '1') {
  child().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

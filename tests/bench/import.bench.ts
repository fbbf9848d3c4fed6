/**
 * Import of a generated 100,000-row CSV end to end (upload check + scan, parse, normalise, dedupe,
 * companies, write, events) on the local Postgres server, against a plain COPY of the same rows into a
 * scratch table measured in the same run. Peak RSS is sampled every 20 ms.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { openDatabase, withUser, type DbHandle } from '../../src/db';
import { migrate } from '../../src/db/migrate';
import { confirmImport, runImport, startImport } from '../../src/features/leads';
import { createPerson } from '../support/world';
import type { TBenchReport } from './lib';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

process.env.LEADPILOT_MODE ??= 'local';
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
process.env.SESSION_SECRET ??= 'bench-session-secret-0123456789-abcdefghij';
process.env.TRACKING_SECRET ??= 'bench-tracking-secret-0123456789-abcdefghij';
process.env.DATA_DIR ??= `/tmp/lp-bench-${process.pid}`;

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
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i >> 4) % LAST.length]!;
    const num = String(2_000_000 + ((i * 7919) % 7_999_999));
    const phone = i % 10 < 5 ? c[1](num) : i % 10 < 8 ? c[2](num) : '';
    const email = i % 97 === 0 ? `broken-at-${i}` : i % 101 === 0 ? `person${i - 1}@company${(i - 1) % 20_000}.com` : `person${i}@company${co}.com`;
    lines.push([
      email, first, last, TITLES[i % TITLES.length], phone, c[0], `Company ${co} GmbH`, `https://www.company${co}.com/`, 'Berlin',
      i % 3 === 0 ? `https://www.linkedin.com/in/person-${i}` : '',
    ].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function scratchDb(): Promise<{ h: DbHandle; url: string; drop: () => Promise<void> }> {
  const name = `lp_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  const url = u.toString();
  const h = await openDatabase({ kind: 'postgres', url, max: 4 });
  await migrate(h);
  return {
    h,
    url,
    drop: async () => {
      await h.close();
      const a = postgres(ADMIN, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

export default async function bench(): Promise<TBenchReport> {
  const bytes = Buffer.from(generateCsv(ROWS));
  const { h, url, drop } = await scratchDb();
  try {
    // Baseline: COPY the same rows into a scratch table (no indexes), same server, same run.
    const raw = postgres(url, { max: 1, onnotice: () => {} });
    await raw.unsafe(`create table copy_scratch (email text, first_name text, last_name text, title text, phone text, country text,
                      company text, website text, city text, linkedin text)`);
    const t0 = performance.now();
    const writable = await raw.unsafe('copy copy_scratch from stdin with (format csv, header true)').writable();
    await pipeline(Readable.from([bytes]), writable);
    const copyMs = performance.now() - t0;
    await raw.end();

    const p = await createPerson(h.db, { orgName: 'Bench' });
    const actor = { orgId: p.orgId, userId: p.userId };
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t1 = performance.now();
    const proposal = await withUser(h.db, p.claims, (tx) => startImport(tx, actor, { bytes, fileName: 'bench.csv' }));
    await withUser(h.db, p.claims, (tx) => confirmImport(tx, actor, proposal.import.id, { mapping: proposal.mapping, options: { dedupe: 'skip' } }));
    const t2 = performance.now();
    const s = await runImport({ db: h.db }, { importId: proposal.import.id, orgId: p.orgId });
    const t3 = performance.now();
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const total = (t3 - t1) / 1000;
    return {
      title: `Import of a ${ROWS.toLocaleString('en')}-row CSV (${(bytes.byteLength / 1e6).toFixed(1)} MB) end to end`,
      figures: [
        { name: 'import end to end (upload scan + job)', value: ROWS / total, unit: 'rows/s', baseline: { name: 'COPY into a scratch table', value: ROWS / (copyMs / 1000) }, target: { value: 30_000, better: 'higher' } },
        { name: 'import job alone (parse, normalise, dedupe, write)', value: ROWS / ((t3 - t2) / 1000), unit: 'rows/s' },
        { name: 'peak RSS', value: peak / 1024 / 1024, unit: 'MB', target: { value: 512, better: 'lower' } },
      ],
      notes: [
        `upload scan ${((t2 - t1) / 1000).toFixed(2)} s, job ${((t3 - t2) / 1000).toFixed(2)} s, COPY ${(copyMs / 1000).toFixed(2)} s`,
        `created ${s.created}, updated ${s.updated}, skipped duplicates ${s.skippedDuplicate}, rejected ${s.rejected}`,
      ],
    };
  } finally {
    await drop();
  }
}

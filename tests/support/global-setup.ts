/**
 * Once per run: build (or reuse) the migrated template database, and drop leftovers of earlier runs.
 * Several people (and CI) may run tests on the same server at once, with different migrations: the
 * template is built under a temporary name and renamed when complete (so nobody clones a half-migrated
 * one), an advisory lock keeps two runs from building the same template, and clean-up only drops test
 * databases that are old and unused, and templates beyond the newest few.
 */
import postgres from 'postgres';
import { openDatabase } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { adminUrl, serverAvailable, templateName, testDbAge, withDatabase } from './pg';

const KEEP_TEMPLATES = 4;
const STALE_TEST_DB_MS = 60 * 60_000;
const LOCK = 724_311_978;

export default async function setup() {
  if (process.env.TEST_DB === 'pglite') return;
  if (!(await serverAvailable())) {
    process.env.TEST_DB = 'pglite';
    console.warn('[tests] No Postgres server answered at the test URL; using the embedded database (PGlite).');
    return;
  }
  await ensureTemplate();
}

export async function ensureTemplate(): Promise<string> {
  const tpl = templateName();
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_advisory_lock(${LOCK})`;
    try {
      await dropLeftovers(admin, tpl);
      const [exists] = await admin`select 1 from pg_database where datname = ${tpl}`;
      if (!exists) {
        const building = `${tpl}_build`;
        await admin.unsafe(`drop database if exists "${building}" with (force)`);
        await admin.unsafe(`create database "${building}"`);
        const h = await openDatabase({ kind: 'postgres', url: withDatabase(adminUrl(), building), max: 1 });
        try {
          await migrate(h);
        } finally {
          await h.close();
        }
        await admin.unsafe(`alter database "${building}" rename to "${tpl}"`);
        await admin.unsafe(`alter database "${tpl}" with is_template true`);
      }
    } finally {
      await admin`select pg_advisory_unlock(${LOCK})`;
    }
  } finally {
    await admin.end();
  }
  return tpl;
}

async function dropLeftovers(admin: postgres.Sql, current: string) {
  const dbs = await admin<{ datname: string; busy: boolean }[]>`
    select d.datname, exists (select 1 from pg_stat_activity a where a.datname = d.datname) as busy
    from pg_database d where d.datname like 'lp\\_t\\_%' or d.datname like 'lp\\_tpl\\_%' order by d.oid desc`;
  const drop = async (name: string) => {
    await admin.unsafe(`alter database "${name}" with is_template false`).catch(() => {});
    await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
  };
  for (const d of dbs.filter((x) => x.datname.startsWith('lp_t_'))) {
    const age = testDbAge(d.datname);
    if (!d.busy && (age === undefined || age > STALE_TEST_DB_MS)) await drop(d.datname);
  }
  const templates = dbs.filter((x) => x.datname.startsWith('lp_tpl_') && x.datname !== current && !x.datname.endsWith('_build'));
  for (const t of templates.slice(KEEP_TEMPLATES - 1)) if (!t.busy) await drop(t.datname);
}

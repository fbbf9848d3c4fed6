/**
 * `testDb()` gives a test file its own migrated database: a clone of the template on the Postgres
 * server, or an in-memory PGlite (TEST_DB=pglite). Close it in afterAll.
 *
 * PGlite: creating a cluster from scratch (initdb in WASM) costs seconds per test file, so the first
 * file migrates one and saves a dump of it in the temp dir (keyed by the schema hash); later files load
 * that dump, which is the same database in a fraction of the time.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/pglite';
import { openDatabase, type Db, type DbHandle } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import * as schema from '../../src/db/schema';
import { adminUrl, ROOT, schemaHash, templateName, testDbName, withDatabase } from './pg';
import { ensureTemplate } from './global-setup';

async function pgliteTestDb(): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  const dump = path.join(tmpdir(), `lp-pglite-${schemaHash()}-${version}.tar.gz`);
  if (existsSync(dump)) {
    try {
      const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(dump)]), extensions: { pg_trgm } });
      const db = drizzle({ client, schema }) as unknown as Db;
      return {
        db,
        kind: 'pglite',
        label: 'PGlite in memory (from the migrated template dump)',
        exec: async (script, o) => {
          if (o?.transaction) await client.transaction((tx) => tx.exec(script));
          else await client.exec(script);
        },
        close: () => client.close(),
      };
    } catch {
      /* a damaged or incompatible dump: build a fresh one below */
    }
  }
  const h = await openDatabase({ kind: 'pglite', dir: 'memory' });
  await migrate(h);
  const client = (h.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
  const blob = await client.dumpDataDir('gzip');
  const tmp = `${dump}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  renameSync(tmp, dump); // atomic: a parallel worker sees the old state or the whole dump
  for (const f of readdirSync(tmpdir())) {
    // Dumps of older schemas: keep a day's worth (other checkouts may still use them), then drop them.
    const full = path.join(tmpdir(), f);
    if (/^lp-pglite-.*\.tar\.gz$/.test(f) && full !== dump && Date.now() - statSync(full).mtimeMs > 86_400_000) rmSync(full, { force: true });
  }
  return h;
}

export type TTestDb = DbHandle & { url?: string; name?: string };

export async function testDb(opts: { max?: number } = {}): Promise<TTestDb> {
  if (process.env.TEST_DB === 'pglite') return pgliteTestDb();
  const name = testDbName();
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${templateName()}"`);
        break;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (attempt >= 5) throw e;
        if (code === '3D000') await ensureTemplate(); // the migrations changed since the run started
        else if (code === '55006') await new Promise((r) => setTimeout(r, 200 * attempt)); // template briefly in use
        else throw e;
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl(), name);
  const h = await openDatabase({ kind: 'postgres', url, max: opts.max ?? 10 });
  return {
    ...h,
    url,
    name,
    close: async () => {
      await h.close();
      const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await a.end();
    },
  };
}

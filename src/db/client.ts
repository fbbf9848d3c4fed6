/**
 * Database clients. Local mode without DATABASE_URL uses PGlite (real Postgres in WASM) stored under
 * DATA_DIR/pglite; otherwise postgres.js against DATABASE_URL. Both are wrapped by Drizzle and exposed as
 * the same `Db` type, so the rest of the code never knows which one it talks to.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema';

export type TSchema = typeof schema;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT & any, TSchema>;

export type DbHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for the start-up banner and errors (no password). */
  label: string;
  /** Runs a multi-statement SQL script (migrations), optionally inside one transaction. */
  exec(script: string, opts?: { transaction?: boolean }): Promise<void>;
  close(): Promise<void>;
};

export type OpenOptions =
  | { kind: 'postgres'; url: string; max?: number; prepare?: boolean }
  | { kind: 'pglite'; dir: string | 'memory' };

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  if (opts.kind === 'postgres') {
    const client = postgres(opts.url, {
      max: opts.max ?? 10,
      prepare: opts.prepare ?? !/:6543\b/.test(opts.url), // Supabase's transaction pooler cannot prepare
      onnotice: () => {},
      connection: { application_name: 'leadpilot' },
    });
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      label: redactUrl(opts.url),
      exec: async (script, o) => {
        if (o?.transaction) await client.begin((tx) => tx.unsafe(script).simple());
        else await client.unsafe(script).simple();
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  let dataDir: string | undefined;
  let release = () => {};
  if (opts.dir !== 'memory') {
    dataDir = path.resolve(opts.dir);
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  try {
    const client = await PGlite.create(dataDir ? { dataDir, extensions: { pg_trgm } } : { extensions: { pg_trgm } });
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      label: dataDir ? `PGlite at ${path.relative(process.cwd(), dataDir) || dataDir}` : 'PGlite in memory',
      exec: async (script, o) => {
        if (o?.transaction) await client.transaction((tx) => tx.exec(script));
        else await client.exec(script);
      },
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** Two processes must never open the same PGlite directory: the second one is refused with a reason. */
function lockDataDir(dir: string): () => void {
  const lock = path.join(dir, '..', `${path.basename(dir)}.lock`);
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The local database ${dir} is in use by another LeadPilot process (pid ${pid}). Stop it (for example \`npm run dev\`) and try again, or set DATABASE_URL to use a Postgres server.`,
      );
    }
  }
  writeFileSync(lock, String(process.pid));
  return () => {
    try {
      if (Number(readFileSync(lock, 'utf8')) === process.pid) rmSync(lock);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `${u.protocol}//${u.username ? `${u.username}${u.password ? ':***' : ''}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Which driver a process database talks through: PGlite is one connection (one transaction at a
 * time), a Postgres server takes several at once.
 */
export function driverOf(db: Db): DbHandle['kind'] {
  return typeof (db as unknown as { $client?: unknown }).$client === 'function' ? 'postgres' : 'pglite';
}

/** Rows of a raw query, whichever driver ran it. */
export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function one<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

export { sql };

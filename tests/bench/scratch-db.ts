/**
 * A scratch database for a bench on the local Postgres server: created, migrated, and dropped after, so
 * every bench starts from the same empty schema. Also the local-mode settings the app's modules need.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DbHandle } from '../../src/db';
import { migrate } from '../../src/db/migrate';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

process.env.LEADPILOT_MODE ??= 'local';
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
process.env.SESSION_SECRET ??= 'bench-session-secret-0123456789-abcdefghij';
process.env.TRACKING_SECRET ??= 'bench-tracking-secret-0123456789-abcdefghij';
process.env.DATA_DIR ??= `/tmp/lp-bench-${process.pid}`;

/** `prefix` names the database (lp_bench_<prefix>_<random>); `max` is the pool size the bench needs. */
export async function scratchDb(prefix: string, max: number): Promise<{ h: DbHandle; drop: () => Promise<void> }> {
  const name = `lp_bench_${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const h = await openDatabase({ kind: 'postgres', url: u.toString(), max });
  await migrate(h);
  return {
    h,
    drop: async () => {
      await h.close();
      const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

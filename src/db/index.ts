/**
 * The data layer's door. Requests run as the signed-in user: one transaction, `role authenticated`, and
 * the verified claims bound as a parameter, so Postgres itself refuses cross-tenant reads and writes.
 * `asService` is for jobs and verified webhooks only; they filter by org_id explicitly.
 */
import { PgTransaction } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { env } from '@/lib/env';
import { openDatabase, sql, type Db, type DbHandle } from './client';

export { rows, one, sql, openDatabase, driverOf, type Db, type DbHandle } from './client';
export * as schema from './schema';

export const ZClaims = z.object({
  sub: z.uuid(),
  role: z.literal('authenticated'),
  email: z.string().optional(),
  /** The organization this request acts in; narrows access to that one membership. */
  org_id: z.uuid().optional(),
  session_id: z.string().optional(),
  api_key_id: z.uuid().optional(),
  aal: z.string().optional(),
});
export type TClaims = z.infer<typeof ZClaims>;

type Global = { __leadpilotDb?: Promise<DbHandle> };
const g = globalThis as Global;

/** The process-wide database (one PGlite instance, kept on globalThis across dev reloads). */
export function getDbHandle(): Promise<DbHandle> {
  if (!g.__leadpilotDb) {
    const e = env();
    const opening = e.DATABASE_URL
      ? openDatabase({ kind: 'postgres', url: e.DATABASE_URL, max: e.DATABASE_POOL_MAX, prepare: e.DATABASE_PREPARE })
      : openDatabase({ kind: 'pglite', dir: `${e.dataDir}/pglite` });
    g.__leadpilotDb = opening;
    opening.catch(() => {
      if (g.__leadpilotDb === opening) g.__leadpilotDb = undefined; // never cache a failed open
    });
  }
  return g.__leadpilotDb;
}

export const getDb = async (): Promise<Db> => (await getDbHandle()).db;

export async function closeDb(): Promise<void> {
  const h = g.__leadpilotDb;
  g.__leadpilotDb = undefined;
  if (h) await (await h).close();
}

/**
 * Role switches are transaction-scoped (`set_config(…, true)` = SET LOCAL), and a SET LOCAL made inside
 * a savepoint outlives its release: nesting withUser/asService inside another transaction would leave
 * the rest of the outer transaction running under the inner role. So nesting is refused outright.
 */
function assertNotNested(db: Db, what: string): void {
  if (db instanceof PgTransaction) {
    throw new Error(`${what} must be called with the process database, not inside another transaction (its role would leak into the outer transaction).`);
  }
}

/** Runs `fn` in a transaction as the user the claims name, under RLS. */
export async function withUser<T>(db: Db, claims: TClaims, fn: (tx: Db) => Promise<T>): Promise<T> {
  assertNotNested(db, 'withUser');
  const verified = ZClaims.parse(claims);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('request.jwt.claims', ${JSON.stringify(verified)}, true), set_config('role', 'authenticated', true)`,
    );
    return fn(tx as unknown as Db);
  });
}

/** Runs `fn` in a transaction as service_role (RLS bypassed). Jobs and verified webhooks only. */
export async function asService<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  assertNotNested(db, 'asService');
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('request.jwt.claims', '{"role":"service_role"}', true), set_config('role', 'service_role', true)`,
    );
    return fn(tx as unknown as Db);
  });
}

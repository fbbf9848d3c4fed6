/**
 * Test databases. On a Postgres server (TEST_DATABASE_URL, else DATABASE_URL, else the local default)
 * each test file gets its own database cloned from a migrated template (fast, isolated). With
 * TEST_DB=pglite, or when no server answers, each file gets an in-memory PGlite with the migrations.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A hash of everything that shapes the schema, so a changed migration gets a fresh template. */
export function schemaHash(): string {
  const h = createHash('sha256');
  for (const dir of ['supabase/local', 'supabase/migrations']) {
    for (const f of readdirSync(path.join(ROOT, dir)).sort()) h.update(f).update(readFileSync(path.join(ROOT, dir, f)));
  }
  return h.digest('hex').slice(0, 12);
}

export const templateName = () => `lp_tpl_${schemaHash()}`;

/** Test database names carry their creation time, so clean-up can tell a leftover from one in use. */
export const testDbName = () => `lp_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

/** Milliseconds since a test database was created, from its name (undefined for old-style names). */
export function testDbAge(name: string): number | undefined {
  const m = /^lp_t_([0-9a-z]+)_[0-9a-f]+$/.exec(name);
  return m ? Date.now() - parseInt(m[1]!, 36) : undefined;
}

export async function serverAvailable(url = adminUrl()): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/**
 * Applies supabase/local/*.sql (the Supabase shim, idempotent, outside Supabase only) and then every
 * pending supabase/migrations/*.sql in order, recording them in supabase_migrations.schema_migrations —
 * the table the Supabase CLI uses, so `supabase db push` and this runner agree on what is applied.
 * Safe to run twice and from two processes at once (an advisory lock serialises them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rows, sql, type DbHandle } from './client';

export type TMigrateResult = { applied: string[]; total: number; shim: boolean };

// Migrations are read at run time from the project folder (never bundled into the server build).
const ROOT = () => process.cwd();

export function migrationFiles(dir = path.join(ROOT(), 'supabase', 'migrations')): { version: string; name: string; file: string }[] {
  return readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => /^\d{14}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, 14), name: f.slice(15, -4), file: path.join(dir, f) }));
}

/** Is this a Supabase-managed database (which already has roles, the auth schema and auth.uid())? */
async function isSupabase(h: DbHandle): Promise<boolean> {
  const r = await rows<{ n: number }>(h.db, sql`select count(*)::int as n from pg_roles where rolname in ('supabase_admin', 'supabase_auth_admin')`);
  return (r[0]?.n ?? 0) > 0;
}

export async function migrate(h: DbHandle, opts: { shim?: boolean; log?: (msg: string) => void } = {}): Promise<TMigrateResult> {
  const say = opts.log ?? (() => {});
  const shim = opts.shim ?? !(await isSupabase(h));
  const lockId = 724_311_977; // arbitrary, constant: "leadpilot migrate"
  if (h.kind === 'postgres') await h.db.execute(sql`select pg_advisory_lock(${lockId})`);
  try {
    if (shim) {
      const dir = path.join(ROOT(), 'supabase', 'local');
      for (const f of readdirSync(/*turbopackIgnore: true*/ dir).filter((x) => x.endsWith('.sql')).sort()) {
        await h.exec(readFileSync(/*turbopackIgnore: true*/ path.join(dir, f), 'utf8'));
      }
    }
    await h.exec(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
    `);
    const done = new Set(
      (await rows<{ version: string }>(h.db, sql`select version from supabase_migrations.schema_migrations`)).map((r) => r.version),
    );
    const files = migrationFiles();
    const applied: string[] = [];
    for (const m of files) {
      if (done.has(m.version)) continue;
      const body = readFileSync(/*turbopackIgnore: true*/ m.file, 'utf8');
      const record = `insert into supabase_migrations.schema_migrations (version, name, statements) values ('${m.version}', '${m.name}', array[]::text[]);`;
      try {
        await h.exec(`${body}\n;${record}`, { transaction: true });
      } catch (e) {
        throw new Error(`Migration ${path.basename(m.file)} failed: ${(e as Error).message}`, { cause: e });
      }
      applied.push(`${m.version}_${m.name}`);
      say(`applied migration ${m.version}_${m.name}`);
    }
    return { applied, total: files.length, shim };
  } finally {
    if (h.kind === 'postgres') await h.db.execute(sql`select pg_advisory_unlock(${lockId})`);
  }
}

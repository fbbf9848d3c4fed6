/**
 * The cross-tenant probes: with some claims, try to select, update, delete and insert-a-copy-of the
 * victim organization's rows in every tenant table. Returns the problems found (empty = nothing leaked).
 */
import { randomUUID } from 'node:crypto';
import { asService, one, rows, sql, withUser, type Db, type TClaims } from '../../src/db';
import { quoteIdent, type TTable } from './catalog';
import { errorText, sqlState, tenantKeyOf, type TRow, type TSynthesis, type TTenant } from './synthesize';

export const tableKey = (t: TTable) => `${t.schema}.${t.name}`;

/** Tenant tables: every table with org_id, plus the roots organizations and users. */
export const isTenantTable = (t: TTable) => Boolean(tenantKeyOf(t)) || (t.schema === 'public' && t.name === 'users');

/** The column and value that pick the victim's rows in a table. */
function scopeOf(t: TTable, victim: TTenant): { column: string; value: string } {
  if (t.schema === 'public' && t.name === 'users') return { column: 'id', value: victim.userId };
  return { column: tenantKeyOf(t)!, value: victim.orgId };
}

type TOutcome = { ok: true; count: number } | { ok: false; code: string | undefined; error: string };

async function attempt(db: Db, claims: TClaims, fn: (tx: Db) => Promise<number>): Promise<TOutcome> {
  try {
    return { ok: true, count: await withUser(db, claims, fn) };
  } catch (e) {
    return { ok: false, code: sqlState(e), error: errorText(e) };
  }
}

export async function victimRowCount(db: Db, t: TTable, victim: TTenant): Promise<number> {
  const s = scopeOf(t, victim);
  const r = await asService(db, (tx) =>
    one<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.raw(t.ident)} where ${sql.raw(quoteIdent(s.column))} = ${s.value}::uuid`),
  );
  return r?.n ?? 0;
}

/** A copy of one of the victim's rows with a new primary key, claimed by the attacker where it names a user. */
function copyOf(t: TTable, row: TRow, attackerUserId: string): TRow {
  const copy: TRow = { ...row };
  const userCols = new Set(
    t.foreignKeys.filter((fk) => fk.refTable === 'users' && (fk.refSchema === 'public' || fk.refSchema === 'auth')).flatMap((fk) => fk.columns),
  );
  for (const c of userCols) if (c in copy) copy[c] = attackerUserId;
  for (const pk of t.primaryKey) {
    if (userCols.has(pk) || pk === tenantKeyOf(t)) continue;
    const col = t.columns.find((c) => c.name === pk)!;
    copy[pk] = col.type === 'uuid' ? randomUUID() : /int|numeric/.test(col.type) ? Math.floor(Math.random() * 1e9) + 1e9 : `copy_${randomUUID()}`;
  }
  if (t.schema === 'public' && t.name === 'users') copy.id = randomUUID();
  return copy;
}

export async function probeCrossTenant(opts: {
  db: Db;
  tables: TTable[];
  synthesis: TSynthesis;
  victim: TTenant;
  claims: TClaims;
  label: string;
}): Promise<string[]> {
  const { db, victim, claims, label } = opts;
  const problems: string[] = [];
  for (const t of opts.tables.filter(isTenantTable)) {
    const name = tableKey(t);
    const s = scopeOf(t, victim);
    const col = sql.raw(quoteIdent(s.column));
    const where = sql`${col} = ${s.value}::uuid`;
    const before = await victimRowCount(db, t, victim);
    if (before === 0) {
      problems.push(`${name}: the victim has no rows to probe (${label})`);
      continue;
    }

    const sel = await attempt(db, claims, async (tx) => (await one<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.raw(t.ident)} where ${where}`))!.n);
    if (sel.ok && sel.count !== 0) problems.push(`${name}: ${label} can SELECT ${sel.count} of the victim's rows`);
    if (!sel.ok && sel.code !== '42501') problems.push(`${name}: ${label} SELECT failed oddly: ${sel.error}`);

    const upd = await attempt(db, claims, async (tx) => (await rows(tx, sql`update ${sql.raw(t.ident)} set ${col} = ${col} where ${where} returning 1`)).length);
    if (upd.ok && upd.count !== 0) problems.push(`${name}: ${label} can UPDATE ${upd.count} of the victim's rows`);
    if (!upd.ok && upd.code !== '42501') problems.push(`${name}: ${label} UPDATE failed oddly: ${upd.error}`);

    const del = await attempt(db, claims, async (tx) => (await rows(tx, sql`delete from ${sql.raw(t.ident)} where ${where} returning 1`)).length);
    if (del.ok && del.count !== 0) problems.push(`${name}: ${label} can DELETE ${del.count} of the victim's rows`);
    if (!del.ok && del.code !== '42501') problems.push(`${name}: ${label} DELETE failed oddly: ${del.error}`);
    const after = await victimRowCount(db, t, victim);
    if (after !== before) problems.push(`${name}: the victim had ${before} rows before ${label}'s probes and ${after} after`);

    const sample = opts.synthesis.rowsByTable.get(name)?.[0];
    if (!sample) {
      problems.push(`${name}: no row of the victim to copy`);
      continue;
    }
    const insertable = sql.raw(t.columns.filter((c) => !c.generated && c.identity !== 'a').map((c) => quoteIdent(c.name)).join(', '));
    const copy = copyOf(t, sample, claims.sub);
    const ins = await attempt(db, claims, async (tx) =>
      (await rows(tx, sql`insert into ${sql.raw(t.ident)} (${insertable})
                          select ${insertable} from jsonb_populate_record(null::${sql.raw(t.ident)}, ${JSON.stringify(copy)}::jsonb)
                          returning 1`)).length,
    );
    if (ins.ok) problems.push(`${name}: ${label} can INSERT a row into the victim's organization`);
    else if (ins.code !== '42501') problems.push(`${name}: ${label} INSERT of a copy of the victim's row failed with ${ins.error}, not 42501 (RLS)`);
  }
  return problems;
}

class Rollback extends Error {
  constructor(readonly affected: number) {
    super('rollback');
  }
}

/** Rows a statement affected, from either driver's result (postgres.js: count; PGlite: affectedRows). */
function affectedOf(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return Number(r.count ?? r.affectedRows ?? r.rowCount ?? 0);
}

/**
 * Blind writes: UPDATE with a constant SET and no WHERE, DELETE with no WHERE. Such statements read no
 * column, so Postgres applies only the UPDATE / DELETE policies — the SELECT policy cannot mask a hole in
 * them as it does for the targeted probes. They run as a stranger (a signed-in user of no organization,
 * who may reach no tenant row at all) and are rolled back. Any row reached is a hole.
 */
export async function probeBlindWrites(opts: { db: Db; tables: TTable[]; victim: TTenant }): Promise<string[]> {
  const stranger: TClaims = { sub: randomUUID(), role: 'authenticated' };
  const problems: string[] = [];
  for (const t of opts.tables.filter(isTenantTable)) {
    const s = scopeOf(t, opts.victim);
    const statements = {
      UPDATE: sql`update ${sql.raw(t.ident)} set ${sql.raw(quoteIdent(s.column))} = ${s.value}::uuid`,
      DELETE: sql`delete from ${sql.raw(t.ident)}`,
    };
    for (const [op, statement] of Object.entries(statements)) {
      try {
        await withUser(opts.db, stranger, async (tx) => {
          throw new Rollback(affectedOf(await tx.execute(statement)));
        });
      } catch (e) {
        if (e instanceof Rollback) {
          if (e.affected > 0) problems.push(`${tableKey(t)}: a stranger's blind ${op} reached ${e.affected} rows`);
          continue;
        }
        const text = errorText(e);
        if (sqlState(e) === '42501' && /permission denied/i.test(text)) continue; // no privilege at all
        problems.push(`${tableKey(t)}: a stranger's blind ${op} reached rows (${text})`);
      }
    }
  }
  return problems;
}

/**
 * Makes rows for one organization in every tenant table, from the catalog alone: tables in foreign-key
 * order, NOT NULL columns without defaults filled by type (and by CHECK `col = ANY (ARRAY[…])` lists),
 * foreign keys pointing at that organization's rows (organizations → the org, users → its user).
 * A table that cannot be synthesised falls back to rows the services already created for the org.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { asService, one, rows, sql, type Db } from '../../src/db';
import { checkEnumValues, quoteIdent, type TColumn, type TTable } from './catalog';

export type TTenant = { orgId: string; userId: string };
export type TRow = Record<string, unknown>;

/** Tables whose rows belong to an organization, and the column that names it. */
export function tenantKeyOf(t: TTable): string | undefined {
  if (t.schema === 'public' && t.name === 'organizations') return 'id';
  if (t.columns.some((c) => c.name === 'org_id')) return 'org_id';
  return undefined;
}

const isOrgRef = (schema: string, table: string) => schema === 'public' && table === 'organizations';
const isUserRef = (schema: string, table: string) => (schema === 'public' || schema === 'auth') && table === 'users';

const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');

/** A plausible text value for a column, from its name (CHECK constraints often want these shapes). */
function textFor(column: string): string {
  const c = column.toLowerCase();
  if (/e?mail|_to$|recipient/.test(c)) return `probe-${letters(8)}@example.com`;
  if (/url|link|website|href/.test(c)) return `https://example.com/${letters(8)}`;
  if (/domain|host/.test(c)) return `probe${letters(8)}.example.com`;
  if (/slug/.test(c)) return `probe-${letters(8)}`;
  if (/timezone|time_zone|^tz$/.test(c)) return 'UTC';
  if (/phone|whatsapp|mobile|sms/.test(c)) return `+1555${randomInt(1_000_000, 9_999_999)}`;
  if (/currency/.test(c)) return 'USD';
  if (/country/.test(c)) return 'US';
  if (/locale|language|lang$/.test(c)) return 'en';
  if (/colou?r/.test(c)) return '#336699';
  return `probe_${letters(10)}`;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A string matching a simple anchored regular expression (the kind CHECK constraints use:
 * literals, escapes, [classes] with ranges and negation, and quantifiers), or undefined for anything
 * fancier (groups, alternation).
 */
export function sampleForPattern(pattern: string): string | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || /[()|]/.test(pattern)) return undefined;
  const src = pattern.slice(1, -1);
  let out = '';
  let i = 0;
  const pick = (chars: string) => chars[randomInt(chars.length)]!;
  while (i < src.length) {
    let choices: string;
    const ch = src[i]!;
    if (ch === '[') {
      const end = src.indexOf(']', i + 2);
      if (end < 0) return undefined;
      let body = src.slice(i + 1, end);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      let set = '';
      for (let j = 0; j < body.length; j++) {
        if (body[j] === '\\' && j + 1 < body.length) {
          const e = body[++j]!;
          set += e === 'd' ? '0123456789' : e === 's' ? ' ' : e === 'w' ? ALPHABET : e;
        } else if (body[j + 1] === '-' && j + 2 < body.length) {
          for (let c = body.charCodeAt(j); c <= body.charCodeAt(j + 2); c++) set += String.fromCharCode(c);
          j += 2;
        } else set += body[j];
      }
      choices = negated ? [...ALPHABET].filter((c) => !set.includes(c)).join('') : set;
      i = end + 1;
    } else if (ch === '\\') {
      const e = src[i + 1];
      choices = e === 'd' ? '0123456789' : e === 'w' ? ALPHABET : e === 's' ? ' ' : (e ?? '');
      i += 2;
    } else if (ch === '.') {
      choices = ALPHABET;
      i += 1;
    } else {
      choices = ch;
      i += 1;
    }
    if (!choices) return undefined;
    let count = 1;
    const q = src[i];
    if (q === '+') [count, i] = [8, i + 1];
    else if (q === '*') [count, i] = [8, i + 1];
    else if (q === '?') [count, i] = [1, i + 1];
    else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) return undefined;
      const min = Number(m[1]);
      const max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      count = Math.min(max, Math.max(min, 8));
      i += m[0].length;
    }
    for (let k = 0; k < count; k++) out += pick(choices);
  }
  return out;
}

/** Regular expressions CHECK constraints apply to columns (`col ~ '^…$'`). */
export function checkPatterns(checks: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of checks) {
    for (const m of def.matchAll(/\(*"?([a-z_][a-z0-9_]*)"?\)?(?:::[a-z ]+)?\s*~\s*'((?:[^']|'')*)'/gi)) {
      if (!out.has(m[1]!)) out.set(m[1]!, m[2]!.replace(/''/g, "'"));
    }
  }
  return out;
}

/** A value (as text, cast by the caller) for a column of this type, or undefined if we cannot tell. */
function valueFor(col: TColumn, enumFromCheck: string | undefined, pattern: string | undefined): string | undefined {
  if (enumFromCheck !== undefined) return enumFromCheck;
  const fromPattern = pattern === undefined ? undefined : sampleForPattern(pattern);
  if (fromPattern !== undefined && col.category === 'S') return fromPattern;
  if (col.enumFirst) return col.enumFirst;
  const base = (t: string) => t.replace(/\(.*\)/, '').trim();
  const scalar = (type: string, name: string): string | undefined => {
    const t = base(type);
    if (t === 'uuid') return randomUUID();
    if (['text', 'character varying', 'character', 'citext', 'name'].includes(t)) return textFor(name);
    if (['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'].includes(t)) return '1';
    if (t === 'boolean') return 'false';
    if (t.startsWith('timestamp') || t === 'date') return new Date().toISOString();
    if (t.startsWith('time')) return '09:00';
    if (t === 'interval') return '1 hour';
    if (t === 'json' || t === 'jsonb') return '{}';
    if (t === 'inet' || t === 'cidr') return '127.0.0.1';
    if (t === 'bytea') return '00'; // hex, decoded in SQL
    if (t === 'tsvector') return '';
    return undefined;
  };
  if (col.category === 'A' && col.elemType) {
    const v = scalar(col.elemType, col.name);
    return v === undefined ? undefined : `{${JSON.stringify(v)}}`;
  }
  return scalar(col.type, col.name);
}

export type TSynthesis = {
  /** Rows of the org per table ("schema.table"), synthesised or pre-existing. */
  rowsByTable: Map<string, TRow[]>;
  /** Tables we could neither synthesise nor find rows for, with the reason. */
  failures: { table: string; reason: string }[];
  /** Tables whose synthesis failed but the services had already made rows. */
  fellBack: { table: string; reason: string }[];
};

const keyOf = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;

/** Orders tables so that each comes after the tables its foreign keys point to (self-references ignored). */
export function topoOrder(tables: TTable[]): TTable[] {
  const byKey = new Map(tables.map((t) => [keyOf(t), t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: TTable[] = [];
  const visit = (t: TTable) => {
    const k = keyOf(t);
    if (done.has(k) || visiting.has(k)) return; // a cycle: its nullable foreign keys stay null
    visiting.add(k);
    for (const fk of t.foreignKeys) {
      const parent = byKey.get(`${fk.refSchema}.${fk.refTable}`);
      if (parent && parent !== t) visit(parent);
    }
    visiting.delete(k);
    done.add(k);
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

async function orgRows(db: Db, t: TTable, tenant: TTenant, limit = 5): Promise<TRow[]> {
  const key = tenantKeyOf(t);
  if (key) {
    return asService(db, (tx) =>
      rows<{ row: TRow }>(tx, sql`select to_jsonb(x) as row from ${sql.raw(t.ident)} x where ${sql.raw(quoteIdent(key))} = ${tenant.orgId}::uuid limit ${limit}`),
    ).then((r) => r.map((x) => x.row));
  }
  if (t.schema === 'public' && t.name === 'users') {
    return asService(db, (tx) => rows<{ row: TRow }>(tx, sql`select to_jsonb(x) as row from public.users x where id = ${tenant.userId}::uuid`)).then((r) =>
      r.map((x) => x.row),
    );
  }
  return [];
}

/**
 * Inserts one row for `tenant` into every table that has an org_id column (and into the non-tenant
 * tables those need through NOT NULL foreign keys), as the service role.
 */
export async function synthesizeTenantRows(db: Db, tables: TTable[], tenant: TTenant): Promise<TSynthesis> {
  const byKey = new Map(tables.map((t) => [keyOf(t), t]));
  const needed = new Set<string>();
  const need = (t: TTable) => {
    if (needed.has(keyOf(t))) return;
    needed.add(keyOf(t));
    for (const fk of t.foreignKeys) {
      const parent = byKey.get(`${fk.refSchema}.${fk.refTable}`);
      const required = fk.columns.some((c) => t.columns.find((x) => x.name === c)?.notNull);
      if (parent && parent !== t && required) need(parent);
    }
  };
  tables.filter((t) => tenantKeyOf(t)).forEach(need);

  const result: TSynthesis = { rowsByTable: new Map(), failures: [], fellBack: [] };
  for (const t of topoOrder(tables.filter((x) => needed.has(keyOf(x))))) {
    const k = keyOf(t);
    if (isOrgRef(t.schema, t.name) || (t.schema === 'public' && t.name === 'users')) {
      result.rowsByTable.set(k, await orgRows(db, t, tenant)); // the roots: made by createPerson
      continue;
    }
    let reason: string | undefined;
    try {
      const row = await insertSynthetic(db, t, tenant, result.rowsByTable);
      if (!row) reason = 'no value for a required column';
    } catch (e) {
      reason = errorText(e);
    }
    // A parent without org_id keeps the row insertSynthetic recorded (it cannot be found by organization).
    const existing = await orgRows(db, t, tenant);
    if (existing.length) {
      result.rowsByTable.set(k, existing);
      if (reason) result.fellBack.push({ table: k, reason });
    } else if (reason) {
      result.failures.push({ table: k, reason });
    }
  }
  return result;
}

async function insertSynthetic(db: Db, t: TTable, tenant: TTenant, made: Map<string, TRow[]>): Promise<TRow | undefined> {
  const enums = checkEnumValues(t.checks);
  const patterns = checkPatterns(t.checks);
  const values = new Map<string, string>();
  // Foreign keys first: organizations → the org, users → its user, other parents → the org's rows.
  for (const fk of t.foreignKeys) {
    if (fk.refSchema === t.schema && fk.refTable === t.name) continue; // self-reference: leave null
    let parentRow: TRow | undefined;
    if (isOrgRef(fk.refSchema, fk.refTable)) parentRow = { id: tenant.orgId };
    else if (isUserRef(fk.refSchema, fk.refTable)) parentRow = { id: tenant.userId };
    else parentRow = made.get(`${fk.refSchema}.${fk.refTable}`)?.[0];
    if (!parentRow) continue;
    fk.columns.forEach((c, i) => {
      const v = parentRow[fk.refColumns[i]!];
      if (v !== undefined && v !== null) values.set(c, typeof v === 'string' ? v : JSON.stringify(v));
    });
  }
  if (t.columns.some((c) => c.name === 'org_id')) values.set('org_id', tenant.orgId);
  for (const col of t.columns) {
    if (values.has(col.name) || col.generated || col.identity === 'a') continue;
    if (!col.notNull || col.hasDefault || col.identity) continue;
    const v = valueFor(col, enums.get(col.name), patterns.get(col.name));
    if (v === undefined) throw new Error(`cannot make a value for ${t.name}.${col.name} of type ${col.type}`);
    values.set(col.name, v);
  }
  const cols = [...values.keys()];
  const typeOf = (name: string) => t.columns.find((c) => c.name === name)!.type;
  const colSql = sql.raw(cols.map(quoteIdent).join(', '));
  const valSql = sql.join(
    cols.map((c) => (typeOf(c) === 'bytea' ? sql`decode(${values.get(c)}, 'hex')` : sql`${values.get(c)}::${sql.raw(typeOf(c))}`)),
    sql`, `,
  );
  const row = await asService(db, (tx) =>
    one<{ row: TRow }>(tx, sql`with ins as (insert into ${sql.raw(t.ident)} (${colSql}) values (${valSql}) returning *) select to_jsonb(ins) as row from ins`),
  );
  if (row && !tenantKeyOf(t)) made.set(keyOf(t), [row.row]);
  return row?.row;
}

export function errorText(e: unknown): string {
  const err = findCode(e);
  if (err) return `${err.code} ${err.message ?? ''}`;
  let cur: unknown = e;
  while ((cur as { cause?: unknown })?.cause) cur = (cur as { cause: unknown }).cause; // the driver's own message
  return (cur as Error)?.message ?? String(cur);
}

/** The SQLSTATE of a database error, through Drizzle's wrapping. */
export function sqlState(e: unknown): string | undefined {
  return findCode(e)?.code;
}

function findCode(e: unknown): { code?: string; message?: string } | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) return cur as { code: string; message?: string };
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Reads the live database catalog (pg_catalog, the same on a Postgres server and on PGlite): tables,
 * columns, keys, foreign keys, CHECK constraints and policies. The RLS and schema-drift tests are driven
 * by it, so tables added by later migrations are covered without new test code.
 */
import { rows, sql, type Db } from '../../src/db';

export const APP_SCHEMAS = ['public', 'app_private', 'local_auth'] as const;

export type TColumn = {
  name: string;
  /** format_type(): 'uuid', 'text', 'timestamp with time zone', 'smallint[]', 'character varying(20)', … */
  type: string;
  /** pg_type.typtype of the column type: b base, e enum, d domain, c composite. */
  typtype: string;
  /** pg_type.typcategory: A array, S string, N numeric, D date/time, B boolean, U user … */
  category: string;
  elemType: string | null;
  enumFirst: string | null;
  notNull: boolean;
  hasDefault: boolean;
  generated: boolean;
  identity: string;
};

export type TForeignKey = { name: string; columns: string[]; refSchema: string; refTable: string; refColumns: string[] };

export type TTable = {
  schema: string;
  name: string;
  /** "schema"."name", quoted for SQL. */
  ident: string;
  rls: boolean;
  forceRls: boolean;
  columns: TColumn[];
  primaryKey: string[];
  foreignKeys: TForeignKey[];
  checks: string[];
};

export type TPolicy = {
  schema: string;
  table: string;
  name: string;
  roles: string[];
  cmd: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'ALL';
  permissive: string;
  using: string | null;
  withCheck: string | null;
};

export const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
const list = (s: string | null | undefined): string[] => (s ? s.split(',') : []);

export async function readTables(db: Db, schemas: readonly string[] = APP_SCHEMAS): Promise<TTable[]> {
  const schemaList = sql.param([...schemas]);
  const tables = await rows<{ oid: number; schema: string; name: string; rls: boolean; force_rls: boolean }>(
    db,
    sql`select c.oid::int as oid, n.nspname as schema, c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as force_rls
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname = any(${schemaList}::text[]) and not c.relispartition
        order by n.nspname, c.relname`,
  );
  const columns = await rows<{
    oid: number; name: string; type: string; typtype: string; category: string; elem_type: string | null; enum_first: string | null;
    not_null: boolean; has_default: boolean; generated: boolean; identity: string;
  }>(
    db,
    sql`select a.attrelid::int as oid, a.attname as name, format_type(a.atttypid, a.atttypmod) as type, t.typtype::text as typtype,
               t.typcategory::text as category,
               case when t.typelem <> 0 and t.typcategory = 'A' then format_type(t.typelem, null) end as elem_type,
               (select e.enumlabel::text from pg_enum e where e.enumtypid = a.atttypid order by e.enumsortorder limit 1) as enum_first,
               a.attnotnull as not_null, a.atthasdef as has_default, a.attgenerated <> '' as generated, a.attidentity::text as identity
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_type t on t.oid = a.atttypid
        where c.relkind in ('r', 'p') and n.nspname = any(${schemaList}::text[]) and a.attnum > 0 and not a.attisdropped
        order by a.attrelid, a.attnum`,
  );
  const constraints = await rows<{ oid: number; name: string; type: string; cols: string | null; ref_schema: string | null; ref_table: string | null; ref_cols: string | null; def: string }>(
    db,
    sql`select con.conrelid::int as oid, con.conname as name, con.contype::text as type,
               (select string_agg(a.attname, ',' order by k.i) from unnest(con.conkey) with ordinality k(n, i)
                  join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n) as cols,
               fn.nspname as ref_schema, f.relname as ref_table,
               (select string_agg(a.attname, ',' order by k.i) from unnest(con.confkey) with ordinality k(n, i)
                  join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n) as ref_cols,
               pg_get_constraintdef(con.oid) as def
        from pg_constraint con
        join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
        left join pg_class f on f.oid = con.confrelid left join pg_namespace fn on fn.oid = f.relnamespace
        where n.nspname = any(${schemaList}::text[]) and con.contype in ('p', 'f', 'c')
        order by con.conname`,
  );
  return tables.map((t) => {
    const mine = constraints.filter((c) => c.oid === t.oid);
    return {
      schema: t.schema,
      name: t.name,
      ident: `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`,
      rls: t.rls,
      forceRls: t.force_rls,
      columns: columns
        .filter((c) => c.oid === t.oid)
        .map((c) => ({
          name: c.name, type: c.type, typtype: c.typtype, category: c.category, elemType: c.elem_type, enumFirst: c.enum_first,
          notNull: c.not_null, hasDefault: c.has_default, generated: c.generated, identity: c.identity,
        })),
      primaryKey: list(mine.find((c) => c.type === 'p')?.cols),
      foreignKeys: mine
        .filter((c) => c.type === 'f')
        .map((c) => ({ name: c.name, columns: list(c.cols), refSchema: c.ref_schema!, refTable: c.ref_table!, refColumns: list(c.ref_cols) })),
      checks: mine.filter((c) => c.type === 'c').map((c) => c.def),
    };
  });
}

export async function readPolicies(db: Db, schemas: readonly string[] = APP_SCHEMAS): Promise<TPolicy[]> {
  const r = await rows<{ schemaname: string; tablename: string; policyname: string; roles: string; cmd: TPolicy['cmd']; permissive: string; qual: string | null; with_check: string | null }>(
    db,
    sql`select schemaname::text, tablename::text, policyname::text, array_to_string(roles, ',') as roles, cmd, permissive, qual, with_check
        from pg_policies where schemaname = any(${sql.param([...schemas])}::text[])
        order by schemaname, tablename, policyname`,
  );
  return r.map((p) => ({
    schema: p.schemaname, table: p.tablename, name: p.policyname, roles: list(p.roles), cmd: p.cmd, permissive: p.permissive,
    using: p.qual, withCheck: p.with_check,
  }));
}

/** Views in the app's schemas (a view runs as its owner unless security_invoker is set, bypassing RLS). */
export async function readViews(db: Db, schemas: readonly string[] = APP_SCHEMAS) {
  return rows<{ schema: string; name: string; invoker: boolean }>(
    db,
    sql`select n.nspname as schema, c.relname as name,
               coalesce(c.reloptions::text[] && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1'], false) as invoker
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('v', 'm') and n.nspname = any(${sql.param([...schemas])}::text[])`,
  );
}

/**
 * First allowed value per column from CHECK constraints of the form `col = ANY (ARRAY['a', 'b'])`
 * (what Postgres prints for `col in ('a', 'b')`), including the varchar form `(col)::text = ANY (…)`.
 */
export function checkEnumValues(checks: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const re = /\(*"?([a-z_][a-z0-9_]*)"?\)?(?:::[a-z ]+)?\s*=\s*ANY\s*\(+\s*ARRAY\[\s*'((?:[^']|'')*)'/gi;
  for (const def of checks) {
    for (const m of def.matchAll(re)) {
      if (!out.has(m[1]!)) out.set(m[1]!, m[2]!.replace(/''/g, "'"));
    }
  }
  return out;
}

/**
 * The Drizzle schema (src/db/schema) mirrors the SQL migrations, which are the truth. This compares every
 * Drizzle table with the migrated database — columns, data types, nullability — and checks that every
 * table in public and app_private has a Drizzle mirror (deliberate exceptions are listed below).
 */
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../../src/db/schema';
import { testDb, type TTestDb } from '../../support/db';
import { readTables, type TTable } from '../../support/catalog';

/** Tables in public/app_private without a Drizzle mirror, on purpose, with the reason. */
const UNMIRRORED: Record<string, string> = {};

/** Drizzle tables that mirror only some columns of a table someone else owns. */
const PARTIAL: Record<string, string> = {
  'auth.users': 'Supabase owns auth.users (dozens of columns); we mirror the ones we read, and the shim has a few more',
};

let h: TTestDb;
let db: Map<string, TTable>;

const drizzleTables = Object.entries(schema)
  .filter(([, v]) => is(v, PgTable))
  .map(([exportName, v]) => ({ exportName, config: getTableConfig(v as PgTable) }));
const keyOf = (c: { schema?: string; name: string }) => `${c.schema ?? 'public'}.${c.name}`;

beforeAll(async () => {
  h = await testDb();
  db = new Map((await readTables(h.db, ['public', 'app_private', 'auth'])).map((t) => [`${t.schema}.${t.name}`, t]));
});
afterAll(async () => h?.close());

type TConfig = ReturnType<typeof getTableConfig>;

function compareTable(config: TConfig, live: TTable, opts: { partial: boolean }): string[] {
  const problems: string[] = [];
  const key = keyOf(config);
  const liveCols = new Map(live.columns.map((c) => [c.name, c]));
  const mirrored = new Set(config.columns.map((c) => c.name));
  for (const col of config.columns) {
    const lc = liveCols.get(col.name);
    if (!lc) {
      problems.push(`${key}.${col.name}: in Drizzle, not in the database`);
      continue;
    }
    if (normaliseType(lc.type) !== normaliseType(col.getSQLType())) problems.push(`${key}.${col.name}: database ${lc.type}, Drizzle ${col.getSQLType()}`);
    if (lc.notNull !== col.notNull) {
      problems.push(`${key}.${col.name}: database ${lc.notNull ? 'NOT NULL' : 'nullable'}, Drizzle ${col.notNull ? 'notNull()' : 'nullable'}`);
    }
  }
  if (!opts.partial) {
    for (const lc of live.columns) if (!mirrored.has(lc.name)) problems.push(`${key}.${lc.name}: in the database, not in Drizzle`);
  }
  return problems;
}

/** Postgres spells types one way (format_type), Drizzle another (getSQLType): bring both to one form. */
function normaliseType(t: string): string {
  let s = t.trim().toLowerCase().replace(/\s*,\s*/g, ',').replace(/\s+/g, ' ').replace(/ \(/g, '(');
  const arrays = (s.match(/\[\]/g) ?? []).length;
  s = s.replace(/\[\]/g, '').replace(/\(\s*/g, '(').replace(/\s*\)/g, ')');
  const aliases: [RegExp, string][] = [
    [/^varchar(\(.*\))?$/, 'character varying$1'],
    [/^char(\(.*\))?$/, 'character$1'],
    [/^timestamptz$/, 'timestamp with time zone'],
    [/^timestamp(\(\d+\))?$/, 'timestamp$1 without time zone'],
    [/^timestamp(\(\d+\))? with time zone$/, 'timestamp$1 with time zone'],
    [/^time(\(\d+\))?$/, 'time$1 without time zone'],
    [/^timetz$/, 'time with time zone'],
    [/^int4$|^int$|^serial$/, 'integer'],
    [/^int8$|^bigserial$/, 'bigint'],
    [/^int2$|^smallserial$/, 'smallint'],
    [/^float8$|^double$/, 'double precision'],
    [/^float4$/, 'real'],
    [/^bool$/, 'boolean'],
    [/^decimal/, 'numeric'],
  ];
  for (const [re, to] of aliases) {
    if (re.test(s)) {
      s = s.replace(re, to);
      break;
    }
  }
  return s + '[]'.repeat(arrays);
}

describe('Drizzle schema ↔ migrated database', () => {
  it('finds the Drizzle tables (the check is not vacuous)', () => {
    expect(drizzleTables.map((t) => keyOf(t.config))).toEqual(expect.arrayContaining(['public.organizations', 'public.leads', 'app_private.dev_mailbox']));
  });

  it('has every Drizzle table in the database', () => {
    expect(drizzleTables.filter((t) => !db.has(keyOf(t.config))).map((t) => `${t.exportName} → ${keyOf(t.config)}`)).toEqual([]);
  });

  it('has the same columns, data types and nullability', () => {
    const problems = drizzleTables.flatMap(({ config }) => {
      const live = db.get(keyOf(config));
      return live ? compareTable(config, live, { partial: Boolean(PARTIAL[keyOf(config)]) }) : [];
    });
    expect(problems).toEqual([]);
  });

  it('can fail: a mirror with a wrong type, nullability, extra and missing column is reported', () => {
    const wrong = pgTable('organizations', {
      id: uuid('id').primaryKey(),
      name: varchar('name', { length: 120 }).notNull(),
      slug: text('slug'),
      nickname: text('nickname'),
    });
    const problems = compareTable(getTableConfig(wrong), db.get('public.organizations')!, { partial: false });
    expect(problems).toEqual(expect.arrayContaining([
      'public.organizations.name: database text, Drizzle varchar(120)',
      'public.organizations.slug: database NOT NULL, Drizzle nullable',
      'public.organizations.nickname: in Drizzle, not in the database',
      'public.organizations.timezone: in the database, not in Drizzle',
    ]));
  });

  it('has a Drizzle mirror for every table in public and app_private', () => {
    const mirrored = new Set(drizzleTables.map((t) => keyOf(t.config)));
    const missing = [...db.values()]
      .filter((t) => t.schema !== 'auth')
      .map((t) => `${t.schema}.${t.name}`)
      .filter((k) => !mirrored.has(k) && !UNMIRRORED[k]);
    expect(missing).toEqual([]);
  });

  it('lists no exception that is not needed', () => {
    const mirrored = new Set(drizzleTables.map((t) => keyOf(t.config)));
    expect(Object.keys(UNMIRRORED).filter((k) => mirrored.has(k) || !db.has(k))).toEqual([]);
    expect(Object.keys(PARTIAL).filter((k) => !mirrored.has(k))).toEqual([]);
  });
});

describe('normaliseType', () => {
  it.each([
    ['timestamp with time zone', 'timestamp with time zone'],
    ['timestamp (3) with time zone', 'timestamp(3) with time zone'],
    ['time', 'time without time zone'],
    ['varchar(20)', 'character varying(20)'],
    ['numeric(10, 2)', 'numeric(10,2)'],
    ['smallint[]', 'smallint[]'],
    ['serial', 'integer'],
  ])('%s → %s', (input, out) => {
    expect(normaliseType(input)).toBe(out);
  });
});

/**
 * Every table in the app's schemas has row level security and at least one policy; every policy in
 * public says what it allows (a USING / WITH CHECK expression) and none opens a tenant table to
 * signed-in users with `true`. Driven by the catalog: tables added later are checked without new code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb, type TTestDb } from '../support/db';
import { APP_SCHEMAS, readPolicies, readTables, readViews, type TPolicy, type TTable } from '../support/catalog';
import { tenantKeyOf } from '../support/synthesize';

let h: TTestDb;
let tables: TTable[];
let policies: TPolicy[];

beforeAll(async () => {
  h = await testDb();
  tables = await readTables(h.db);
  policies = await readPolicies(h.db);
});
afterAll(async () => h?.close());

const policiesOf = (t: TTable) => policies.filter((p) => p.schema === t.schema && p.table === t.name);
const isTrue = (expr: string | null) => expr !== null && /^\(?\s*true\s*\)?$/i.test(expr.trim());

describe('RLS catalog', () => {
  it('reads the tables of every app schema (the check is not vacuous)', () => {
    const names = tables.map((t) => `${t.schema}.${t.name}`);
    expect(names).toEqual(expect.arrayContaining([
      'public.organizations', 'public.memberships', 'public.api_keys', 'public.job_runs', 'app_private.dev_mailbox', 'local_auth.sessions',
    ]));
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set(APP_SCHEMAS));
  });

  it('has row level security enabled on every table', () => {
    expect(tables.filter((t) => !t.rls).map((t) => `${t.schema}.${t.name}`)).toEqual([]);
  });

  it('has at least one policy on every table', () => {
    expect(tables.filter((t) => policiesOf(t).length === 0).map((t) => `${t.schema}.${t.name}`)).toEqual([]);
  });

  it('gives every policy in public the expression its command needs', () => {
    const missing = policies
      .filter((p) => p.schema === 'public')
      .filter((p) => {
        if (p.cmd === 'INSERT') return p.withCheck === null;
        return p.using === null; // SELECT, UPDATE, DELETE, ALL (UPDATE/ALL reuse USING when WITH CHECK is absent)
      })
      .map((p) => `${p.table}: "${p.name}" (${p.cmd})`);
    expect(missing).toEqual([]);
  });

  it('never opens a tenant table to signed-in users with `true`', () => {
    const tenant = new Set(tables.filter((t) => t.schema === 'public' && tenantKeyOf(t)).map((t) => t.name));
    tenant.add('users');
    const open = policies
      .filter((p) => p.schema === 'public' && tenant.has(p.table))
      .filter((p) => p.roles.some((r) => r === 'authenticated' || r === 'public' || r === 'anon'))
      .filter((p) => isTrue(p.using) || isTrue(p.withCheck))
      .map((p) => `${p.table}: "${p.name}" using ${p.using} with check ${p.withCheck}`);
    expect(open).toEqual([]);
  });

  it('grants nothing on tenant tables to anonymous visitors or to every role (PUBLIC)', () => {
    const tenant = new Set(tables.filter((t) => t.schema === 'public' && tenantKeyOf(t)).map((t) => t.name));
    const wide = policies
      .filter((p) => p.schema === 'public' && tenant.has(p.table) && p.roles.some((r) => r === 'anon' || r === 'public'))
      .map((p) => `${p.table}: "${p.name}" to ${p.roles.join(',')}`);
    expect(wide).toEqual([]);
  });

  it('names policies "<table>: <role> can <op> <scope>"', () => {
    const badly = policies.filter((p) => !new RegExp(`^${p.table}: [a-z_]+ can [a-z]`).test(p.name)).map((p) => `${p.schema}.${p.table}: "${p.name}"`);
    expect(badly).toEqual([]);
  });

  it('has no view that would bypass RLS (views must be security_invoker)', async () => {
    const views = await readViews(h.db);
    expect(views.filter((v) => !v.invoker).map((v) => `${v.schema}.${v.name}`)).toEqual([]);
  });
});

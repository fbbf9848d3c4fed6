/**
 * Generic cross-tenant test, driven only by the catalog: org A gets at least one row in every table with
 * an org_id column (synthesised from the catalog, or made by the services), then a member of org B —
 * with a session's claims, and with API-key-style claims naming org A — must not select, insert,
 * update or delete any of them. No per-table code: later tables are covered automatically.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql, withUser, type TClaims } from '../../src/db';
import { testDb, type TTestDb } from '../support/db';
import { createPerson, type TPerson } from '../support/world';
import { readTables, type TTable } from '../support/catalog';
import { synthesizeTenantRows, type TSynthesis } from '../support/synthesize';
import { isTenantTable, probeBlindWrites, probeCrossTenant, tableKey, victimRowCount } from '../support/tenancy-probe';

let h: TTestDb;
let A: TPerson;
let B: TPerson;
let tables: TTable[];
let synthesis: TSynthesis;

beforeAll(async () => {
  h = await testDb();
  A = await createPerson(h.db, { orgName: 'Tenant A' });
  B = await createPerson(h.db, { orgName: 'Tenant B' });
  tables = await readTables(h.db, ['public', 'app_private']);
  synthesis = await synthesizeTenantRows(h.db, tables, { orgId: A.orgId, userId: A.userId });
});
afterAll(async () => h?.close());

const victim = () => ({ orgId: A.orgId, userId: A.userId });

describe('cross-tenant isolation (every table with org_id)', () => {
  it('has a row of org A in every tenant table', () => {
    expect(synthesis.failures.map((f) => `could not synthesise a row for ${f.table}: ${f.reason}`)).toEqual([]);
    const tenant = tables.filter(isTenantTable);
    expect(tenant.filter((t) => !synthesis.rowsByTable.get(tableKey(t))?.length).map(tableKey)).toEqual([]);
    expect(tenant.map(tableKey)).toEqual(expect.arrayContaining(['public.organizations', 'public.users', 'public.memberships', 'public.api_keys', 'app_private.dev_mailbox']));
  });

  it("B's claims work at all: B sees its own organization and membership", async () => {
    const seen = await withUser(h.db, B.claims, async (tx) => ({
      orgs: await rows<{ id: string }>(tx, sql`select id from public.organizations`),
      memberships: await rows<{ org_id: string }>(tx, sql`select org_id from public.memberships`),
    }));
    expect(seen.orgs.map((o) => o.id)).toEqual([B.orgId]);
    expect(seen.memberships.map((m) => m.org_id)).toEqual([B.orgId]);
  });

  it("a member of org B cannot select, insert, update or delete org A's rows", async () => {
    expect(await probeCrossTenant({ db: h.db, tables, synthesis, victim: victim(), claims: B.claims, label: 'user B' })).toEqual([]);
  });

  it('an API-key-style claim set for org B naming org A reaches nothing', async () => {
    const forged: TClaims = { ...B.claims, org_id: A.orgId, api_key_id: randomUUID() };
    expect(await probeCrossTenant({ db: h.db, tables, synthesis, victim: victim(), claims: forged, label: 'B with org_id = A' })).toEqual([]);
    const visible = await withUser(h.db, forged, (tx) => rows(tx, sql`select id from public.organizations`));
    expect(visible).toEqual([]); // not even B's own organization: the claim narrows to an org B is not in
  });

  it('no UPDATE or DELETE policy lets a stranger write blindly (no WHERE, so SELECT policies cannot mask it)', async () => {
    expect(await probeBlindWrites({ db: h.db, tables, victim: victim() })).toEqual([]);
  });

  it("A's rows are all still there", async () => {
    for (const t of tables.filter(isTenantTable)) expect(await victimRowCount(h.db, t, victim()), tableKey(t)).toBeGreaterThan(0);
  });
});

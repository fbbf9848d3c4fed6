/**
 * The cross-tenant probes must be able to fail: in a throwaway database, tables with deliberately broken
 * policies (one hole each) must be reported, by name and operation, and a correct table must not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb, type TTestDb } from '../support/db';
import { createPerson, type TPerson } from '../support/world';
import { readTables } from '../support/catalog';
import { synthesizeTenantRows } from '../support/synthesize';
import { probeBlindWrites, probeCrossTenant } from '../support/tenancy-probe';

let h: TTestDb;
let A: TPerson;
let B: TPerson;
let problems: string[];
let blind: string[];

const TABLES = ['probe_sound', 'probe_open_select', 'probe_open_insert', 'probe_open_update', 'probe_open_delete', 'probe_child'];

beforeAll(async () => {
  h = await testDb();
  A = await createPerson(h.db, { orgName: 'Victim' });
  B = await createPerson(h.db, { orgName: 'Attacker' });
  const member = 'org_id in (select app.user_org_ids())';
  const ddl: string[] = [];
  for (const t of TABLES.filter((x) => x !== 'probe_child')) {
    ddl.push(`
      create table public.${t} (
        id uuid primary key default gen_random_uuid(),
        org_id uuid not null references public.organizations(id) on delete cascade,
        kind text not null check (kind in ('alpha', 'beta')),
        code text not null check (code ~ '^[A-Z]{3}-[0-9]{4}$'),
        qty integer not null check (qty > 0),
        created_by uuid not null references public.users(id),
        at timestamptz not null
      );
      grant select, insert, update, delete on public.${t} to authenticated;
      grant all on public.${t} to service_role;
      alter table public.${t} enable row level security;
      create policy "${t}: authenticated can select member orgs" on public.${t} for select to authenticated using (${t === 'probe_open_select' ? 'true' : member});
      create policy "${t}: authenticated can insert member orgs" on public.${t} for insert to authenticated with check (${t === 'probe_open_insert' ? 'created_by = auth.uid()' : member});
      create policy "${t}: authenticated can update member orgs" on public.${t} for update to authenticated using (${t === 'probe_open_update' ? 'true' : member});
      create policy "${t}: authenticated can delete member orgs" on public.${t} for delete to authenticated using (${t === 'probe_open_delete' ? 'true' : member});`);
  }
  // A child reachable only through its parent's foreign key (NOT NULL): synthesised after the parent.
  ddl.push(`
    create table public.probe_child (
      parent_id uuid not null references public.probe_sound(id) on delete cascade,
      org_id uuid not null references public.organizations(id) on delete cascade,
      seq integer not null,
      primary key (parent_id, seq)
    );
    grant select, insert, update, delete on public.probe_child to authenticated;
    grant all on public.probe_child to service_role;
    alter table public.probe_child enable row level security;
    create policy "probe_child: authenticated can all member orgs" on public.probe_child for all to authenticated using (${member});`);
  await h.exec(ddl.join('\n'));
  const tables = (await readTables(h.db, ['public'])).filter((t) => TABLES.includes(t.name));
  const synthesis = await synthesizeTenantRows(h.db, tables, { orgId: A.orgId, userId: A.userId });
  expect(synthesis.failures).toEqual([]);
  problems = await probeCrossTenant({ db: h.db, tables, synthesis, victim: { orgId: A.orgId, userId: A.userId }, claims: B.claims, label: 'attacker' });
  blind = await probeBlindWrites({ db: h.db, tables, victim: { orgId: A.orgId, userId: A.userId } });
});
afterAll(async () => h?.close());

describe('cross-tenant probe self-check', () => {
  it('reports a policy that lets anyone read', () => {
    expect(problems).toContain("public.probe_open_select: attacker can SELECT 1 of the victim's rows");
  });

  it('reports an insert policy that forgets the organization', () => {
    expect(problems).toContain("public.probe_open_insert: attacker can INSERT a row into the victim's organization");
  });

  it('reports update and delete holes that a sound SELECT policy hides from targeted statements', () => {
    // `update … where org_id = A` also applies the SELECT policy, so only blind writes can show these.
    expect(problems.filter((p) => /probe_open_(update|delete)/.test(p))).toEqual([]);
    expect(blind).toEqual([
      "public.probe_open_delete: a stranger's blind DELETE reached 1 rows",
      "public.probe_open_update: a stranger's blind UPDATE reached 1 rows",
    ]);
  });

  it('reports nothing for sound tables, including a child synthesised through its parent', () => {
    expect(problems.filter((p) => /probe_sound|probe_child/.test(p))).toEqual([]);
    expect(problems).toHaveLength(2);
  });
});

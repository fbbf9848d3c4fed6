import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, sql } from '../../../../src/db';
import { verifyApiKey } from '../../../../src/lib/auth/api-key';
import { changeMemberRole, createApiKey, findMembers, removeMember } from '../../../../src/features/accounts';
import { testDb, type TTestDb } from '../../../support/db';
import { createPerson } from '../../../support/world';
import { actorOf, as, auditActions, codeOf, expectCode, onPglite, roleOf, team } from './helpers';

let h: TTestDb;
beforeAll(async () => {
  h = await testDb();
});
afterAll(async () => h?.close());

describe('members', () => {
  it('lists the members of the active organization only', async () => {
    const t = await team(h.db);
    await createPerson(h.db, { orgName: 'Other' });
    const list = await as(h.db, t.member, (tx) => findMembers(tx, t.owner.orgId));
    expect(list.map((m) => m.role)).toEqual(['owner', 'admin', 'member']);
    expect(list.map((m) => m.email)).toEqual([t.owner.email, t.admin.email, t.member.email]);
  });

  it('owners and admins change roles; the change is audited with the old and new role', async () => {
    const t = await team(h.db);
    await as(h.db, t.admin, (tx) => changeMemberRole(tx, t.a.admin, { userId: t.member.userId, role: 'admin' }));
    expect(await roleOf(h.db, t.owner.orgId, t.member.userId)).toBe('admin');
    await as(h.db, t.owner, (tx) => changeMemberRole(tx, t.a.owner, { userId: t.member.userId, role: 'owner' }));
    expect(await roleOf(h.db, t.owner.orgId, t.member.userId)).toBe('owner');
    const changes = (await auditActions(h.db, t.owner.orgId)).filter((a) => a.action === 'member.role_changed');
    expect(changes.map((c) => c.metadata)).toEqual([{ from: 'member', role: 'admin' }, { from: 'admin', role: 'owner' }]);
  });

  it('members cannot change roles, not even with a forged role (RLS refuses the update)', async () => {
    const t = await team(h.db);
    await expectCode(as(h.db, t.member, (tx) => changeMemberRole(tx, t.a.member, { userId: t.member.userId, role: 'admin' })), 'FORBIDDEN');
    const forged = { ...t.a.member, role: 'admin' as const };
    expect(await codeOf(as(h.db, t.member, (tx) => changeMemberRole(tx, forged, { userId: t.member.userId, role: 'admin' })))).toBe('NOT_FOUND');
    expect(await roleOf(h.db, t.owner.orgId, t.member.userId)).toBe('member');
  });

  it('an admin cannot make anyone an owner, themselves included (service and database)', async () => {
    const t = await team(h.db);
    await expectCode(as(h.db, t.admin, (tx) => changeMemberRole(tx, t.a.admin, { userId: t.member.userId, role: 'owner' })), 'FORBIDDEN');
    await expectCode(as(h.db, t.admin, (tx) => changeMemberRole(tx, t.a.admin, { userId: t.admin.userId, role: 'owner' })), 'FORBIDDEN');
    // Straight to the database, past the service: the guard refuses too.
    await expectCode(
      as(h.db, t.admin, (tx) => tx.execute(sql`update public.memberships set role = 'owner' where org_id = ${t.owner.orgId}::uuid and user_id = ${t.admin.userId}::uuid`)),
      'FORBIDDEN',
      /Only an owner/,
    );
    await expectCode(
      as(h.db, t.admin, (tx) => tx.execute(sql`update public.memberships set role = 'owner' where org_id = ${t.owner.orgId}::uuid and user_id = ${t.member.userId}::uuid`)),
      'FORBIDDEN',
    );
    expect(await roleOf(h.db, t.owner.orgId, t.admin.userId)).toBe('admin');
    expect(await roleOf(h.db, t.owner.orgId, t.member.userId)).toBe('member');
  });

  it('an admin can neither demote nor remove an owner', async () => {
    const t = await team(h.db);
    await expectCode(as(h.db, t.admin, (tx) => changeMemberRole(tx, t.a.admin, { userId: t.owner.userId, role: 'member' })), 'FORBIDDEN', /Only an owner/);
    await expectCode(as(h.db, t.admin, (tx) => removeMember(tx, t.a.admin, { userId: t.owner.userId })), 'FORBIDDEN', /Only an owner/);
    expect(await roleOf(h.db, t.owner.orgId, t.owner.userId)).toBe('owner');
    // Nothing from the refused removal stays behind (the audit entry rolled back with it).
    expect((await auditActions(h.db, t.owner.orgId)).filter((a) => a.action === 'member.removed')).toHaveLength(0);
  });

  it('the last owner can be neither demoted nor removed, nor leave; with a second owner they can', async () => {
    const t = await team(h.db);
    await expectCode(as(h.db, t.owner, (tx) => changeMemberRole(tx, t.a.owner, { userId: t.owner.userId, role: 'admin' })), 'CONFLICT', /at least one owner/);
    await expectCode(as(h.db, t.owner, (tx) => removeMember(tx, t.a.owner, { userId: t.owner.userId })), 'CONFLICT', /at least one owner/);
    expect(await roleOf(h.db, t.owner.orgId, t.owner.userId)).toBe('owner');
    await as(h.db, t.owner, (tx) => changeMemberRole(tx, t.a.owner, { userId: t.admin.userId, role: 'owner' }));
    await as(h.db, t.owner, (tx) => changeMemberRole(tx, t.a.owner, { userId: t.owner.userId, role: 'admin' }));
    expect(await roleOf(h.db, t.owner.orgId, t.owner.userId)).toBe('admin');
    // The new sole owner is now the last one.
    const newOwner = actorOf(t.admin, 'owner');
    await expectCode(as(h.db, t.admin, (tx) => removeMember(tx, newOwner, { userId: t.admin.userId })), 'CONFLICT');
  });

  it.skipIf(onPglite())('two owners demoting themselves at the same moment: one wins, one owner remains (real Postgres)', async () => {
    const t = await team(h.db);
    await as(h.db, t.owner, (tx) => changeMemberRole(tx, t.a.owner, { userId: t.admin.userId, role: 'owner' }));
    const second = actorOf(t.admin, 'owner');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstDone!: () => void;
    const firstUpdated = new Promise<void>((r) => (firstDone = r));
    const a = as(h.db, t.owner, async (tx) => {
      await changeMemberRole(tx, t.a.owner, { userId: t.owner.userId, role: 'admin' });
      firstDone();
      await gate; // hold the transaction (and the organization row lock) open
    });
    await firstUpdated;
    const b = as(h.db, t.admin, (tx) => changeMemberRole(tx, second, { userId: t.admin.userId, role: 'admin' }));
    // Wait until the second demotion is really blocked on the lock the first one holds.
    for (let i = 0; i < 200; i++) {
      const w = await one<{ n: number }>(h.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if ((w?.n ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const waiting = await one<{ n: number }>(h.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    expect(waiting?.n).toBe(1);
    release();
    const [ra, rb] = await Promise.allSettled([a, b]);
    expect(ra.status).toBe('fulfilled');
    expect(rb.status).toBe('rejected');
    expect(await codeOf(b)).toBe('CONFLICT');
    const owners = await asService(h.db, (tx) => one<{ n: number }>(tx, sql`select count(*)::int as n from public.memberships where org_id = ${t.owner.orgId}::uuid and role = 'owner'`));
    expect(owners?.n).toBe(1);
    expect(await roleOf(h.db, t.owner.orgId, t.admin.userId)).toBe('owner');
  });

  it('a member can leave but cannot remove anyone else', async () => {
    const t = await team(h.db);
    await expectCode(as(h.db, t.member, (tx) => removeMember(tx, t.a.member, { userId: t.admin.userId })), 'FORBIDDEN');
    await as(h.db, t.member, (tx) => removeMember(tx, t.a.member, { userId: t.member.userId }));
    expect(await roleOf(h.db, t.owner.orgId, t.member.userId)).toBeUndefined();
    const left = (await auditActions(h.db, t.owner.orgId)).find((a) => a.action === 'member.left');
    expect(left).toMatchObject({ actor_id: t.member.userId, target_id: t.member.userId });
  });

  it('removing an admin revokes their API keys (and the keys stop working)', async () => {
    const t = await team(h.db);
    const k = await as(h.db, t.admin, (tx) => createApiKey(tx, t.a.admin, { name: 'CI' }));
    expect(await verifyApiKey(h.db, k.key)).toMatchObject({ userId: t.admin.userId, orgId: t.owner.orgId });
    await as(h.db, t.owner, (tx) => removeMember(tx, t.a.owner, { userId: t.admin.userId }));
    expect(await roleOf(h.db, t.owner.orgId, t.admin.userId)).toBeUndefined();
    expect(await verifyApiKey(h.db, k.key)).toBeNull();
    const row = await asService(h.db, (tx) => one<{ revoked: boolean }>(tx, sql`select revoked_at is not null as revoked from public.api_keys where id = ${k.id}::uuid`));
    expect(row?.revoked).toBe(true);
    expect((await auditActions(h.db, t.owner.orgId)).find((a) => a.action === 'member.removed')).toMatchObject({ actor_id: t.owner.userId, target_id: t.admin.userId });
  });

  it('an admin who leaves takes their keys with them', async () => {
    const t = await team(h.db);
    const k = await as(h.db, t.admin, (tx) => createApiKey(tx, t.a.admin, { name: 'Mine' }));
    await as(h.db, t.admin, (tx) => removeMember(tx, t.a.admin, { userId: t.admin.userId }));
    expect(await roleOf(h.db, t.owner.orgId, t.admin.userId)).toBeUndefined();
    expect(await verifyApiKey(h.db, k.key)).toBeNull();
    expect((await auditActions(h.db, t.owner.orgId)).some((a) => a.action === 'member.left' && a.actor_id === t.admin.userId)).toBe(true);
  });

  it('cannot touch members of another organization', async () => {
    const t = await team(h.db);
    const other = await team(h.db, 'Other Co');
    await expectCode(as(h.db, t.owner, (tx) => changeMemberRole(tx, t.a.owner, { userId: other.member.userId, role: 'admin' })), 'NOT_FOUND');
    await expectCode(as(h.db, t.owner, (tx) => removeMember(tx, t.a.owner, { userId: other.member.userId })), 'NOT_FOUND');
    // A forged actor naming the other organization gets nothing either: RLS scopes to the claims.
    const forged = { ...t.a.owner, orgId: other.owner.orgId };
    await expectCode(as(h.db, t.owner, (tx) => removeMember(tx, forged, { userId: other.member.userId })), 'NOT_FOUND');
    expect(await roleOf(h.db, other.owner.orgId, other.member.userId)).toBe('member');
  });
});

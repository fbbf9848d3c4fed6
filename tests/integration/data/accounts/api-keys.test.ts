import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, sql } from '../../../../src/db';
import { sha256Hex } from '../../../../src/lib/crypto';
import { verifyApiKey } from '../../../../src/lib/auth/api-key';
import { changeMemberRole, createApiKey, findApiKeys, removeMember, revokeApiKey } from '../../../../src/features/accounts';
import { testDb, type TTestDb } from '../../../support/db';
import { as, auditActions, expectCode, team } from './helpers';

let h: TTestDb;
beforeAll(async () => {
  h = await testDb();
});
afterAll(async () => h?.close());

describe('API keys', () => {
  it('returns the key once and stores only its SHA-256 and a prefix', async () => {
    const t = await team(h.db);
    const k = await as(h.db, t.owner, (tx) => createApiKey(tx, t.a.owner, { name: 'Zapier' }));
    expect(k.key).toMatch(/^lp_[A-Za-z0-9_-]{43}$/);
    expect(k.prefix).toBe(k.key.slice(0, 11));
    const row = await asService(h.db, (tx) => one<Record<string, unknown>>(tx, sql`select * from public.api_keys where id = ${k.id}::uuid`));
    expect(row!.key_hash).toBe(sha256Hex(k.key));
    for (const v of Object.values(row!)) expect(String(v)).not.toContain(k.key.slice(11));
    const listed = await as(h.db, t.admin, (tx) => findApiKeys(tx, t.owner.orgId));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: 'Zapier', prefix: k.prefix, status: 'active', createdByEmail: t.owner.email, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(k.key);
    expect((await auditActions(h.db, t.owner.orgId)).find((a) => a.action === 'api_key.created')).toMatchObject({ target_id: k.id, metadata: { name: 'Zapier', prefix: k.prefix } });
  });

  it('verifies as its creator in its organization and records when it was last used', async () => {
    const t = await team(h.db);
    const k = await as(h.db, t.admin, (tx) => createApiKey(tx, t.a.admin, { name: 'CRM' }));
    expect(await verifyApiKey(h.db, k.key)).toEqual({ apiKeyId: k.id, orgId: t.owner.orgId, userId: t.admin.userId, email: t.admin.email });
    const [listed] = await as(h.db, t.owner, (tx) => findApiKeys(tx, t.owner.orgId));
    expect(listed!.lastUsedAt).toBeInstanceOf(Date);
    expect(await verifyApiKey(h.db, `${k.key.slice(0, -1)}${k.key.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(await verifyApiKey(h.db, 'lp_short')).toBeNull();
    expect(await verifyApiKey(h.db, k.key.replace(/^lp_/, 'xx_'))).toBeNull();
  });

  it('stops working when revoked; revoking twice is NOT_FOUND; both are audited', async () => {
    const t = await team(h.db);
    const k = await as(h.db, t.owner, (tx) => createApiKey(tx, t.a.owner, { name: 'Old' }));
    await as(h.db, t.admin, (tx) => revokeApiKey(tx, t.a.admin, k.id));
    expect(await verifyApiKey(h.db, k.key)).toBeNull();
    await expectCode(as(h.db, t.admin, (tx) => revokeApiKey(tx, t.a.admin, k.id)), 'NOT_FOUND');
    const [listed] = await as(h.db, t.owner, (tx) => findApiKeys(tx, t.owner.orgId));
    expect(listed).toMatchObject({ status: 'revoked' });
    expect((await auditActions(h.db, t.owner.orgId)).find((a) => a.action === 'api_key.revoked')).toMatchObject({ actor_id: t.admin.userId, target_id: k.id });
  });

  it('dies with its creator: removed from the organization → unusable, shown as revoked', async () => {
    const t = await team(h.db);
    await as(h.db, t.owner, (tx) => changeMemberRole(tx, t.a.owner, { userId: t.member.userId, role: 'admin' }));
    const creator = { ...t.a.member, role: 'admin' as const };
    const k = await as(h.db, t.member, (tx) => createApiKey(tx, creator, { name: 'Script' }));
    expect(await verifyApiKey(h.db, k.key)).not.toBeNull();
    await as(h.db, t.owner, (tx) => removeMember(tx, t.a.owner, { userId: t.member.userId }));
    expect(await verifyApiKey(h.db, k.key)).toBeNull();
    const [listed] = await as(h.db, t.owner, (tx) => findApiKeys(tx, t.owner.orgId));
    expect(listed).toMatchObject({ status: 'revoked', createdByEmail: null });
  });

  it('is unusable when its creator left even if nobody revoked it (membership is checked on every use)', async () => {
    const t = await team(h.db);
    const k = await as(h.db, t.admin, (tx) => createApiKey(tx, t.a.admin, { name: 'Orphan' }));
    await asService(h.db, (tx) => tx.execute(sql`delete from public.memberships where org_id = ${t.owner.orgId}::uuid and user_id = ${t.admin.userId}::uuid`));
    expect(await verifyApiKey(h.db, k.key)).toBeNull();
    const [listed] = await as(h.db, t.owner, (tx) => findApiKeys(tx, t.owner.orgId));
    expect(listed).toMatchObject({ status: 'inactive' });
  });

  it('members can neither create, list nor revoke keys', async () => {
    const t = await team(h.db);
    await expectCode(as(h.db, t.member, (tx) => createApiKey(tx, t.a.member, { name: 'Nope' })), 'FORBIDDEN');
    const k = await as(h.db, t.owner, (tx) => createApiKey(tx, t.a.owner, { name: 'Owner key' }));
    expect(await as(h.db, t.member, (tx) => findApiKeys(tx, t.owner.orgId))).toEqual([]);
    await expectCode(as(h.db, t.member, (tx) => revokeApiKey(tx, t.a.member, k.id)), 'NOT_FOUND');
    expect(await verifyApiKey(h.db, k.key)).not.toBeNull();
  });

  it('never reaches another organization', async () => {
    const t = await team(h.db);
    const other = await team(h.db, 'Other');
    const k = await as(h.db, other.owner, (tx) => createApiKey(tx, other.a.owner, { name: 'Theirs' }));
    expect(await as(h.db, t.owner, (tx) => findApiKeys(tx, other.owner.orgId))).toEqual([]);
    await expectCode(as(h.db, t.owner, (tx) => revokeApiKey(tx, { ...t.a.owner, orgId: other.owner.orgId }, k.id)), 'NOT_FOUND');
    expect((await verifyApiKey(h.db, k.key))?.orgId).toBe(other.owner.orgId);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, sql } from '../../../../src/db';
import { jarFromHeader } from '../../../../src/lib/auth';
import { localIdentity } from '../../../../src/lib/auth/local';
import {
  createApiKey, findAuditLog, recordAudit, removeMember, revokeApiKey, signIn, signUp,
} from '../../../../src/features/accounts';
import { testDb, type TTestDb } from '../../../support/db';
import { uniqueEmail } from '../../../support/world';
import { as, auditActions, expectCode, team } from './helpers';

let h: TTestDb;
beforeAll(async () => {
  h = await testDb();
});
afterAll(async () => h?.close());

const deps = (ip: string) => ({ db: h.db, identity: localIdentity, jar: jarFromHeader(null), meta: { ip, userAgent: 'vitest', secure: false } });

describe('audit log', () => {
  it('records sign-up and sign-in with the IP', async () => {
    const email = uniqueEmail('audit');
    const password = 'correct horse battery staple';
    const up = await signUp(deps('192.0.2.10'), { fullName: 'Audrey Audit', email, password, orgName: 'Audit Co', invitation: undefined });
    await expectCode(signIn(deps('192.0.2.11'), { email, password: 'wrong password!!' }), 'UNAUTHORIZED');
    await signIn(deps('192.0.2.12'), { email, password });
    const entries = await auditActions(h.db, up.orgId!);
    expect(entries.find((e) => e.action === 'account.signed_up')).toMatchObject({ actor_id: up.userId, ip: '192.0.2.10' });
    const signIns = entries.filter((e) => e.action === 'auth.signed_in');
    expect(signIns).toHaveLength(1);
    expect(signIns[0]).toMatchObject({ actor_id: up.userId, ip: '192.0.2.12' });
  });

  it('records keys created and revoked and members removed, with actor, target and IP', async () => {
    const t = await team(h.db);
    const k = await as(h.db, t.owner, (tx) => createApiKey(tx, t.a.owner, { name: 'Audit me' }));
    await as(h.db, t.owner, (tx) => revokeApiKey(tx, t.a.owner, k.id));
    await as(h.db, t.owner, (tx) => removeMember(tx, t.a.owner, { userId: t.member.userId }));
    const page = await as(h.db, t.admin, (tx) => findAuditLog(tx, t.owner.orgId));
    const byAction = Object.fromEntries(page.entries.map((e) => [e.action, e]));
    expect(byAction['api_key.created']).toMatchObject({ actorEmail: t.owner.email, targetType: 'api_key', targetId: k.id, ip: '203.0.113.7' });
    expect(byAction['api_key.revoked']).toMatchObject({ actorEmail: t.owner.email, targetId: k.id });
    expect(byAction['member.removed']).toMatchObject({ actorEmail: t.owner.email, targetType: 'user', targetId: t.member.userId, metadata: { email: t.member.email, role: 'member' } });
    expect(page.entries.map((e) => e.action).slice(0, 3)).toEqual(['member.removed', 'api_key.revoked', 'api_key.created']);
  });

  it('an API key acting is recorded as such, with the key id', async () => {
    const t = await team(h.db);
    const k = await as(h.db, t.owner, (tx) => createApiKey(tx, t.a.owner, { name: 'Robot' }));
    await as(h.db, t.owner, (tx) => revokeApiKey(tx, { ...t.a.owner, via: 'api_key', apiKeyId: k.id }, k.id));
    const page = await as(h.db, t.owner, (tx) => findAuditLog(tx, t.owner.orgId, { action: 'api_key.revoked' }));
    expect(page.entries[0]).toMatchObject({ actorType: 'api_key', metadata: { apiKeyId: k.id } });
  });

  it('filters by action prefix (underscores are literal) and pages by keyset without gaps or repeats', async () => {
    const t = await team(h.db);
    // Seven entries written in one transaction share created_at: the cursor must still walk them all.
    await asService(h.db, async (tx) => {
      for (let i = 0; i < 7; i++) await recordAudit(tx, { orgId: t.owner.orgId, actorId: t.owner.userId, action: 'api_key.created', targetId: `k${i}` });
      await recordAudit(tx, { orgId: t.owner.orgId, actorId: t.owner.userId, action: 'apixkey.created' });
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await as(h.db, t.owner, (tx) => findAuditLog(tx, t.owner.orgId, { action: 'api_key', limit: 3, before: cursor }));
      seen.push(...page.entries.map((e) => e.targetId!));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    const all = await as(h.db, t.owner, (tx) => findAuditLog(tx, t.owner.orgId, { limit: 200 }));
    expect(all.entries.some((e) => e.action === 'apixkey.created')).toBe(true);
    // A bare ISO timestamp means "strictly before that instant".
    const oldest = all.entries.at(-1)!;
    const before = await as(h.db, t.owner, (tx) => findAuditLog(tx, t.owner.orgId, { before: oldest.createdAt }));
    expect(before.entries).toEqual([]);
    await expectCode(as(h.db, t.owner, (tx) => findAuditLog(tx, t.owner.orgId, { before: 'yesterday' })), 'INVALID_INPUT');
  });

  it('members cannot read the log, and nobody can rewrite it', async () => {
    const t = await team(h.db);
    await as(h.db, t.owner, (tx) => createApiKey(tx, t.a.owner, { name: 'Seen by admins' }));
    expect((await as(h.db, t.member, (tx) => findAuditLog(tx, t.owner.orgId))).entries).toEqual([]);
    // No policy allows update or delete: the statement matches no rows.
    await as(h.db, t.owner, (tx) => tx.execute(sql`delete from public.audit_log where org_id = ${t.owner.orgId}::uuid`));
    expect((await auditActions(h.db, t.owner.orgId)).length).toBeGreaterThan(0);
    // Writing an entry in someone else's name is refused.
    await expectCode(as(h.db, t.member, (tx) => recordAudit(tx, { orgId: t.owner.orgId, actorId: t.owner.userId, action: 'member.removed' })), 'FORBIDDEN');
  });
});

/**
 * Bad input to every /api/v1 platform route: a clear 4xx with a stable code, nothing changed, and never
 * a stack trace or SQL in the body (call() checks that on every response).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, sql, withUser } from '../../../src/db';
import { changeMemberRole, revokeApiKey } from '../../../src/features/accounts';
import type { TTestDb } from '../../support/db';
import { createPerson, uniqueEmail, type TPerson } from '../../support/world';
import { APP, apiKeyFor, call, expectError, onPglite, releaseTestDatabase, sessionCookie, useTestDatabase } from './helpers';

const A_UUID = '6f1c2a7e-1b7a-4a55-9f7d-2f1f3c1d9e10';

describe.skipIf(onPglite())('/api/v1 bad input', () => {
  let h: TTestDb;
  let R: Awaited<ReturnType<typeof load>>;
  let owner: TPerson;
  let admin: TPerson;
  let member: TPerson;
  let ownerKey: string;
  let adminKey: string;
  let demotedKey: string;
  let memberCookie: string;
  let ownerCookie: string;

  async function load() {
    return {
      me: await import('@app/api/v1/me/route'),
      organization: await import('@app/api/v1/organization/route'),
      members: await import('@app/api/v1/members/route'),
      member: await import('@app/api/v1/members/[userId]/route'),
      invitations: await import('@app/api/v1/invitations/route'),
      invitation: await import('@app/api/v1/invitations/[id]/route'),
      apiKeys: await import('@app/api/v1/api-keys/route'),
      apiKey: await import('@app/api/v1/api-keys/[id]/route'),
      notifications: await import('@app/api/v1/notifications/route'),
      notificationsRead: await import('@app/api/v1/notifications/read/route'),
      preferences: await import('@app/api/v1/notification-preferences/route'),
      auditLog: await import('@app/api/v1/audit-log/route'),
      jobs: await import('@app/api/v1/jobs/route'),
    };
  }

  const orgName = async () =>
    (await asService(h.db, (tx) => one<{ name: string; timezone: string }>(tx, sql`select name, timezone from public.organizations where id = ${owner.orgId}::uuid`)))!;
  const keyCount = async () =>
    (await asService(h.db, (tx) => one<{ n: number }>(tx, sql`select count(*)::int as n from public.api_keys where org_id = ${owner.orgId}::uuid`)))!.n;

  beforeAll(async () => {
    h = await useTestDatabase();
    R = await load();
    owner = await createPerson(h.db, { orgName: 'Guarded Co' });
    admin = await createPerson(h.db, { join: { orgId: owner.orgId, role: 'admin' } });
    member = await createPerson(h.db, { join: { orgId: owner.orgId, role: 'member' } });
    const demoted = await createPerson(h.db, { join: { orgId: owner.orgId, role: 'admin' } });
    ownerKey = (await apiKeyFor(h.db, owner)).key;
    adminKey = (await apiKeyFor(h.db, admin)).key;
    // A key made while its creator was an admin acts with the creator's current role: member.
    demotedKey = (await apiKeyFor(h.db, demoted)).key;
    await withUser(h.db, owner.claims, (tx) => changeMemberRole(tx, { orgId: owner.orgId, userId: owner.userId, role: 'owner' }, { userId: demoted.userId, role: 'member' }));
    memberCookie = await sessionCookie(h.db, member);
    ownerCookie = await sessionCookie(h.db, owner);
  });
  afterAll(async () => releaseTestDatabase(h));

  describe('authentication', () => {
    it('no credentials → 401 on every route', async () => {
      const cases: [Parameters<typeof call>[0], string, string, Record<string, string>?][] = [
        [R.me.GET, 'GET', '/api/v1/me'], [R.organization.GET, 'GET', '/api/v1/organization'], [R.members.GET, 'GET', '/api/v1/members'],
        [R.invitations.GET, 'GET', '/api/v1/invitations'], [R.apiKeys.GET, 'GET', '/api/v1/api-keys'], [R.notifications.GET, 'GET', '/api/v1/notifications'],
        [R.preferences.GET, 'GET', '/api/v1/notification-preferences'], [R.auditLog.GET, 'GET', '/api/v1/audit-log'], [R.jobs.GET, 'GET', '/api/v1/jobs'],
        [R.apiKey.DELETE, 'DELETE', `/api/v1/api-keys/${A_UUID}`, { id: A_UUID }], [R.invitation.DELETE, 'DELETE', `/api/v1/invitations/${A_UUID}`, { id: A_UUID }],
        [R.member.DELETE, 'DELETE', `/api/v1/members/${A_UUID}`, { userId: A_UUID }],
      ];
      for (const [handler, method, path, params] of cases) {
        const e = expectError(await call(handler, method, path, { params }), 401, 'UNAUTHORIZED');
        expect(e.message).toMatch(/API key|Sign in/);
      }
      expectError(await call(R.invitations.POST, 'POST', '/api/v1/invitations', { json: { email: uniqueEmail(), role: 'member' } }), 401, 'UNAUTHORIZED');
    });

    it('a wrong, malformed or foreign-scheme key → 401', async () => {
      expectError(await call(R.me.GET, 'GET', '/api/v1/me', { key: 'lp_thisKeyDoesNotExist0000000000000000000000000' }), 401, 'UNAUTHORIZED');
      expectError(await call(R.me.GET, 'GET', '/api/v1/me', { key: 'sk_live_123' }), 401, 'UNAUTHORIZED');
      expectError(await call(R.me.GET, 'GET', '/api/v1/me', { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }), 401, 'UNAUTHORIZED');
      expectError(await call(R.me.GET, 'GET', '/api/v1/me', { headers: { authorization: 'Bearer' } }), 401, 'UNAUTHORIZED');
      expectError(await call(R.me.GET, 'GET', '/api/v1/me', { cookie: 'lp_session=forged.jwt.value' }), 401, 'UNAUTHORIZED');
    });

    it('a revoked key → 401, at once', async () => {
      const k = await apiKeyFor(h.db, owner, 'short-lived');
      expect((await call(R.me.GET, 'GET', '/api/v1/me', { key: k.key })).status).toBe(200);
      await withUser(h.db, owner.claims, (tx) => revokeApiKey(tx, { orgId: owner.orgId, userId: owner.userId }, k.id));
      const e = expectError(await call(R.me.GET, 'GET', '/api/v1/me', { key: k.key }), 401, 'UNAUTHORIZED');
      expect(e.message).toMatch(/revoked/);
    });
  });

  describe('roles', () => {
    it('a member calling owner/admin routes → 403, by session or by key', async () => {
      for (const auth of [{ cookie: memberCookie }, { key: demotedKey }]) {
        expectError(await call(R.auditLog.GET, 'GET', '/api/v1/audit-log', auth), 403, 'FORBIDDEN');
        expectError(await call(R.jobs.GET, 'GET', '/api/v1/jobs', auth), 403, 'FORBIDDEN');
        expectError(await call(R.apiKeys.GET, 'GET', '/api/v1/api-keys', auth), 403, 'FORBIDDEN');
        expectError(await call(R.invitations.GET, 'GET', '/api/v1/invitations', auth), 403, 'FORBIDDEN');
        expectError(await call(R.organization.PATCH, 'PATCH', '/api/v1/organization', { ...auth, origin: APP, json: { name: 'Hijacked' } }), 403, 'FORBIDDEN');
        expectError(await call(R.invitations.POST, 'POST', '/api/v1/invitations', { ...auth, origin: APP, json: { email: uniqueEmail(), role: 'member' } }), 403, 'FORBIDDEN');
        expectError(
          await call(R.member.PATCH, 'PATCH', `/api/v1/members/${member.userId}`, { ...auth, origin: APP, json: { role: 'owner' }, params: { userId: member.userId } }),
          403,
          'FORBIDDEN',
        );
        const e = expectError(await call(R.member.DELETE, 'DELETE', `/api/v1/members/${admin.userId}`, { ...auth, origin: APP, params: { userId: admin.userId } }), 403, 'FORBIDDEN');
        expect(e.message).toMatch(/owners and admins/);
      }
      expect((await orgName()).name).toBe('Guarded Co');
    });

    it('the owner rules hold through the API: admins cannot make or touch owners, the last owner stays', async () => {
      const target = await createPerson(h.db, { join: { orgId: owner.orgId, role: 'member' } });
      const p = { params: { userId: target.userId } };
      let e = expectError(await call(R.member.PATCH, 'PATCH', `/api/v1/members/${target.userId}`, { key: adminKey, json: { role: 'owner' }, ...p }), 403, 'FORBIDDEN');
      expect(e.message).toMatch(/owner/);
      e = expectError(await call(R.member.PATCH, 'PATCH', `/api/v1/members/${admin.userId}`, { key: adminKey, json: { role: 'owner' }, params: { userId: admin.userId } }), 403, 'FORBIDDEN');
      e = expectError(await call(R.member.PATCH, 'PATCH', `/api/v1/members/${owner.userId}`, { key: adminKey, json: { role: 'member' }, params: { userId: owner.userId } }), 403, 'FORBIDDEN');
      expect(e.message).toMatch(/Only an owner/);
      e = expectError(await call(R.member.DELETE, 'DELETE', `/api/v1/members/${owner.userId}`, { key: adminKey, params: { userId: owner.userId } }), 403, 'FORBIDDEN');
      e = expectError(await call(R.member.PATCH, 'PATCH', `/api/v1/members/${owner.userId}`, { key: ownerKey, json: { role: 'admin' }, params: { userId: owner.userId } }), 409, 'CONFLICT');
      expect(e.message).toMatch(/at least one owner/);
      e = expectError(await call(R.member.DELETE, 'DELETE', `/api/v1/members/${owner.userId}`, { key: ownerKey, params: { userId: owner.userId } }), 409, 'CONFLICT');
      const roles = await asService(h.db, (tx) => one<{ o: string; a: string }>(tx, sql`select
        (select role from public.memberships where org_id = ${owner.orgId}::uuid and user_id = ${owner.userId}::uuid) as o,
        (select role from public.memberships where org_id = ${owner.orgId}::uuid and user_id = ${admin.userId}::uuid) as a`));
      expect(roles).toEqual({ o: 'owner', a: 'admin' });
    });

    it('API keys can be created only from a signed-in browser session', async () => {
      const before = await keyCount();
      const e = expectError(await call(R.apiKeys.POST, 'POST', '/api/v1/api-keys', { key: ownerKey, json: { name: 'Minted by a key' } }), 403, 'FORBIDDEN');
      expect(e.message).toMatch(/only available in the app/);
      expect(await keyCount()).toBe(before);
    });
  });

  describe('cross-site requests', () => {
    it('a cookie-authenticated mutation from a foreign Origin (or none) → 403 and nothing created', async () => {
      const before = await keyCount();
      let e = expectError(await call(R.apiKeys.POST, 'POST', '/api/v1/api-keys', { cookie: ownerCookie, origin: 'https://evil.example', json: { name: 'CSRF' } }), 403, 'FORBIDDEN');
      expect(e.message).toMatch(/Cross-site/);
      e = expectError(await call(R.apiKeys.POST, 'POST', '/api/v1/api-keys', { cookie: ownerCookie, json: { name: 'CSRF' } }), 403, 'FORBIDDEN');
      e = expectError(await call(R.apiKeys.POST, 'POST', '/api/v1/api-keys', { cookie: ownerCookie, headers: { referer: 'https://evil.example/page' }, json: { name: 'CSRF' } }), 403, 'FORBIDDEN');
      expect(await keyCount()).toBe(before);
      expectError(await call(R.organization.PATCH, 'PATCH', '/api/v1/organization', { cookie: ownerCookie, origin: 'http://localhost:3000.evil.example', json: { name: 'CSRF Co' } }), 403, 'FORBIDDEN');
      expectError(await call(R.member.DELETE, 'DELETE', `/api/v1/members/${member.userId}`, { cookie: ownerCookie, origin: 'null', params: { userId: member.userId } }), 403, 'FORBIDDEN');
      expectError(await call(R.notificationsRead.POST, 'POST', '/api/v1/notifications/read', { cookie: ownerCookie, origin: 'https://evil.example', json: { all: true } }), 403, 'FORBIDDEN');
      expect((await orgName()).name).toBe('Guarded Co');
      // The same requests from our own pages go through; API keys need no Origin.
      const ok = await call(R.apiKeys.POST, 'POST', '/api/v1/api-keys', { cookie: ownerCookie, origin: APP, json: { name: 'Same origin' } });
      expect(ok.status).toBe(201);
      expect((await call(R.notificationsRead.POST, 'POST', '/api/v1/notifications/read', { key: ownerKey, origin: 'https://evil.example', json: { all: true } })).status).toBe(200);
    });
  });

  describe('bodies', () => {
    const mutations = () =>
      [
        [R.invitations.POST, 'POST', '/api/v1/invitations', {}],
        [R.organization.PATCH, 'PATCH', '/api/v1/organization', {}],
        [R.member.PATCH, 'PATCH', `/api/v1/members/${member.userId}`, { userId: member.userId }],
        [R.notificationsRead.POST, 'POST', '/api/v1/notifications/read', {}],
        [R.preferences.PUT, 'PUT', '/api/v1/notification-preferences', {}],
      ] as [Parameters<typeof call>[0], string, string, Record<string, string>][];

    it('malformed JSON → 400 INVALID_JSON', async () => {
      for (const [handler, method, path, params] of mutations()) {
        const e = expectError(await call(handler, method, path, { key: ownerKey, body: '{"email": "a@b.c",', params }), 400, 'INVALID_JSON');
        expect(e.message).toBe('The request body is not valid JSON.');
      }
      expectError(await call(R.apiKeys.POST, 'POST', '/api/v1/api-keys', { cookie: ownerCookie, origin: APP, body: "{name: 'x'}" }), 400, 'INVALID_JSON');
    });

    it('a body over the limit → 413, declared or not', async () => {
      const big = JSON.stringify({ email: `${'a'.repeat(70_000)}@example.com`, role: 'member' }); // over every route's own limit (4–64 kB)
      for (const [handler, method, path, params] of mutations()) {
        expectError(await call(handler, method, path, { key: ownerKey, body: big, params }), 413, 'PAYLOAD_TOO_LARGE');
      }
      // Over the global limit on a route that takes no body at all.
      const huge = 'x'.repeat(1_100_000);
      expectError(await call(R.apiKey.DELETE, 'DELETE', `/api/v1/api-keys/${A_UUID}`, { key: ownerKey, body: huge, params: { id: A_UUID } }), 413, 'PAYLOAD_TOO_LARGE');
      // A lying Content-Length is refused before anything is read.
      expectError(await call(R.invitations.POST, 'POST', '/api/v1/invitations', { key: ownerKey, json: { email: uniqueEmail(), role: 'member' }, headers: { 'content-length': '999999999' } }), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('a body that is not JSON → 415; a missing body → 422', async () => {
      expectError(await call(R.invitations.POST, 'POST', '/api/v1/invitations', { key: ownerKey, body: 'email=a@b.c&role=member', contentType: 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      const e = expectError(await call(R.invitations.POST, 'POST', '/api/v1/invitations', { key: ownerKey }), 422, 'INVALID_INPUT');
      expect(e.message).toMatch(/JSON body/);
    });

    it('wrong types and values → 422 with the fields named; nothing changes', async () => {
      let e = expectError(await call(R.invitations.POST, 'POST', '/api/v1/invitations', { key: ownerKey, json: { email: 42, role: 'boss' } }), 422, 'INVALID_INPUT');
      expect(Object.keys(e.fields!)).toEqual(expect.arrayContaining(['email', 'role']));
      e = expectError(await call(R.invitations.POST, 'POST', '/api/v1/invitations', { key: ownerKey, json: { email: 'not-an-email', role: 'member' } }), 422, 'INVALID_INPUT');
      expect(e.fields!.email![0]).toMatch(/valid email/);

      e = expectError(await call(R.organization.PATCH, 'PATCH', '/api/v1/organization', { key: ownerKey, json: { timezone: 'Mars/Olympus_Mons' } }), 422, 'INVALID_INPUT');
      expect(e.fields!.timezone![0]).toMatch(/time zone/);
      e = expectError(await call(R.organization.PATCH, 'PATCH', '/api/v1/organization', { key: ownerKey, json: { sendWindowStart: '18:00', sendWindowEnd: '09:00' } }), 422, 'INVALID_INPUT');
      expect(e.fields!.sendWindowEnd![0]).toMatch(/end after it starts/);
      e = expectError(await call(R.organization.PATCH, 'PATCH', '/api/v1/organization', { key: ownerKey, json: { sendDays: [0, 9] } }), 422, 'INVALID_INPUT');
      e = expectError(await call(R.organization.PATCH, 'PATCH', '/api/v1/organization', { key: ownerKey, json: { name: 'Ok', plan: 'enterprise' } }), 422, 'INVALID_INPUT');
      e = expectError(await call(R.organization.PATCH, 'PATCH', '/api/v1/organization', { key: ownerKey, json: { businessContext: { secret_field: 'x' } } }), 422, 'INVALID_INPUT');
      e = expectError(await call(R.organization.PATCH, 'PATCH', '/api/v1/organization', { key: ownerKey, json: { name: 17 } }), 422, 'INVALID_INPUT');
      expect(e.fields!.name).toBeDefined();
      expect(await orgName()).toEqual({ name: 'Guarded Co', timezone: 'UTC' });

      e = expectError(await call(R.member.PATCH, 'PATCH', '/api/v1/members/not-a-uuid', { key: ownerKey, json: { role: 'admin' }, params: { userId: 'not-a-uuid' } }), 422, 'INVALID_INPUT');
      expect(e.fields!.userId).toBeDefined();
      e = expectError(await call(R.member.PATCH, 'PATCH', `/api/v1/members/${member.userId}`, { key: ownerKey, json: { role: 'superuser' }, params: { userId: member.userId } }), 422, 'INVALID_INPUT');
      expect(e.fields!.role).toBeDefined();

      e = expectError(await call(R.notificationsRead.POST, 'POST', '/api/v1/notifications/read', { key: ownerKey, json: {} }), 422, 'INVALID_INPUT');
      expect(e.fields!.ids![0]).toMatch(/either "ids"/);
      e = expectError(await call(R.notificationsRead.POST, 'POST', '/api/v1/notifications/read', { key: ownerKey, json: { ids: ['nope'] } }), 422, 'INVALID_INPUT');
      expect(Object.keys(e.fields!)).toContain('ids.0');
      expectError(await call(R.notificationsRead.POST, 'POST', '/api/v1/notifications/read', { key: ownerKey, json: { all: false } }), 422, 'INVALID_INPUT');
      expectError(await call(R.notificationsRead.POST, 'POST', '/api/v1/notifications/read', { key: ownerKey, json: [1, 2] }), 422, 'INVALID_INPUT');

      e = expectError(await call(R.preferences.PUT, 'PUT', '/api/v1/notification-preferences', { key: ownerKey, json: { preferences: { bogus: { email: true } } } }), 422, 'INVALID_INPUT');
      e = expectError(await call(R.preferences.PUT, 'PUT', '/api/v1/notification-preferences', { key: ownerKey, json: { preferences: { reply: { email: 'yes' } } } }), 422, 'INVALID_INPUT');
      expect(Object.keys(e.fields!)).toContain('preferences.reply.email');

      e = expectError(await call(R.apiKeys.POST, 'POST', '/api/v1/api-keys', { cookie: ownerCookie, origin: APP, json: { name: '   ' } }), 422, 'INVALID_INPUT');
      expect(e.fields!.name![0]).toMatch(/Name the key/);
    });

    it('bad query strings and path ids → 422; unknown ids → 404', async () => {
      let e = expectError(await call(R.auditLog.GET, 'GET', '/api/v1/audit-log?limit=0', { key: ownerKey }), 422, 'INVALID_INPUT');
      expect(e.fields!.limit).toBeDefined();
      e = expectError(await call(R.auditLog.GET, 'GET', '/api/v1/audit-log?before=yesterday', { key: ownerKey }), 422, 'INVALID_INPUT');
      expect(e.fields!.before).toBeDefined();
      expectError(await call(R.auditLog.GET, 'GET', "/api/v1/audit-log?action=x'%20or%201=1--", { key: ownerKey }), 422, 'INVALID_INPUT');
      expectError(await call(R.jobs.GET, 'GET', '/api/v1/jobs?status=exploded', { key: ownerKey }), 422, 'INVALID_INPUT');
      expectError(await call(R.jobs.GET, 'GET', '/api/v1/jobs?limit=abc', { key: ownerKey }), 422, 'INVALID_INPUT');
      expectError(await call(R.notifications.GET, 'GET', '/api/v1/notifications?unread=maybe', { key: ownerKey }), 422, 'INVALID_INPUT');
      expectError(await call(R.invitations.GET, 'GET', '/api/v1/invitations?status=everything', { key: ownerKey }), 422, 'INVALID_INPUT');
      expectError(await call(R.apiKey.DELETE, 'DELETE', '/api/v1/api-keys/123', { key: ownerKey, params: { id: '123' } }), 422, 'INVALID_INPUT');
      expectError(await call(R.apiKey.DELETE, 'DELETE', `/api/v1/api-keys/${A_UUID}`, { key: ownerKey, params: { id: A_UUID } }), 404, 'NOT_FOUND');
      expectError(await call(R.invitation.DELETE, 'DELETE', `/api/v1/invitations/${A_UUID}`, { key: ownerKey, params: { id: A_UUID } }), 404, 'NOT_FOUND');
      expectError(await call(R.member.PATCH, 'PATCH', `/api/v1/members/${A_UUID}`, { key: ownerKey, json: { role: 'admin' }, params: { userId: A_UUID } }), 404, 'NOT_FOUND');
      expectError(await call(R.member.DELETE, 'DELETE', `/api/v1/members/${A_UUID}`, { key: ownerKey, params: { userId: A_UUID } }), 404, 'NOT_FOUND');
    });

    it('conflicts → 409 with a message a person can act on', async () => {
      const e = expectError(await call(R.invitations.POST, 'POST', '/api/v1/invitations', { key: ownerKey, json: { email: member.email, role: 'member' } }), 409, 'CONFLICT');
      expect(e.message).toMatch(/already a member of Guarded Co/);
    });
  });
});

/**
 * Every /api/v1 route of the platform, called the way a client calls it (API key or session cookie),
 * against a real Postgres database; responses are checked against the contracts' response schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, rows, sql } from '../../../src/db';
import { apiCatalog } from '../../../src/features/api-catalog';
import * as accounts from '../../../src/features/accounts';
import * as notifications from '../../../src/features/notifications';
import * as jobs from '../../../src/features/jobs';
import type { TTestDb } from '../../support/db';
import { createPerson, uniqueEmail, type TPerson } from '../../support/world';
import { APP, apiKeyFor, call, expectError, onPglite, releaseTestDatabase, sessionCookie, useTestDatabase } from './helpers';

type TRoutes = Awaited<ReturnType<typeof loadRoutes>>;

async function loadRoutes() {
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

describe.skipIf(onPglite())('/api/v1 platform routes', () => {
  let h: TTestDb;
  let R: TRoutes;
  let owner: TPerson;
  let admin: TPerson;
  let member: TPerson;
  let ownerKey: string;

  beforeAll(async () => {
    h = await useTestDatabase();
    R = await loadRoutes();
    owner = await createPerson(h.db, { orgName: 'Api Co', fullName: 'Olive Owner' });
    admin = await createPerson(h.db, { join: { orgId: owner.orgId, role: 'admin' }, fullName: 'Ada Admin' });
    member = await createPerson(h.db, { join: { orgId: owner.orgId, role: 'member' }, fullName: 'Max Member' });
    ownerKey = (await apiKeyFor(h.db, owner, 'owner key')).key;
  });
  afterAll(async () => releaseTestDatabase(h));

  it('every exported route handler is in the OpenAPI catalog with its method and path', () => {
    const exported: [string, string][] = [
      ['GET', '/api/v1/me'], ['GET', '/api/v1/organization'], ['PATCH', '/api/v1/organization'], ['GET', '/api/v1/members'],
      ['PATCH', '/api/v1/members/{userId}'], ['DELETE', '/api/v1/members/{userId}'], ['GET', '/api/v1/invitations'],
      ['POST', '/api/v1/invitations'], ['DELETE', '/api/v1/invitations/{id}'], ['GET', '/api/v1/api-keys'], ['POST', '/api/v1/api-keys'],
      ['DELETE', '/api/v1/api-keys/{id}'], ['GET', '/api/v1/notifications'], ['POST', '/api/v1/notifications/read'],
      ['GET', '/api/v1/notification-preferences'], ['PUT', '/api/v1/notification-preferences'], ['GET', '/api/v1/audit-log'], ['GET', '/api/v1/jobs'],
    ];
    const modules = Object.values(R) as Record<string, unknown>[];
    const exportCount = modules.reduce((n, m) => n + Object.keys(m).filter((k) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k)).length, 0);
    expect(exportCount).toBe(exported.length);
    for (const [method, path] of exported) {
      const ep = apiCatalog.find((e) => e.method === method && e.path === path);
      expect(ep, `${method} ${path}`).toBeDefined();
      expect(ep!.response, `${method} ${path} has a response schema`).toBeDefined();
    }
  });

  it('GET /me answers who is calling, by API key and by session', async () => {
    const byKey = await call(R.me.GET, 'GET', '/api/v1/me', { key: ownerKey });
    expect(byKey.status).toBe(200);
    const me = accounts.ZMeResponse.parse(byKey.body);
    expect(me).toMatchObject({ user: { id: owner.userId, email: owner.email, fullName: 'Olive Owner' }, organization: { id: owner.orgId, name: 'Api Co' }, role: 'owner', via: 'api_key' });
    const bySession = await call(R.me.GET, 'GET', '/api/v1/me', { cookie: await sessionCookie(h.db, member) });
    expect(accounts.ZMeResponse.parse(bySession.body)).toMatchObject({ role: 'member', via: 'session', user: { id: member.userId } });
  });

  it('GET and PATCH /organization', async () => {
    const got = await call(R.organization.GET, 'GET', '/api/v1/organization', { key: ownerKey });
    expect(accounts.ZOrganizationResponse.parse(got.body)).toMatchObject({ id: owner.orgId, name: 'Api Co', timezone: 'UTC', sendWindowStart: '09:00', sendDays: [1, 2, 3, 4, 5] });
    const patched = await call(R.organization.PATCH, 'PATCH', '/api/v1/organization', {
      key: ownerKey,
      json: { timezone: 'America/New_York', sendWindowEnd: '18:30', businessContext: { industry: 'Fintech', key_pain_points: ['churn', 'CAC'] }, postalAddress: '1 Wall St' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(accounts.ZOrganizationResponse.parse(patched.body)).toMatchObject({
      name: 'Api Co', timezone: 'America/New_York', sendWindowEnd: '18:30', postalAddress: '1 Wall St', businessContext: { industry: 'Fintech', key_pain_points: ['churn', 'CAC'] },
    });
    const again = await call(R.organization.GET, 'GET', '/api/v1/organization', { cookie: await sessionCookie(h.db, member) });
    expect(again.body).toMatchObject({ timezone: 'America/New_York' });
  });

  it('GET /members, PATCH and DELETE /members/{userId}', async () => {
    const extra = await createPerson(h.db, { join: { orgId: owner.orgId, role: 'member' } });
    const list = await call(R.members.GET, 'GET', '/api/v1/members', { key: ownerKey });
    const parsed = accounts.ZMembersResponse.parse(list.body);
    expect(parsed.members.map((m) => m.email)).toEqual(expect.arrayContaining([owner.email, admin.email, member.email, extra.email]));
    const changed = await call(R.member.PATCH, 'PATCH', `/api/v1/members/${extra.userId}`, { key: ownerKey, json: { role: 'admin' }, params: { userId: extra.userId } });
    expect(changed.status, changed.text).toBe(200);
    expect(accounts.ZMemberResponse.parse(changed.body)).toEqual({ member: { userId: extra.userId, role: 'admin' } });
    const removed = await call(R.member.DELETE, 'DELETE', `/api/v1/members/${extra.userId}`, { key: ownerKey, params: { userId: extra.userId } });
    expect(accounts.ZMemberRemovedResponse.parse(removed.body)).toEqual({ userId: extra.userId, removed: true });
    const after = accounts.ZMembersResponse.parse((await call(R.members.GET, 'GET', '/api/v1/members', { key: ownerKey })).body);
    expect(after.members.some((m) => m.userId === extra.userId)).toBe(false);
  });

  it('a member can leave through DELETE /members/{own id}', async () => {
    const leaver = await createPerson(h.db, { join: { orgId: owner.orgId, role: 'member' } });
    const r = await call(R.member.DELETE, 'DELETE', `/api/v1/members/${leaver.userId}`, {
      cookie: await sessionCookie(h.db, leaver), origin: APP, params: { userId: leaver.userId },
    });
    expect(r.status, r.text).toBe(200);
    const audit = await asService(h.db, (tx) => rows<{ action: string }>(tx, sql`select action from public.audit_log where org_id = ${owner.orgId}::uuid and target_id = ${leaver.userId}`));
    expect(audit.map((a) => a.action)).toContain('member.left');
  });

  it('POST, GET and DELETE /invitations', async () => {
    const email = uniqueEmail('api-invitee');
    const created = await call(R.invitations.POST, 'POST', '/api/v1/invitations', { key: ownerKey, json: { email, role: 'admin' } });
    expect(created.status, created.text).toBe(201);
    const inv = accounts.ZInvitationCreatedResponse.parse(created.body);
    expect(inv).toMatchObject({ emailed: true, invitation: { email, role: 'admin', status: 'pending' } });
    expect(inv.link.startsWith('http://localhost:3000/invite/')).toBe(true);
    const mail = await asService(h.db, (tx) => rows<{ html: string }>(tx, sql`select html from app_private.dev_mailbox where ${email} = any(to_addresses)`));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.html).toContain(inv.link);
    const listed = accounts.ZInvitationsResponse.parse((await call(R.invitations.GET, 'GET', '/api/v1/invitations', { key: ownerKey })).body);
    expect(listed.invitations.map((i) => i.id)).toContain(inv.invitation.id);
    const revoked = await call(R.invitation.DELETE, 'DELETE', `/api/v1/invitations/${inv.invitation.id}`, { key: ownerKey, params: { id: inv.invitation.id } });
    expect(accounts.ZInvitationRevokedResponse.parse(revoked.body)).toEqual({ id: inv.invitation.id, revoked: true });
    const pending = accounts.ZInvitationsResponse.parse((await call(R.invitations.GET, 'GET', '/api/v1/invitations', { key: ownerKey })).body);
    expect(pending.invitations.some((i) => i.id === inv.invitation.id)).toBe(false);
    const all = accounts.ZInvitationsResponse.parse((await call(R.invitations.GET, 'GET', '/api/v1/invitations?status=all', { key: ownerKey })).body);
    expect(all.invitations.find((i) => i.id === inv.invitation.id)?.status).toBe('revoked');
  });

  it('POST /api-keys (browser session) shows the key once; it works until DELETE revokes it', async () => {
    const cookie = await sessionCookie(h.db, admin);
    const created = await call(R.apiKeys.POST, 'POST', '/api/v1/api-keys', { cookie, origin: APP, json: { name: 'From the API' } });
    expect(created.status, created.text).toBe(201);
    const k = accounts.ZApiKeyCreatedResponse.parse(created.body);
    const list = await call(R.apiKeys.GET, 'GET', '/api/v1/api-keys', { key: k.key });
    const keys = accounts.ZApiKeysResponse.parse(list.body);
    expect(keys.apiKeys.find((x) => x.id === k.id)).toMatchObject({ prefix: k.prefix, name: 'From the API', status: 'active', createdByEmail: admin.email });
    expect(keys.apiKeys.find((x) => x.id === k.id)?.lastUsedAt).not.toBeNull();
    expect(list.text).not.toContain(k.key);
    const me = await call(R.me.GET, 'GET', '/api/v1/me', { key: k.key });
    expect(me.body).toMatchObject({ user: { id: admin.userId }, via: 'api_key' });
    const revoked = await call(R.apiKey.DELETE, 'DELETE', `/api/v1/api-keys/${k.id}`, { key: ownerKey, params: { id: k.id } });
    expect(accounts.ZApiKeyRevokedResponse.parse(revoked.body)).toEqual({ id: k.id, revoked: true });
    expectError(await call(R.me.GET, 'GET', '/api/v1/me', { key: k.key }), 401, 'UNAUTHORIZED');
  });

  it('GET /notifications and POST /notifications/read', async () => {
    for (const title of ['First', 'Second', 'Third']) {
      await asService(h.db, (tx) => notifications.notify(tx, { orgId: owner.orgId, type: 'system', title, userIds: [owner.userId], actionUrl: '/jobs' }));
    }
    const list = notifications.ZNotificationsResponse.parse((await call(R.notifications.GET, 'GET', '/api/v1/notifications?unread=true', { key: ownerKey })).body);
    expect(list.unread).toBeGreaterThanOrEqual(3);
    expect(list.notifications.slice(0, 3).map((n) => n.title)).toEqual(['Third', 'Second', 'First']);
    const one = await call(R.notificationsRead.POST, 'POST', '/api/v1/notifications/read', { key: ownerKey, json: { ids: [list.notifications[0]!.id] } });
    expect(one.body).toEqual({ marked: 1 });
    const all = await call(R.notificationsRead.POST, 'POST', '/api/v1/notifications/read', { key: ownerKey, json: { all: true } });
    expect(all.body).toEqual({ marked: list.unread - 1 });
    const after = notifications.ZNotificationsResponse.parse((await call(R.notifications.GET, 'GET', '/api/v1/notifications?limit=2', { key: ownerKey })).body);
    expect(after.unread).toBe(0);
    expect(after.notifications).toHaveLength(2);
    // Someone else's notifications are theirs alone.
    const others = notifications.ZNotificationsResponse.parse((await call(R.notifications.GET, 'GET', '/api/v1/notifications', { cookie: await sessionCookie(h.db, member) })).body);
    expect(others.notifications.some((n) => n.title === 'Third')).toBe(false);
  });

  it('GET and PUT /notification-preferences', async () => {
    const cookie = await sessionCookie(h.db, member);
    const got = notifications.ZPreferencesResponse.parse((await call(R.preferences.GET, 'GET', '/api/v1/notification-preferences', { cookie })).body);
    expect(got.preferences.weekly_digest).toEqual({ email: false, in_app: true });
    const put = await call(R.preferences.PUT, 'PUT', '/api/v1/notification-preferences', { cookie, origin: APP, json: { preferences: { reply: { email: false }, weekly_digest: { email: true } } } });
    expect(put.status, put.text).toBe(200);
    const prefs = notifications.ZPreferencesResponse.parse(put.body).preferences;
    expect(prefs.reply).toEqual({ email: false, in_app: true });
    expect(prefs.weekly_digest).toEqual({ email: true, in_app: true });
    expect(prefs.pipeline_complete).toEqual({ email: true, in_app: true });
  });

  it('GET /audit-log pages with nextCursor and filters by action prefix', async () => {
    for (let i = 0; i < 3; i++) await apiKeyFor(h.db, owner, `audit ${i}`);
    const first = accounts.ZAuditLogResponse.parse((await call(R.auditLog.GET, 'GET', '/api/v1/audit-log?action=api_key.&limit=2', { key: ownerKey })).body);
    expect(first.entries).toHaveLength(2);
    expect(first.entries.every((e) => e.action.startsWith('api_key.'))).toBe(true);
    expect(first.nextCursor).toBeTruthy();
    const second = accounts.ZAuditLogResponse.parse(
      (await call(R.auditLog.GET, 'GET', `/api/v1/audit-log?action=api_key.&limit=2&before=${encodeURIComponent(first.nextCursor!)}`, { key: ownerKey })).body,
    );
    expect(second.entries.length).toBeGreaterThan(0);
    expect(second.entries.some((e) => first.entries.some((f) => f.id === e.id))).toBe(false);
    expect(Date.parse(second.entries[0]!.createdAt)).toBeLessThanOrEqual(Date.parse(first.entries[1]!.createdAt));
  });

  it('GET /jobs lists the organization’s and the system’s runs, filterable by status', async () => {
    await asService(h.db, (tx) =>
      tx.execute(sql`insert into public.job_runs (task_id, org_id, status, attempts, error) values
        ('system.clean-up', null, 'succeeded', 1, null), ('notifications.send-email', ${owner.orgId}::uuid, 'failed', 3, 'SMTP refused')`),
    );
    const all = jobs.ZJobsResponse.parse((await call(R.jobs.GET, 'GET', '/api/v1/jobs', { key: ownerKey })).body);
    expect(all.jobs.some((j) => j.scope === 'system' && j.taskId === 'system.clean-up')).toBe(true);
    const failed = jobs.ZJobsResponse.parse((await call(R.jobs.GET, 'GET', '/api/v1/jobs?status=failed&limit=5', { key: ownerKey })).body);
    expect(failed.jobs.length).toBeGreaterThan(0);
    expect(failed.jobs.every((j) => j.status === 'failed')).toBe(true);
    expect(failed.jobs[0]).toMatchObject({ scope: 'organization', error: 'SMTP refused', attempts: 3 });
    // Another organization's admin sees none of these organization runs.
    const stranger = await createPerson(h.db, { orgName: 'Stranger Co' });
    const theirs = jobs.ZJobsResponse.parse((await call(R.jobs.GET, 'GET', '/api/v1/jobs?status=failed', { cookie: await sessionCookie(h.db, stranger) })).body);
    expect(theirs.jobs.some((j) => j.error === 'SMTP refused')).toBe(false);
  });
});

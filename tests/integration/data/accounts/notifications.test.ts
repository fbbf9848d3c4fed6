import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, rows, sql } from '../../../../src/db';
import { devMailboxMailer } from '../../../../src/lib/mail';
import {
  countUnread, effectivePreferences, findNotifications, getPreferences, markNotificationsRead, notify, openNotification, sendNotificationEmail,
  updatePreferences, ZPreferencesForm, type TPrefs,
} from '../../../../src/features/notifications';
import { testDb, type TTestDb } from '../../../support/db';
import { as, expectCode, mailTo, team } from './helpers';

let h: TTestDb;
beforeAll(async () => {
  h = await testDb();
});
afterAll(async () => h?.close());

const emailJobs = (orgId: string) =>
  asService(h.db, (tx) =>
    rows<{ payload: { notificationId: string } }>(tx, sql`select payload from public.job_runs where task_id = 'notifications.send-email' and org_id = ${orgId}::uuid`),
  );

describe('notifications', () => {
  it('notify respects each member’s preferences for in-app and email', async () => {
    const t = await team(h.db);
    await as(h.db, t.admin, (tx) => updatePreferences(tx, t.admin, { reply: { email: false } }));
    await as(h.db, t.member, (tx) => updatePreferences(tx, t.member, { reply: { email: false, in_app: false } }));
    const r = await asService(h.db, (tx) => notify(tx, { orgId: t.owner.orgId, type: 'reply', title: 'Anna replied', body: 'Sounds good', actionUrl: '/inbox' }));
    expect(r).toEqual({ notified: 2, emailed: 1 });
    const ownerList = await as(h.db, t.owner, (tx) => findNotifications(tx, t.owner));
    const adminList = await as(h.db, t.admin, (tx) => findNotifications(tx, t.admin));
    const memberList = await as(h.db, t.member, (tx) => findNotifications(tx, t.member));
    expect(ownerList.filter((n) => n.type === 'reply')).toHaveLength(1);
    expect(adminList.filter((n) => n.type === 'reply')).toHaveLength(1);
    expect(memberList.filter((n) => n.type === 'reply')).toHaveLength(0);
    const replyIds = [...ownerList, ...adminList].filter((n) => n.type === 'reply').map((n) => n.id);
    const jobs = (await emailJobs(t.owner.orgId)).map((j) => j.payload.notificationId).filter((id) => replyIds.includes(id));
    expect(jobs).toEqual([ownerList.find((n) => n.type === 'reply')!.id]);
  });

  it('an email-only preference stores no in-app row for the bell, and roles narrow the recipients', async () => {
    const t = await team(h.db);
    await as(h.db, t.owner, (tx) => updatePreferences(tx, t.owner, { approval_needed: { in_app: false, email: true } }));
    const r = await asService(h.db, (tx) => notify(tx, { orgId: t.owner.orgId, type: 'approval_needed', title: 'Approve 12 leads', roles: ['owner', 'admin'] }));
    expect(r).toEqual({ notified: 2, emailed: 2 });
    expect((await as(h.db, t.owner, (tx) => findNotifications(tx, t.owner))).some((n) => n.type === 'approval_needed')).toBe(false);
    expect(await as(h.db, t.member, (tx) => findNotifications(tx, t.member))).toEqual([]);
  });

  it('weekly digests are in-app only unless someone asks for the email', async () => {
    const t = await team(h.db);
    const r = await asService(h.db, (tx) => notify(tx, { orgId: t.owner.orgId, type: 'weekly_digest', title: 'Your week', userIds: [t.owner.userId] }));
    expect(r).toEqual({ notified: 1, emailed: 0 });
  });

  it('the send-email task sends once however often it runs, and not after an opt-out', async () => {
    const t = await team(h.db);
    const mailer = devMailboxMailer(h.db);
    await asService(h.db, (tx) => notify(tx, { orgId: t.owner.orgId, type: 'pipeline_complete', title: 'Pipeline done: 40 leads', body: 'Open them.', actionUrl: '/leads', userIds: [t.admin.userId] }));
    const [n] = await as(h.db, t.admin, (tx) => findNotifications(tx, t.admin));
    const first = await sendNotificationEmail({ db: h.db, mailer }, { notificationId: n!.id });
    const second = await sendNotificationEmail({ db: h.db, mailer }, { notificationId: n!.id });
    expect(first).toHaveProperty('sent');
    expect(second).toEqual({ skipped: 'already emailed' });
    const mails = (await mailTo(h.db, t.admin.email)).filter((m) => m.feature === 'notification:pipeline_complete');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Pipeline done: 40 leads');
    expect(mails[0]!.html).toContain('http://localhost:3000/leads');

    await asService(h.db, (tx) => notify(tx, { orgId: t.owner.orgId, type: 'reply', title: 'A reply', userIds: [t.member.userId] }));
    const [m] = await as(h.db, t.member, (tx) => findNotifications(tx, t.member));
    await as(h.db, t.member, (tx) => updatePreferences(tx, t.member, { reply: { email: false } }));
    expect(await sendNotificationEmail({ db: h.db, mailer }, { notificationId: m!.id })).toEqual({ skipped: 'user turned these emails off' });
    expect((await mailTo(h.db, t.member.email)).filter((x) => x.feature === 'notification:reply')).toHaveLength(0);
  });

  it('unread counts, mark one, mark all, open (marks read, returns an in-app link only)', async () => {
    const t = await team(h.db);
    for (const title of ['One', 'Two', 'Three']) {
      await asService(h.db, (tx) => notify(tx, { orgId: t.owner.orgId, type: 'system', title, actionUrl: '/jobs', userIds: [t.owner.userId] }));
    }
    const base = await as(h.db, t.owner, (tx) => countUnread(tx, t.owner));
    const list = await as(h.db, t.owner, (tx) => findNotifications(tx, t.owner, { unreadOnly: true }));
    expect(list.length).toBe(base);
    const opened = await as(h.db, t.owner, (tx) => openNotification(tx, t.owner, list[0]!.id));
    expect(opened).toEqual({ actionUrl: '/jobs' });
    expect(await as(h.db, t.owner, (tx) => countUnread(tx, t.owner))).toBe(base - 1);
    // Someone else's notification is NOT_FOUND, not marked.
    await expectCode(as(h.db, t.admin, (tx) => openNotification(tx, t.admin, list[1]!.id)), 'NOT_FOUND');
    expect(await as(h.db, t.admin, (tx) => markNotificationsRead(tx, t.admin, [list[1]!.id]))).toBe(0);
    expect(await as(h.db, t.owner, (tx) => markNotificationsRead(tx, t.owner, [list[1]!.id]))).toBe(1);
    expect(await as(h.db, t.owner, (tx) => markNotificationsRead(tx, t.owner, 'all'))).toBe(base - 2);
    expect(await as(h.db, t.owner, (tx) => countUnread(tx, t.owner))).toBe(0);
  });

  it('preferences: defaults fill in, unknown types are refused, the form turns unticked boxes into false', async () => {
    const t = await team(h.db);
    expect(effectivePreferences(await as(h.db, t.member, (tx) => getPreferences(tx, t.member)))).toMatchObject({
      reply: { email: true, in_app: true },
      weekly_digest: { email: false, in_app: true },
    });
    await expectCode(as(h.db, t.member, (tx) => updatePreferences(tx, t.member, { nonsense: { email: true } } as unknown as TPrefs)), 'INVALID_INPUT');
    const form = ZPreferencesForm.parse({ 'reply.in_app': 'on', 'weekly_digest.email': 'on' }) as TPrefs;
    expect(form.reply).toEqual({ email: false, in_app: true });
    expect(form.weekly_digest).toEqual({ email: true, in_app: false });
    expect(form.pipeline_complete).toEqual({ email: false, in_app: false });
    await as(h.db, t.member, (tx) => updatePreferences(tx, t.member, form));
    expect(effectivePreferences(await as(h.db, t.member, (tx) => getPreferences(tx, t.member))).weekly_digest).toEqual({ email: true, in_app: false });
    // Preferences are per person: the owner still has the defaults.
    expect(effectivePreferences(await as(h.db, t.owner, (tx) => getPreferences(tx, t.owner))).reply).toEqual({ email: true, in_app: true });
  });
});

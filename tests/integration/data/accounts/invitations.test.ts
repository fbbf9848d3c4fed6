import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, sql } from '../../../../src/db';
import { sha256Hex } from '../../../../src/lib/crypto';
import { devMailboxMailer, type Mailer } from '../../../../src/lib/mail';
import { acceptInvitation, findInvitations, inviteMember, previewInvitation, revokeInvitation } from '../../../../src/features/accounts';
import { testDb, type TTestDb } from '../../../support/db';
import { createPerson, uniqueEmail } from '../../../support/world';
import { as, auditActions, createIdentity, expectCode, mailTo, roleOf, team } from './helpers';

let h: TTestDb;
let mailer: Mailer;
beforeAll(async () => {
  h = await testDb();
  mailer = devMailboxMailer(h.db);
});
afterAll(async () => h?.close());

const tokenOf = (link: string) => link.split('/invite/')[1]!;

describe('invitations', () => {
  it('stores only a hash of the token, emails the link and records the audit entry', async () => {
    const t = await team(h.db, 'Invite Co');
    const email = uniqueEmail('invitee');
    const r = await inviteMember(h.db, { mailer }, t.a.owner, { email, role: 'admin' });
    expect(r.emailed).toBe(true);
    expect(r.link).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{40,}$/);
    const token = tokenOf(r.link);
    const row = await asService(h.db, (tx) => one<{ token_hash: string; role: string; invited_by: string }>(tx, sql`select token_hash, role, invited_by from public.invitations where id = ${r.invitation.id}::uuid`));
    expect(row).toMatchObject({ token_hash: sha256Hex(token), role: 'admin', invited_by: t.owner.userId });
    const mails = await mailTo(h.db, email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.feature).toBe('invitation');
    expect(mails[0]!.subject).toContain('Invite Co');
    expect(mails[0]!.html).toContain(r.link);
    expect(mails[0]!.text).toContain(r.link);
    const audit = await auditActions(h.db, t.owner.orgId);
    expect(audit.find((a) => a.action === 'member.invited')).toMatchObject({ actor_id: t.owner.userId, target_id: r.invitation.id, ip: '203.0.113.7' });
    const pending = await as(h.db, t.owner, (tx) => findInvitations(tx, t.owner.orgId, { pendingOnly: true }));
    expect(pending.map((i) => i.email)).toEqual([email]);
    expect(pending[0]!.status).toBe('pending');
  });

  it('a second invitation to the same address replaces the first: the old link stops working', async () => {
    const t = await team(h.db);
    const email = uniqueEmail('resend');
    const first = await inviteMember(h.db, { mailer }, t.a.admin, { email, role: 'member' });
    const second = await inviteMember(h.db, { mailer }, t.a.admin, { email: email.toUpperCase(), role: 'admin' });
    expect(second.invitation.id).not.toBe(first.invitation.id);
    expect((await previewInvitation(h.db, tokenOf(first.link)))?.status).toBe('revoked');
    expect((await previewInvitation(h.db, tokenOf(second.link)))?.status).toBe('pending');
    const pending = await as(h.db, t.owner, (tx) => findInvitations(tx, t.owner.orgId, { pendingOnly: true }));
    expect(pending).toHaveLength(1);
    const who = await createIdentity(h.db, email);
    await expectCode(acceptInvitation(h.db, who, tokenOf(first.link)), 'CONFLICT', /withdrawn/);
    expect(await acceptInvitation(h.db, who, tokenOf(second.link))).toEqual({ orgId: t.owner.orgId });
    expect(await roleOf(h.db, t.owner.orgId, who.userId)).toBe('admin');
  });

  it('is accepted once, with the role it was sent with', async () => {
    const t = await team(h.db);
    const email = uniqueEmail('once');
    const r = await inviteMember(h.db, { mailer }, t.a.owner, { email, role: 'member' });
    const who = await createIdentity(h.db, email);
    await acceptInvitation(h.db, who, tokenOf(r.link), '198.51.100.1');
    expect(await roleOf(h.db, t.owner.orgId, who.userId)).toBe('member');
    expect((await previewInvitation(h.db, tokenOf(r.link)))?.status).toBe('accepted');
    await expectCode(acceptInvitation(h.db, who, tokenOf(r.link)), 'CONFLICT', /already been used/);
    const other = await createIdentity(h.db, uniqueEmail('thief'));
    await expectCode(acceptInvitation(h.db, { ...other, email }, tokenOf(r.link)), 'CONFLICT');
    expect((await auditActions(h.db, t.owner.orgId)).some((a) => a.action === 'member.joined' && a.actor_id === who.userId)).toBe(true);
  });

  it('refuses an expired invitation', async () => {
    const t = await team(h.db);
    const email = uniqueEmail('late');
    const r = await inviteMember(h.db, { mailer }, t.a.owner, { email, role: 'member' });
    await asService(h.db, (tx) => tx.execute(sql`update public.invitations set expires_at = now() - interval '1 minute' where id = ${r.invitation.id}::uuid`));
    expect((await previewInvitation(h.db, tokenOf(r.link)))?.status).toBe('expired');
    const who = await createIdentity(h.db, email);
    await expectCode(acceptInvitation(h.db, who, tokenOf(r.link)), 'CONFLICT', /expired/);
    expect(await roleOf(h.db, t.owner.orgId, who.userId)).toBeUndefined();
    const pending = await as(h.db, t.owner, (tx) => findInvitations(tx, t.owner.orgId, { pendingOnly: true }));
    expect(pending).toHaveLength(0);
  });

  it('refuses a withdrawn invitation, and withdrawing twice says so', async () => {
    const t = await team(h.db);
    const email = uniqueEmail('withdrawn');
    const r = await inviteMember(h.db, { mailer }, t.a.owner, { email, role: 'member' });
    await as(h.db, t.admin, (tx) => revokeInvitation(tx, t.a.admin, r.invitation.id));
    await expectCode(as(h.db, t.admin, (tx) => revokeInvitation(tx, t.a.admin, r.invitation.id)), 'NOT_FOUND');
    const who = await createIdentity(h.db, email);
    await expectCode(acceptInvitation(h.db, who, tokenOf(r.link)), 'CONFLICT', /withdrawn/);
    expect((await auditActions(h.db, t.owner.orgId)).some((a) => a.action === 'member.invitation_revoked')).toBe(true);
  });

  it('refuses someone signed in with another email address', async () => {
    const t = await team(h.db);
    const r = await inviteMember(h.db, { mailer }, t.a.owner, { email: uniqueEmail('right'), role: 'member' });
    const wrong = await createIdentity(h.db, uniqueEmail('wrong'));
    await expectCode(acceptInvitation(h.db, wrong, tokenOf(r.link)), 'FORBIDDEN', /was sent to/);
    expect((await previewInvitation(h.db, tokenOf(r.link)))?.status).toBe('pending');
    await expectCode(acceptInvitation(h.db, wrong, 'not-a-real-token'), 'NOT_FOUND');
  });

  it('refuses to invite someone who is already a member, and sends nothing', async () => {
    const t = await team(h.db);
    await expectCode(inviteMember(h.db, { mailer }, t.a.owner, { email: t.member.email.toUpperCase(), role: 'admin' }), 'CONFLICT', /already a member/);
    expect(await mailTo(h.db, t.member.email.toUpperCase())).toHaveLength(0);
    expect(await mailTo(h.db, t.member.email)).toHaveLength(0);
  });

  it('only owners and admins invite, and only owners invite owners', async () => {
    const t = await team(h.db);
    const e1 = uniqueEmail('by-member');
    await expectCode(inviteMember(h.db, { mailer }, t.a.member, { email: e1, role: 'member' }), 'FORBIDDEN');
    // Past the service check, RLS refuses a member's insert as well.
    await expectCode(inviteMember(h.db, { mailer }, { ...t.a.member, role: 'admin' }, { email: e1, role: 'member' }), 'FORBIDDEN');
    const e2 = uniqueEmail('owner-by-admin');
    await expectCode(inviteMember(h.db, { mailer }, t.a.admin, { email: e2, role: 'owner' }), 'FORBIDDEN', /owner/);
    expect(await mailTo(h.db, e1)).toHaveLength(0);
    expect(await mailTo(h.db, e2)).toHaveLength(0);
    const ok = await inviteMember(h.db, { mailer }, t.a.owner, { email: e2, role: 'owner' });
    expect(ok.invitation.role).toBe('owner');
  });

  it('keeps the invitation when the email cannot be sent, so the link can be shared by hand', async () => {
    const t = await team(h.db);
    const broken: Mailer = { kind: 'dev-mailbox', send: async () => { throw new Error('mail server down'); } };
    const email = uniqueEmail('no-mail');
    const r = await inviteMember(h.db, { mailer: broken }, t.a.owner, { email, role: 'member' });
    expect(r.emailed).toBe(false);
    expect((await previewInvitation(h.db, tokenOf(r.link)))?.status).toBe('pending');
  });

  it('cannot be read or withdrawn from another organization', async () => {
    const t = await team(h.db);
    const stranger = await createPerson(h.db, { orgName: 'Elsewhere' });
    const r = await inviteMember(h.db, { mailer }, t.a.owner, { email: uniqueEmail('x'), role: 'member' });
    expect(await as(h.db, stranger, (tx) => findInvitations(tx, t.owner.orgId))).toEqual([]);
    await expectCode(as(h.db, stranger, (tx) => revokeInvitation(tx, { orgId: t.owner.orgId, userId: stranger.userId }, r.invitation.id)), 'NOT_FOUND');
    expect((await previewInvitation(h.db, tokenOf(r.link)))?.status).toBe('pending');
  });
});

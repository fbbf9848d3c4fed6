/**
 * Invitations: owners and admins invite by email with a role; the link carries a random token whose
 * SHA-256 is stored. Accepting checks the token, expiry, reuse and that the signed-in email matches.
 */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { asService, one, sql, withUser, type Db, type TClaims } from '@/db';
import { invitations, type TRole } from '@/db/schema';
import { env } from '@/lib/env';
import { randomToken, sha256Hex } from '@/lib/crypto';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import type { TIdentity } from '@/lib/auth';
import type { Mailer } from '@/lib/mail';
import { InvitationEmail, renderEmail } from '@/features/notifications';
import { recordActorAudit, recordAudit, type TAuditActor } from './audit';

export const INVITATION_DAYS = 7;

type TInviter = TAuditActor & { orgName: string; role: TRole; fullName: string | null; email: string };

/**
 * Stores an invitation (replacing a pending one for the same address: a "resend") inside the caller's
 * RLS transaction. Returns the raw token's link; only its SHA-256 is stored.
 */
export async function createInvitation(db: Db, actor: TInviter, input: { email: string; role: TRole }) {
  if (actor.role === 'member') throw new AppError('FORBIDDEN', 'Only owners and admins can invite members.');
  if (input.role === 'owner' && actor.role !== 'owner') throw new AppError('FORBIDDEN', 'Only an owner can invite another owner.');
  const member = await one<{ user_id: string }>(
    db,
    sql`select m.user_id from public.memberships m join public.users u on u.id = m.user_id
        where m.org_id = ${actor.orgId}::uuid and lower(u.email) = lower(${input.email})`,
  );
  if (member) throw new AppError('CONFLICT', `${input.email} is already a member of ${actor.orgName}.`, { fields: { email: ['Already a member.'] } });
  const replaced = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.orgId, actor.orgId), sql`lower(${invitations.email}) = lower(${input.email})`, isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  const token = randomToken(32);
  const [inv] = await db
    .insert(invitations)
    .values({
      orgId: actor.orgId,
      email: input.email,
      role: input.role,
      tokenHash: sha256Hex(token),
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    })
    .returning();
  await recordActorAudit(db, actor, {
    action: 'member.invited',
    targetType: 'invitation',
    targetId: inv!.id,
    metadata: { email: input.email, role: input.role, ...(replaced.length ? { replaced: replaced.map((r) => r.id) } : {}) },
  });
  return { invitation: inv!, token, link: `${env().APP_URL}/invite/${token}` };
}

/**
 * Invites by email: stores the invitation as the actor (one RLS transaction on the process database `db`),
 * then emails the link once that has committed, so a refused invitation sends nothing. If the email
 * cannot be sent the invitation stands and `emailed` is false: the link can be shared by hand.
 */
export async function inviteMember(db: Db, deps: { mailer: Mailer }, actor: TInviter & { claims: TClaims }, input: { email: string; role: TRole }) {
  const { invitation, link } = await withUser(db, actor.claims, (tx) => createInvitation(tx, actor, input));
  let emailed = true;
  try {
    const inviter = actor.fullName || actor.email;
    const mail = await renderEmail(
      `${inviter} invited you to ${actor.orgName} on LeadPilot`,
      InvitationEmail({ orgName: actor.orgName, inviterName: inviter, role: input.role, link, expiresDays: INVITATION_DAYS }),
    );
    await deps.mailer.send({ ...mail, to: input.email, feature: 'invitation', orgId: actor.orgId, idempotencyKey: `invitation-${invitation.id}` });
  } catch (e) {
    emailed = false;
    log().warn({ err: e, invitationId: invitation.id, orgId: actor.orgId }, 'invitation email could not be sent');
  }
  return { invitation, link, emailed };
}

export type TInvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationStatus(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): TInvitationStatus {
  return i.acceptedAt ? 'accepted' : i.revokedAt ? 'revoked' : i.expiresAt <= now ? 'expired' : 'pending';
}

export async function findInvitations(db: Db, orgId: string, opts: { pendingOnly?: boolean } = {}) {
  const list = await db
    .select({
      id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt, createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, orgId),
        opts.pendingOnly ? and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())) : undefined,
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .limit(200);
  return list.map((i) => ({ ...i, status: invitationStatus(i) }));
}

export async function revokeInvitation(db: Db, actor: TAuditActor, id: string) {
  const [inv] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, id), eq(invitations.orgId, actor.orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id, email: invitations.email });
  if (!inv) throw new AppError('NOT_FOUND', 'That invitation does not exist, was already used or was already withdrawn.');
  await recordActorAudit(db, actor, { action: 'member.invitation_revoked', targetType: 'invitation', targetId: id, metadata: { email: inv.email } });
  return inv;
}

export type TInvitationPreview = { orgName: string; email: string; role: TRole; inviterName: string | null; status: 'pending' | 'accepted' | 'revoked' | 'expired' };

/** What the invitation page shows before anyone signs in. Null for an unknown token. */
export async function previewInvitation(db: Db, token: string): Promise<TInvitationPreview | null> {
  if (!token || token.length > 200) return null;
  const r = await asService(db, (tx) =>
    one<{ org_name: string; email: string; role: TRole; inviter: string | null; accepted_at: string | null; revoked_at: string | null; expired: boolean }>(
      tx,
      sql`select o.name as org_name, i.email, i.role, coalesce(u.full_name, u.email) as inviter, i.accepted_at, i.revoked_at, i.expires_at < now() as expired
          from public.invitations i join public.organizations o on o.id = i.org_id left join public.users u on u.id = i.invited_by
          where i.token_hash = ${sha256Hex(token)}`,
    ),
  );
  if (!r) return null;
  const status = r.accepted_at ? 'accepted' : r.revoked_at ? 'revoked' : r.expired ? 'expired' : 'pending';
  return { orgName: r.org_name, email: r.email, role: r.role, inviterName: r.inviter, status };
}

/** Accepts inside a service transaction; the row is locked so a token works exactly once. */
export async function acceptInvitationTx(tx: Db, who: TIdentity, token: string, ip?: string): Promise<{ orgId: string }> {
  const inv = await one<{ id: string; org_id: string; email: string; role: TRole; accepted_at: string | null; revoked_at: string | null; expired: boolean }>(
    tx,
    sql`select id, org_id, email, role, accepted_at, revoked_at, expires_at < now() as expired
        from public.invitations where token_hash = ${sha256Hex(token)} for update`,
  );
  if (!inv) throw new AppError('NOT_FOUND', 'This invitation link is not valid. Ask for a new invitation.');
  if (inv.accepted_at) throw new AppError('CONFLICT', 'This invitation has already been used. Sign in to reach the organization, or ask for a new invitation.');
  if (inv.revoked_at) throw new AppError('CONFLICT', 'This invitation was withdrawn. Ask an owner or admin for a new one.');
  if (inv.expired) throw new AppError('CONFLICT', 'This invitation has expired. Ask an owner or admin to send a new one.');
  if (inv.email.toLowerCase() !== who.email.toLowerCase()) {
    throw new AppError('FORBIDDEN', `This invitation was sent to ${inv.email}. Sign in with that address to accept it.`);
  }
  await tx.execute(sql`insert into public.users (id, email, full_name) values (${who.userId}, ${who.email}, ${who.fullName ?? null}) on conflict (id) do nothing`);
  await tx.execute(sql`insert into public.memberships (org_id, user_id, role) values (${inv.org_id}, ${who.userId}, ${inv.role}) on conflict do nothing`);
  await tx.execute(sql`update public.invitations set accepted_at = now(), accepted_by = ${who.userId} where id = ${inv.id}::uuid`);
  await recordAudit(tx, { orgId: inv.org_id, actorId: who.userId, action: 'member.joined', targetType: 'user', targetId: who.userId, metadata: { role: inv.role, invitationId: inv.id }, ip });
  return { orgId: inv.org_id };
}

export async function acceptInvitation(db: Db, who: TIdentity, token: string, ip?: string) {
  return asService(db, (tx) => acceptInvitationTx(tx, who, token, ip));
}

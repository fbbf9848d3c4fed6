/**
 * Sign-up, sign-in, sign-out and password reset, the same in both modes: the IdentityProvider does the
 * mode-specific part. Sign-in is rate-limited per IP (all attempts) and per email (failures).
 */
import { rows, sql, type Db } from '@/db';
import type { CookieJar, IdentityProvider, TRequestMeta } from '@/lib/auth';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Mailer } from '@/lib/mail';
import { hitRateLimit, peekRateLimit, rateLimited, resetRateLimit } from '@/lib/rate-limit';
import { asService } from '@/db';
import { PasswordResetEmail, renderEmail } from '@/features/notifications';
import { ensureAccount } from './ensure-account';
import { previewInvitation } from './invitations';
import { recordAudit } from './audit';
import type { TSignUp } from './schemas';

export type TSessionDeps = { db: Db; identity: IdentityProvider; jar: CookieJar; meta: TRequestMeta };

export async function signUp(deps: TSessionDeps, input: TSignUp) {
  const { db } = deps;
  const ipLimit = await hitRateLimit(db, { bucket: `signup:ip:${deps.meta.ip}`, limit: 20, windowSeconds: 3600 });
  if (!ipLimit.allowed) throw rateLimited(ipLimit.retryAfterSeconds, 'Too many sign-ups from this network');
  if (input.invitation) {
    const inv = await previewInvitation(db, input.invitation);
    if (!inv || inv.status !== 'pending') throw new AppError('CONFLICT', 'This invitation is no longer valid. Ask for a new one.');
    if (inv.email.toLowerCase() !== input.email.toLowerCase()) {
      throw new AppError('INVALID_INPUT', `This invitation was sent to ${inv.email}. Sign up with that address.`, { fields: { email: [`Use ${inv.email}.`] } });
    }
  }
  const { identity, signedIn } = await deps.identity.signUp(db, deps.jar, input, deps.meta);
  const { orgId } = await ensureAccount(db, identity, { fullName: input.fullName, orgName: input.orgName, invitationToken: input.invitation, ip: deps.meta.ip });
  return { userId: identity.userId, orgId, signedIn };
}

export async function signIn(deps: TSessionDeps, input: { email: string; password: string }) {
  const { db } = deps;
  const e = env();
  const window = e.SIGNIN_WINDOW_MINUTES * 60;
  const emailBucket = `signin-fail:email:${input.email.toLowerCase()}`;
  const ipLimit = await hitRateLimit(db, { bucket: `signin:ip:${deps.meta.ip}`, limit: e.SIGNIN_MAX_ATTEMPTS_PER_IP, windowSeconds: window });
  if (!ipLimit.allowed) throw rateLimited(ipLimit.retryAfterSeconds, 'Too many sign-in attempts from this network');
  const emailLimit = await peekRateLimit(db, { bucket: emailBucket, limit: e.SIGNIN_MAX_ATTEMPTS_PER_EMAIL, windowSeconds: window });
  if (!emailLimit.allowed) throw rateLimited(emailLimit.retryAfterSeconds, 'Too many failed sign-in attempts for this account');

  const identity = await deps.identity.signIn(db, deps.jar, input, deps.meta);
  if (!identity) {
    await hitRateLimit(db, { bucket: emailBucket, limit: e.SIGNIN_MAX_ATTEMPTS_PER_EMAIL, windowSeconds: window });
    throw new AppError('UNAUTHORIZED', 'That email and password do not match. Check them, or reset your password.');
  }
  await resetRateLimit(db, emailBucket);
  const { orgId } = await ensureAccount(db, identity, { ip: deps.meta.ip, createOrg: false });
  await asService(db, async (tx) => {
    const orgs = await rows<{ org_id: string }>(tx, sql`select org_id from public.memberships where user_id = ${identity.userId}::uuid`);
    for (const o of orgs) {
      await recordAudit(tx, { orgId: o.org_id, actorId: identity.userId, action: 'auth.signed_in', targetType: 'user', targetId: identity.userId, ip: deps.meta.ip, metadata: { userAgent: deps.meta.userAgent?.slice(0, 200) } });
    }
  });
  return { userId: identity.userId, orgId };
}

export async function signOut(deps: Pick<TSessionDeps, 'db' | 'identity' | 'jar'>) {
  await deps.identity.signOut(deps.db, deps.jar);
}

const RESET_MINUTES = 60;

/** Always answers the same way, so it cannot be used to find out who has an account. */
export async function requestPasswordReset(deps: { db: Db; identity: IdentityProvider; mailer: Mailer; ip?: string }, input: { email: string }) {
  const { db } = deps;
  const perEmail = await hitRateLimit(db, { bucket: `reset:email:${input.email}`, limit: 5, windowSeconds: 3600 });
  const perIp = await hitRateLimit(db, { bucket: `reset:ip:${deps.ip}`, limit: 20, windowSeconds: 3600 });
  if (!perIp.allowed) throw rateLimited(perIp.retryAfterSeconds, 'Too many reset requests from this network');
  if (perEmail.allowed) {
    const started = await deps.identity.startPasswordReset(db, input.email, `${env().APP_URL}/reset-password`);
    if (started) {
      const mail = await renderEmail('Reset your LeadPilot password', PasswordResetEmail({ link: started.link, minutes: RESET_MINUTES }));
      await deps.mailer.send({ ...mail, to: input.email, feature: 'password-reset' });
    }
  }
  return { message: 'If an account exists for that email, we have sent a link to reset the password. Check your inbox.' };
}

export async function resetPassword(deps: TSessionDeps, input: { token?: string; password: string }) {
  const identity = await deps.identity.finishPasswordReset(deps.db, deps.jar, input, deps.meta);
  await asService(deps.db, async (tx) => {
    const orgs = await rows<{ org_id: string }>(tx, sql`select org_id from public.memberships where user_id = ${identity.userId}::uuid`);
    for (const o of orgs) {
      await recordAudit(tx, { orgId: o.org_id, actorId: identity.userId, action: 'auth.password_reset', targetType: 'user', targetId: identity.userId, ip: deps.meta.ip });
    }
  });
  return identity;
}

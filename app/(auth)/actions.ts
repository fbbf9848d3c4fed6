'use server';
/** Auth form actions: thin — validate, call the accounts feature, redirect. */
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { publicAction, requestMeta } from '@/lib/http/action';
import { identityProvider, ORG_COOKIE, getOptionalUser } from '@/lib/auth';
import { productMailer } from '@/lib/mail';
import {
  ZSignIn, ZSignUp, ZForgotPassword, ZResetPassword, ZCreateOrganization,
  signIn, signUp, signOut, requestPasswordReset, resetPassword, acceptInvitation, createOrganization,
} from '@/features/accounts';

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) && !next.startsWith('/login') ? next : '/dashboard';
}

export const signInAction = publicAction(ZSignIn, async ({ input, db, meta }) => {
  const r = await signIn({ db, identity: identityProvider(), jar: meta.jar, meta }, input);
  if (r.orgId) meta.jar.set(ORG_COOKIE, r.orgId, { path: '/', sameSite: 'lax', httpOnly: true, secure: meta.secure, maxAge: 365 * 86400 });
  redirect(safeNext(input.next));
});

export const signUpAction = publicAction(ZSignUp, async ({ input, db, meta }) => {
  const r = await signUp({ db, identity: identityProvider(), jar: meta.jar, meta }, input);
  if (r.orgId) meta.jar.set(ORG_COOKIE, r.orgId, { path: '/', sameSite: 'lax', httpOnly: true, secure: meta.secure, maxAge: 365 * 86400 });
  if (!r.signedIn) return { message: 'Check your inbox: we sent you a link to confirm your email address.' };
  redirect('/dashboard');
});

export async function signOutAction(): Promise<void> {
  const meta = await requestMeta();
  await signOut({ db: await getDb(), identity: identityProvider(), jar: meta.jar });
  redirect('/login?signedOut=1');
}

export const forgotPasswordAction = publicAction(ZForgotPassword, async ({ input, db, meta }) => {
  const r = await requestPasswordReset({ db, identity: identityProvider(), mailer: productMailer(db), ip: meta.ip }, input);
  return { message: r.message };
});

export const resetPasswordAction = publicAction(ZResetPassword, async ({ input, db, meta }) => {
  await resetPassword({ db, identity: identityProvider(), jar: meta.jar, meta }, input);
  redirect('/dashboard');
});

export const acceptInvitationAction = publicAction(z.object({ token: z.string().min(1).max(200) }), async ({ input, db, meta }) => {
  const user = await getOptionalUser();
  const identity = user ? { userId: user.userId, email: user.email, fullName: user.fullName } : await identityProvider().current(db, meta.jar);
  if (!identity) throw new AppError('UNAUTHORIZED', 'Sign in first, then open the invitation link again.');
  const { orgId } = await acceptInvitation(db, identity, input.token, meta.ip);
  meta.jar.set(ORG_COOKIE, orgId, { path: '/', sameSite: 'lax', httpOnly: true, secure: meta.secure, maxAge: 365 * 86400 });
  redirect('/dashboard');
});

export const createOrganizationAction = publicAction(ZCreateOrganization, async ({ input, db, meta }) => {
  const identity = await identityProvider().current(db, meta.jar);
  if (!identity) redirect('/login');
  const org = await createOrganization(db, identity, input.name);
  meta.jar.set(ORG_COOKIE, org.id, { path: '/', sameSite: 'lax', httpOnly: true, secure: meta.secure, maxAge: 365 * 86400 });
  redirect('/dashboard');
});

export const oauthAction = publicAction(z.object({ provider: z.enum(['google', 'azure']), next: z.string().optional() }), async ({ input, meta }) => {
  if (env().mode !== 'cloud') throw new AppError('NOT_FOUND', 'Google and Microsoft sign-in are available in cloud mode only.');
  const url = await identityProvider().oauthUrl(meta.jar, input.provider, `${env().APP_URL}/auth/callback?next=${encodeURIComponent(safeNext(input.next))}`);
  redirect(url);
});

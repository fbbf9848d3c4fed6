/**
 * Password reset in local mode: the link arrives in the dev mailbox, works once, expires, revokes the
 * old sessions, and the request never reveals whether an account exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, rows, sql } from '../../../../src/db';
import { requestPasswordReset, resetPassword, signIn } from '../../../../src/features/accounts';
import { authenticate, jarFromHeader } from '../../../../src/lib/auth';
import { localIdentity } from '../../../../src/lib/auth/local';
import { sha256Hex } from '../../../../src/lib/crypto';
import { devMailboxMailer } from '../../../../src/lib/mail';
import { testDb, type TTestDb } from '../../../support/db';
import { appErrorOf, deps, PASSWORD, signUpLocal } from './support';

const NEW_PASSWORD = 'A brand new secret 77';
let h: TTestDb;
beforeAll(async () => {
  h = await testDb();
});
afterAll(async () => h?.close());

async function requestReset(email: string) {
  return requestPasswordReset({ db: h.db, identity: localIdentity, mailer: devMailboxMailer(h.db), ip: '198.51.100.20' }, { email });
}

async function mailTo(email: string) {
  return asService(h.db, (tx) =>
    rows<{ subject: string; text: string; html: string; feature: string }>(
      tx,
      sql`select subject, text, html, feature from app_private.dev_mailbox where ${email} = any(to_addresses) order by created_at desc`,
    ),
  );
}

async function resetLink(email: string): Promise<{ url: URL; token: string }> {
  const [mail] = await mailTo(email);
  expect(mail, `no reset email for ${email}`).toBeDefined();
  const href = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(mail!.text)?.[0];
  expect(href, mail!.text).toBeDefined();
  const url = new URL(href!);
  return { url, token: url.searchParams.get('token')! };
}

describe('password reset (local mode)', () => {
  it('emails a link to the dev mailbox that resets the password once and signs in', async () => {
    const u = await signUpLocal(h.db);
    const answer = await requestReset(u.email);
    expect(answer.message).toMatch(/If an account exists for that email/);
    const [mail] = await mailTo(u.email);
    expect(mail).toMatchObject({ subject: 'Reset your LeadPilot password', feature: 'password-reset' });
    const { url, token } = await resetLink(u.email);
    expect(url.origin).toBe(new URL(process.env.APP_URL!).origin);
    expect(mail!.html).toContain(token);

    const stored = await asService(h.db, (tx) => one<{ token_hash: string }>(tx, sql`select token_hash from local_auth.password_resets where user_id = ${u.userId}::uuid`));
    expect(stored?.token_hash).toBe(sha256Hex(token)); // only the hash is kept

    const d = deps(h.db);
    const identity = await resetPassword(d, { token, password: NEW_PASSWORD });
    expect(identity.userId).toBe(u.userId);
    expect((await authenticate(h.db, jarFromHeader(`lp_session=${d.jar.pending.find((c) => c.name === 'lp_session')!.value}`))).kind).toBe('user');

    expect((await appErrorOf(signIn(deps(h.db), { email: u.email, password: PASSWORD }))).code).toBe('UNAUTHORIZED');
    expect(await signIn(deps(h.db), { email: u.email, password: NEW_PASSWORD })).toMatchObject({ userId: u.userId });

    const again = await appErrorOf(resetPassword(deps(h.db), { token, password: 'Yet another one 88' }));
    expect(again.code).toBe('INVALID_INPUT');
    expect(again.message).toBe('This reset link has expired or was already used. Request a new one.');
    expect(await signIn(deps(h.db), { email: u.email, password: NEW_PASSWORD })).toMatchObject({ userId: u.userId });
  });

  it('signs out every existing session of the account', async () => {
    const u = await signUpLocal(h.db);
    await requestReset(u.email);
    const { token } = await resetLink(u.email);
    expect((await authenticate(h.db, jarFromHeader(u.header))).kind).toBe('user');
    await resetPassword(deps(h.db), { token, password: NEW_PASSWORD });
    expect((await authenticate(h.db, jarFromHeader(u.header))).kind).toBe('anonymous');
  });

  it('refuses an expired link and leaves the password as it was', async () => {
    const u = await signUpLocal(h.db);
    await requestReset(u.email);
    const { token } = await resetLink(u.email);
    await asService(h.db, (tx) =>
      tx.execute(sql`update local_auth.password_resets set expires_at = now() - interval '1 minute' where token_hash = ${sha256Hex(token)}`),
    );
    const e = await appErrorOf(resetPassword(deps(h.db), { token, password: NEW_PASSWORD }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(await signIn(deps(h.db), { email: u.email, password: PASSWORD })).toMatchObject({ userId: u.userId });
  });

  it('refuses an unknown or missing token', async () => {
    expect((await appErrorOf(resetPassword(deps(h.db), { token: 'not-a-real-token', password: NEW_PASSWORD }))).code).toBe('INVALID_INPUT');
    expect((await appErrorOf(resetPassword(deps(h.db), { password: NEW_PASSWORD }))).message).toMatch(/incomplete/);
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const known = await signUpLocal(h.db);
    const a = await requestReset(known.email);
    const b = await requestReset('nobody-here@example.com');
    expect(b).toEqual(a);
    expect(await mailTo('nobody-here@example.com')).toEqual([]);
  });
});

/** Local-mode identity: accounts in the shim's auth.users, scrypt passwords, local sessions. */
import { asService, one, sql } from '@/db';
import { AppError } from '@/lib/errors';
import { randomToken, sha256Hex } from '@/lib/crypto';
import type { IdentityProvider } from './identity';
import { hashPassword, verifyPassword } from './password';
import { createLocalSession, readLocalSession, revokeAllLocalSessions, revokeLocalSession } from './local-session';

const RESET_MINUTES = 60;

export const localIdentity: IdentityProvider = {
  kind: 'local',

  async current(db, jar) {
    const s = await readLocalSession(db, jar);
    return s ? { userId: s.userId, email: s.email, sessionId: s.sessionId } : null;
  },

  async signUp(db, jar, input, meta) {
    const hash = await hashPassword(input.password);
    const row = await asService(db, (tx) =>
      one<{ id: string }>(
        tx,
        sql`insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
            values (${input.email}, ${hash}, now(), ${JSON.stringify({ full_name: input.fullName })}::jsonb)
            on conflict ((lower(email))) do nothing
            returning id`,
      ),
    );
    if (!row) throw new AppError('CONFLICT', 'An account with this email already exists. Sign in instead, or reset your password.');
    const sessionId = await createLocalSession(db, jar, row.id, meta);
    return { identity: { userId: row.id, email: input.email, sessionId, fullName: input.fullName }, signedIn: true };
  },

  async signIn(db, jar, input, meta) {
    const user = await asService(db, (tx) =>
      one<{ id: string; email: string; encrypted_password: string | null }>(
        tx,
        sql`select id, email, encrypted_password from auth.users where lower(email) = lower(${input.email})`,
      ),
    );
    const ok = await verifyPassword(input.password, user?.encrypted_password);
    if (!user || !ok) return null;
    await asService(db, (tx) => tx.execute(sql`update auth.users set last_sign_in_at = now() where id = ${user.id}::uuid`));
    const sessionId = await createLocalSession(db, jar, user.id, meta);
    return { userId: user.id, email: user.email, sessionId };
  },

  async signOut(db, jar) {
    await revokeLocalSession(db, jar);
  },

  async startPasswordReset(db, email, redirectTo) {
    const user = await asService(db, (tx) =>
      one<{ id: string }>(tx, sql`select id from auth.users where lower(email) = lower(${email})`),
    );
    if (!user) return null;
    const token = randomToken(32);
    await asService(db, (tx) =>
      tx.execute(sql`insert into local_auth.password_resets (token_hash, user_id, expires_at)
                     values (${sha256Hex(token)}, ${user.id}, now() + make_interval(mins => ${RESET_MINUTES}))`),
    );
    const url = new URL(redirectTo);
    url.searchParams.set('token', token);
    return { link: url.toString(), userId: user.id };
  },

  async finishPasswordReset(db, jar, input, meta) {
    if (!input.token) throw new AppError('INVALID_INPUT', 'This reset link is incomplete. Request a new one.');
    const hash = await hashPassword(input.password);
    const user = await asService(db, async (tx) => {
      const used = await one<{ user_id: string }>(
        tx,
        sql`update local_auth.password_resets set used_at = now()
            where token_hash = ${sha256Hex(input.token!)} and used_at is null and expires_at > now()
            returning user_id`,
      );
      if (!used) return undefined;
      return one<{ id: string; email: string }>(
        tx,
        sql`update auth.users set encrypted_password = ${hash}, updated_at = now() where id = ${used.user_id}::uuid returning id, email`,
      );
    });
    if (!user) throw new AppError('INVALID_INPUT', 'This reset link has expired or was already used. Request a new one.');
    await revokeAllLocalSessions(db, user.id);
    const sessionId = await createLocalSession(db, jar, user.id, meta);
    return { userId: user.id, email: user.email, sessionId };
  },

  async oauthUrl() {
    throw new AppError('NOT_FOUND', 'Google and Microsoft sign-in are available in cloud mode only.');
  },

  async exchangeCode() {
    throw new AppError('NOT_FOUND', 'Google and Microsoft sign-in are available in cloud mode only.');
  },
};

/**
 * Local-mode sessions: a row in local_auth.sessions plus a signed, expiring cookie (HS256 JWT via jose)
 * that names it. The cookie is HttpOnly, SameSite=Lax, Secure over https. Signing out revokes the row,
 * so a copied cookie stops working too.
 */
import { jwtVerify, SignJWT } from 'jose';
import { asService, one, sql, type Db } from '@/db';
import { env } from '@/lib/env';
import type { CookieJar } from './cookies';

export const SESSION_COOKIE = 'lp_session';
export const SESSION_DAYS = 30;

const key = () => new TextEncoder().encode(env().sessionSecret);

export type TLocalSession = { sessionId: string; userId: string; email: string };

export async function createLocalSession(
  db: Db,
  jar: CookieJar,
  userId: string,
  meta: { ip?: string; userAgent?: string; secure: boolean },
): Promise<string> {
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  const row = await asService(db, (tx) =>
    one<{ id: string }>(
      tx,
      sql`insert into local_auth.sessions (user_id, expires_at, ip, user_agent)
          values (${userId}, ${expires.toISOString()}, ${meta.ip ?? null}, ${meta.userAgent?.slice(0, 300) ?? null}) returning id`,
    ),
  );
  const token = await new SignJWT({ sid: row!.id })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(key());
  jar.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: meta.secure, path: '/', expires });
  return row!.id;
}

/** The session the cookie names, if its signature, expiry and row all hold. */
export async function readLocalSession(db: Db, jar: CookieJar): Promise<TLocalSession | null> {
  const token = jar.get(SESSION_COOKIE);
  if (!token) return null;
  let sid: string;
  let sub: string;
  try {
    const { payload } = await jwtVerify(token, key(), { algorithms: ['HS256'] });
    if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return null;
    sid = payload.sid;
    sub = payload.sub;
  } catch {
    return null;
  }
  const row = await asService(db, (tx) =>
    one<{ email: string }>(
      tx,
      sql`select u.email from local_auth.sessions s join auth.users u on u.id = s.user_id
          where s.id = ${sid}::uuid and s.user_id = ${sub}::uuid and s.revoked_at is null and s.expires_at > now()
            and (u.banned_until is null or u.banned_until < now())`,
    ),
  );
  return row ? { sessionId: sid, userId: sub, email: row.email } : null;
}

export async function revokeLocalSession(db: Db, jar: CookieJar): Promise<void> {
  const s = await readLocalSession(db, jar);
  if (s) {
    await asService(db, (tx) => tx.execute(sql`update local_auth.sessions set revoked_at = now() where id = ${s.sessionId}::uuid`));
  }
  jar.delete(SESSION_COOKIE);
}

export async function revokeAllLocalSessions(db: Db, userId: string): Promise<void> {
  await asService(db, (tx) =>
    tx.execute(sql`update local_auth.sessions set revoked_at = now() where user_id = ${userId}::uuid and revoked_at is null`),
  );
}

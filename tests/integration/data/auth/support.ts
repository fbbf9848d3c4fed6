/** Accounts through the real service with the local identity provider and a header cookie jar. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../../src/db';
import { signUp, ZSignUp } from '../../../../src/features/accounts';
import { jarFromHeader, SESSION_COOKIE } from '../../../../src/lib/auth';
import { localIdentity } from '../../../../src/lib/auth/local';
import { AppError } from '../../../../src/lib/errors';

export const PASSWORD = 'Correct horse 2026';

let nextIp = 0;
/** Request facts; each call gets its own client IP unless one is given (per-IP limits stay apart). */
export const meta = (ip?: string, secure = false) => {
  nextIp++;
  return { ip: ip ?? `10.${(nextIp >> 16) & 255}.${(nextIp >> 8) & 255}.${nextIp & 255}`, userAgent: 'vitest', secure };
};

export function deps(db: Db, m = meta(), cookieHeader: string | null = null) {
  return { db, identity: localIdentity, jar: jarFromHeader(cookieHeader), meta: m };
}

/** Signs up through the accounts service; returns the ids and the session cookie the browser would get. */
export async function signUpLocal(db: Db, opts: { email?: string; password?: string; secure?: boolean } = {}) {
  const email = opts.email ?? `person-${randomBytes(4).toString('hex')}@example.com`;
  const d = deps(db, meta(undefined, opts.secure ?? false));
  const r = await signUp(d, ZSignUp.parse({ fullName: 'Pat Example', email, password: opts.password ?? PASSWORD, orgName: 'Example Co' }));
  const cookie = d.jar.pending.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('sign-up set no session cookie');
  return { ...r, email, cookie, header: `${SESSION_COOKIE}=${cookie.value}` };
}

/** The AppError a promise rejects with. */
export async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

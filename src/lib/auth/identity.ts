/**
 * Who is signing in. Local mode: our own accounts in auth.users (the shim) with scrypt hashes and local
 * sessions. Cloud mode: Supabase Auth. Both answer the same interface, so the accounts feature and
 * requireUser() never branch on the mode.
 */
import type { Db } from '@/db';
import type { CookieJar } from './cookies';

export type TIdentity = { userId: string; email: string; sessionId?: string; fullName?: string | null };
export type TRequestMeta = { ip?: string; userAgent?: string; secure: boolean };
export type TOAuthProvider = 'google' | 'azure';

export interface IdentityProvider {
  readonly kind: 'local' | 'supabase';
  /** The verified identity behind the request's cookies, or null. */
  current(db: Db, jar: CookieJar): Promise<TIdentity | null>;
  /** Creates the account. Returns the identity, signed in unless the provider must confirm the email first. */
  signUp(db: Db, jar: CookieJar, input: { email: string; password: string; fullName: string }, meta: TRequestMeta):
    Promise<{ identity: TIdentity; signedIn: boolean }>;
  /** Null when the email or password is wrong. */
  signIn(db: Db, jar: CookieJar, input: { email: string; password: string }, meta: TRequestMeta): Promise<TIdentity | null>;
  signOut(db: Db, jar: CookieJar): Promise<void>;
  /**
   * Starts a password reset. Local mode returns the link for the app to email (null when no such account);
   * Supabase sends its own email and returns null.
   */
  startPasswordReset(db: Db, email: string, redirectTo: string): Promise<{ link: string; userId: string } | null>;
  /** Sets a new password from a reset token (local) or the recovery session (Supabase); signs in. */
  finishPasswordReset(db: Db, jar: CookieJar, input: { token?: string; password: string }, meta: TRequestMeta): Promise<TIdentity>;
  /** Cloud only: the URL that starts Google or Microsoft sign-in. */
  oauthUrl(jar: CookieJar, provider: TOAuthProvider, redirectTo: string): Promise<string>;
  /** Cloud only: completes an OAuth or email-confirmation redirect. */
  exchangeCode(jar: CookieJar, code: string): Promise<TIdentity>;
}

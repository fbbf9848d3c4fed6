/**
 * Cloud-mode identity: the accounts service signs people up and in through Supabase Auth (supabase-js +
 * @supabase/ssr against a fake GoTrue), the session lives in the cookies @supabase/ssr sets, and
 * authenticate() resolves the user from those cookies by verifying the ES256 access token locally
 * against the JWKS (getClaims), never trusting an unverified session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, sql } from '../../../src/db';
import { requestPasswordReset, resetPassword, signIn, signOut, signUp, ZSignUp } from '../../../src/features/accounts';
import { authenticate, identityProvider, jarFromHeader } from '../../../src/lib/auth';
import type { TCookieOptions } from '../../../src/lib/auth/cookies';
import { AppError } from '../../../src/lib/errors';
import type { Mailer } from '../../../src/lib/mail';
import { testDb, type TTestDb } from '../../support/db';
import { startFakeSupabaseAuth, type TFakeSupabaseAuth } from '../../support/fakes/supabase-auth';
import { startFakeTrigger } from '../../support/fakes/trigger';
import { CLOUD_ENV, useCloudEnv } from './support';

let h: TTestDb;
let auth: TFakeSupabaseAuth;
let trigger: Awaited<ReturnType<typeof startFakeTrigger>>;
let restore: () => void;
const PASSWORD = 'Correct horse 2026';
let ipCounter = 0;

beforeAll(async () => {
  h = await testDb();
  auth = await startFakeSupabaseAuth({
    publishableKey: CLOUD_ENV.SUPABASE_PUBLISHABLE_KEY,
    // Supabase Auth writes its users to auth.users of the project database; public.users references them.
    onUserCreated: async (u) => {
      await asService(h.db, (tx) =>
        tx.execute(sql`insert into auth.users (id, email, email_confirmed_at, raw_user_meta_data)
                       values (${u.id}, ${u.email}, now(), ${JSON.stringify(u.user_metadata)}::jsonb)`),
      );
    },
  });
  trigger = await startFakeTrigger({ secretKey: CLOUD_ENV.TRIGGER_SECRET_KEY });
  restore = useCloudEnv({ SUPABASE_URL: auth.url, TRIGGER_API_URL: trigger.url });
});
afterAll(async () => {
  restore?.();
  await auth?.close();
  await trigger?.close();
  await h?.close();
});

type TJar = ReturnType<typeof jarFromHeader>;
const deps = (jar: TJar = jarFromHeader(null)) => ({ db: h.db, identity: identityProvider(), jar, meta: { ip: `10.9.0.${++ipCounter}`, userAgent: 'vitest', secure: true } });

/** The browser's cookie header after applying the Set-Cookie writes a jar collected. */
function browserCookies(previous: string | null, jar: TJar): string {
  const cookies = new Map(jarFromHeader(previous).getAll().map((c) => [c.name, c.value]));
  for (const w of jar.pending) {
    if (w.value === '' || w.options?.maxAge === 0) cookies.delete(w.name);
    else cookies.set(w.name, w.value);
  }
  return [...cookies].map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('; ');
}

const AUTH_COOKIE = /^sb-[a-z0-9-]+-auth-token(\.\d+)?$/;

async function signUpCloud(email = `cloud-${Math.random().toString(36).slice(2, 10)}@example.com`) {
  const jar = jarFromHeader(null);
  const r = await signUp(deps(jar), ZSignUp.parse({ fullName: 'Ada Lovelace', email, password: PASSWORD, orgName: 'Analytical Engines' }));
  return { ...r, email, jar, cookies: browserCookies(null, jar) };
}

/** Rewrites the access token inside @supabase/ssr's session cookie (base64-… JSON, possibly chunked). */
function withAccessToken(cookieHeader: string, rewrite: (token: string) => string): string {
  const all = jarFromHeader(cookieHeader).getAll();
  const parts = all.filter((c) => AUTH_COOKIE.test(c.name)).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const raw = parts.map((c) => c.value).join('');
  const session = JSON.parse(Buffer.from(raw.replace(/^base64-/, ''), 'base64url').toString('utf8')) as { access_token: string };
  session.access_token = rewrite(session.access_token);
  const value = `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`;
  const base = parts[0]!.name.replace(/\.\d+$/, '');
  const others = all.filter((c) => !AUTH_COOKIE.test(c.name));
  return [...others, { name: base, value }].map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join('; ');
}

describe('Supabase Auth (cloud mode)', () => {
  it('uses the Supabase identity provider in cloud mode', () => {
    expect(identityProvider().kind).toBe('supabase');
  });

  it('signs up through Supabase Auth, keeps the session in @supabase/ssr cookies, and creates the account', async () => {
    const u = await signUpCloud();
    expect(u.signedIn).toBe(true);
    const signup = auth.requests.find((r) => r.path === '/auth/v1/signup' && (r.json as { email: string }).email === u.email)!;
    expect(signup.headers.apikey).toBe(CLOUD_ENV.SUPABASE_PUBLISHABLE_KEY);
    expect(signup.json).toMatchObject({ email: u.email, password: PASSWORD, data: { full_name: 'Ada Lovelace' } });
    expect(signup.query.get('redirect_to')).toBe(`${process.env.APP_URL}/auth/callback`);

    const sessionCookies = u.jar.pending.filter((c) => AUTH_COOKIE.test(c.name) && c.value);
    expect(sessionCookies.length).toBeGreaterThan(0);
    expect(sessionCookies[0]!.value).toMatch(/^base64-/);
    expect(sessionCookies[0]!.options as TCookieOptions).toMatchObject({ path: '/', sameSite: 'lax' });

    const profile = await asService(h.db, (tx) =>
      one<{ full_name: string; role: string; org: string }>(tx, sql`select u.full_name, m.role, o.name as org from public.users u
        join public.memberships m on m.user_id = u.id join public.organizations o on o.id = m.org_id where u.id = ${u.userId}::uuid`),
    );
    expect(profile).toEqual({ full_name: 'Ada Lovelace', role: 'owner', org: 'Analytical Engines' });
  });

  it('authenticate() resolves the user from those cookies, verifying the token against the JWKS', async () => {
    const u = await signUpCloud();
    const before = auth.requests.length;
    const o = await authenticate(h.db, jarFromHeader(u.cookies));
    expect(o.kind).toBe('user');
    if (o.kind !== 'user') return;
    expect(o.ctx).toMatchObject({ userId: u.userId, email: u.email, orgId: u.orgId, role: 'owner', via: 'session' });
    expect(o.ctx.claims.session_id).toBe([...auth.sessions.values()].find((s) => s.userId === u.userId)!.id);
    const asked = auth.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(asked).not.toContain('GET /auth/v1/user'); // verified locally, not by asking the Auth server
    expect(auth.requests.some((r) => r.path === '/auth/v1/.well-known/jwks.json')).toBe(true);
  });

  it('refuses a session cookie whose token was altered or signed by someone else', async () => {
    const u = await signUpCloud();
    const other = await signUpCloud();
    const swapSub = (t: string) => {
      const [hd, pl, sg] = t.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(pl, 'base64url').toString('utf8')) as Record<string, unknown>;
      return `${hd}.${Buffer.from(JSON.stringify({ ...claims, sub: other.userId, email: other.email })).toString('base64url')}.${sg}`;
    };
    expect((await authenticate(h.db, jarFromHeader(withAccessToken(u.cookies, swapSub)))).kind).toBe('anonymous');

    const foreignKey = await startFakeSupabaseAuth({ publishableKey: 'x' }); // same claims, another key pair
    try {
      const forged = await foreignKey.sign({ sub: other.userId, email: other.email, role: 'authenticated', session_id: 'x' }, { kid: auth.kid });
      expect((await authenticate(h.db, jarFromHeader(withAccessToken(u.cookies, () => forged)))).kind).toBe('anonymous');
    } finally {
      await foreignKey.close();
    }
    expect((await authenticate(h.db, jarFromHeader(u.cookies))).kind).toBe('user');
  });

  it('refuses a duplicate sign-up with CONFLICT', async () => {
    const u = await signUpCloud();
    const e = await signUp(deps(), ZSignUp.parse({ fullName: 'Again', email: u.email, password: PASSWORD })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('CONFLICT');
  });

  it('signs in with the right password only, setting the session cookies', async () => {
    const u = await signUpCloud();
    const wrong = await signIn(deps(), { email: u.email, password: 'not the password' }).catch((x: unknown) => x);
    expect((wrong as AppError).code).toBe('UNAUTHORIZED');
    const jar = jarFromHeader(null);
    expect(await signIn(deps(jar), { email: u.email, password: PASSWORD })).toMatchObject({ userId: u.userId, orgId: u.orgId });
    const o = await authenticate(h.db, jarFromHeader(browserCookies(null, jar)));
    expect(o.kind === 'user' && o.ctx.userId).toBe(u.userId);
  });

  it('signs out: Supabase ends the session and the cookies are cleared', async () => {
    const u = await signUpCloud();
    const jar = jarFromHeader(u.cookies);
    await signOut({ db: h.db, identity: identityProvider(), jar });
    const logout = auth.requests.filter((r) => r.path === '/auth/v1/logout').at(-1)!;
    expect(logout.method).toBe('POST');
    const session = [...auth.sessions.values()].find((s) => s.userId === u.userId)!;
    expect(session.revoked).toBe(true);
    const after = browserCookies(u.cookies, jar);
    expect(jarFromHeader(after).getAll().filter((c) => AUTH_COOKIE.test(c.name))).toEqual([]);
    expect((await authenticate(h.db, jarFromHeader(after))).kind).toBe('anonymous');
  });

  it('starts a password reset at Supabase (which sends the email) and sets the new password from the recovery session', async () => {
    const u = await signUpCloud();
    const mailer: Mailer = { kind: 'resend', send: async () => { throw new Error('Supabase sends reset emails itself'); } };
    const answer = await requestPasswordReset({ db: h.db, identity: identityProvider(), mailer, ip: '10.9.9.9' }, { email: u.email });
    expect(answer.message).toMatch(/If an account exists/);
    expect(auth.recoveries).toContainEqual({ email: u.email, redirectTo: `${process.env.APP_URL}/reset-password` });
    const unknown = await requestPasswordReset({ db: h.db, identity: identityProvider(), mailer, ip: '10.9.9.9' }, { email: 'nobody@example.com' });
    expect(unknown).toEqual(answer);

    // The recovery link signs the user in (a session); the reset form then sets the password.
    const jar = jarFromHeader(u.cookies);
    const who = await resetPassword(deps(jar), { password: 'A brand new secret 77' });
    expect(who.userId).toBe(u.userId);
    expect(auth.requests.some((r) => r.method === 'PUT' && r.path === '/auth/v1/user')).toBe(true);
    expect((await signIn(deps(), { email: u.email, password: PASSWORD }).catch((x: unknown) => x) as AppError).code).toBe('UNAUTHORIZED');
    expect(await signIn(deps(), { email: u.email, password: 'A brand new secret 77' })).toMatchObject({ userId: u.userId });
  });

  it('refuses a reset without a recovery session', async () => {
    const e = await resetPassword(deps(), { password: 'A brand new secret 77' }).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('INVALID_INPUT');
  });
});

/**
 * Fake Supabase Auth (GoTrue) under /auth/v1, enough for supabase-js / @supabase/ssr:
 *   POST /signup                      create a user (auto-confirmed → session, else user only)
 *   POST /token?grant_type=password   sign in;  ?grant_type=refresh_token  refresh
 *   GET  /user, PUT /user             the user behind the access token; update password / metadata
 *   POST /logout?scope=…              end the session(s)
 *   POST /recover                     "send" a recovery email (recorded in `recoveries`)
 *   GET  /.well-known/jwks.json       the public ES256 key, so getClaims() verifies tokens locally
 * Access tokens are ES256 JWTs with Supabase's claims (sub, email, role, aal, session_id, …). Errors use
 * GoTrue's shapes ({ code, msg } with X-Supabase-Api-Version). Like the real service, it writes its users
 * to auth.users of the project database (`onUserCreated`), which public.users references.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { bearer, startRecordingServer, type TFake, type TRecordedRequest, type TReply } from './http';

export type TFakeAuthUser = {
  id: string;
  email: string;
  password: string;
  user_metadata: Record<string, unknown>;
  email_confirmed_at: string | null;
  created_at: string;
};

type TSession = { id: string; userId: string; refreshToken: string; revoked: boolean };

export type TFakeSupabaseAuth = TFake<{
  users: Map<string, TFakeAuthUser>;
  sessions: Map<string, TSession>;
  recoveries: { email: string; redirectTo: string | null }[];
  /** Signs a token with this server's key (tests forge variations of real tokens with it). */
  sign(claims: Record<string, unknown>, opts?: { kid?: string; expiresIn?: number }): Promise<string>;
  kid: string;
}>;

const API_VERSION = { 'x-supabase-api-version': '2024-01-01' };
const error = (status: number, code: string, msg: string): TReply => ({ status, body: { code, error_code: code, msg }, headers: API_VERSION });

export async function startFakeSupabaseAuth(opts: {
  publishableKey: string;
  autoConfirm?: boolean;
  minPasswordLength?: number;
  onUserCreated?: (u: TFakeAuthUser) => Promise<void>;
}): Promise<TFakeSupabaseAuth> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] };
  const users = new Map<string, TFakeAuthUser>(); // by id
  const sessions = new Map<string, TSession>();
  const recoveries: { email: string; redirectTo: string | null }[] = [];
  let baseUrl = '';

  const sign = async (claims: Record<string, unknown>, o: { kid?: string; expiresIn?: number; key?: CryptoKey } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: o.kid ?? kid, typ: 'JWT' })
      .setIssuer(`${baseUrl}/auth/v1`)
      .setAudience('authenticated')
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + (o.expiresIn ?? 3600))
      .sign(o.key ?? privateKey);

  const userJson = (u: TFakeAuthUser) => ({
    id: u.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: u.email,
    email_confirmed_at: u.email_confirmed_at,
    phone: '',
    confirmed_at: u.email_confirmed_at,
    last_sign_in_at: new Date().toISOString(),
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: { ...u.user_metadata, email: u.email, email_verified: Boolean(u.email_confirmed_at), sub: u.id },
    identities: [
      {
        identity_id: randomUUID(), id: u.id, user_id: u.id, provider: 'email', email: u.email,
        identity_data: { email: u.email, sub: u.id, email_verified: Boolean(u.email_confirmed_at) },
        created_at: u.created_at, updated_at: u.created_at, last_sign_in_at: u.created_at,
      },
    ],
    created_at: u.created_at,
    updated_at: new Date().toISOString(),
    is_anonymous: false,
  });

  async function sessionFor(u: TFakeAuthUser) {
    const s: TSession = { id: randomUUID(), userId: u.id, refreshToken: randomBytes(12).toString('hex'), revoked: false };
    sessions.set(s.id, s);
    const now = Math.floor(Date.now() / 1000);
    const access = await sign({
      sub: u.id, email: u.email, phone: '', role: 'authenticated', aal: 'aal1', amr: [{ method: 'password', timestamp: now }],
      session_id: s.id, is_anonymous: false, app_metadata: { provider: 'email', providers: ['email'] }, user_metadata: u.user_metadata,
    });
    return { access_token: access, token_type: 'bearer', expires_in: 3600, expires_at: now + 3600, refresh_token: s.refreshToken, user: userJson(u) };
  }

  /** The user and session of a request's bearer token, if the token is ours, unexpired and its session lives. */
  async function caller(req: TRecordedRequest): Promise<{ user: TFakeAuthUser; session: TSession } | TReply> {
    const token = bearer(req);
    if (!token) return error(401, 'no_authorization', 'This endpoint requires a Bearer token');
    try {
      const { payload } = await jwtVerify(token, publicKey, { issuer: `${baseUrl}/auth/v1`, audience: 'authenticated' });
      const session = sessions.get(String(payload.session_id));
      const user = users.get(String(payload.sub));
      if (!session || session.revoked || !user) return error(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
      return { user, session };
    } catch {
      return error(403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature');
    }
  }

  const byEmail = (email: string) => [...users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase());

  const fake = await startRecordingServer(async (req) => {
    if (req.headers.apikey !== opts.publishableKey) return { status: 401, body: { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' } };
    const path = req.path.replace(/^\/auth\/v1/, '');
    const body = (req.json ?? {}) as Record<string, unknown>;

    if (req.method === 'GET' && path === '/.well-known/jwks.json') return { status: 200, body: { keys: [jwk] } };

    if (req.method === 'POST' && path === '/signup') {
      const email = String(body.email ?? '').trim().toLowerCase();
      const password = String(body.password ?? '');
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) return error(400, 'validation_failed', 'Unable to validate email address: invalid format');
      if (password.length < (opts.minPasswordLength ?? 6)) {
        return { status: 422, body: { code: 'weak_password', msg: `Password should be at least ${opts.minPasswordLength ?? 6} characters.`, weak_password: { reasons: ['length'] } }, headers: API_VERSION };
      }
      if (byEmail(email)) return error(422, 'user_already_exists', 'User already registered');
      const u: TFakeAuthUser = {
        id: randomUUID(), email, password, user_metadata: (body.data as Record<string, unknown>) ?? {},
        email_confirmed_at: opts.autoConfirm === false ? null : new Date().toISOString(), created_at: new Date().toISOString(),
      };
      users.set(u.id, u);
      await opts.onUserCreated?.(u);
      if (opts.autoConfirm === false) return { status: 200, body: { ...userJson(u), confirmation_sent_at: new Date().toISOString() } };
      return { status: 200, body: await sessionFor(u) };
    }

    if (req.method === 'POST' && path === '/token') {
      const grant = req.query.get('grant_type');
      if (grant === 'password') {
        const u = byEmail(String(body.email ?? ''));
        if (!u || u.password !== body.password) return error(400, 'invalid_credentials', 'Invalid login credentials');
        if (!u.email_confirmed_at) return error(400, 'email_not_confirmed', 'Email not confirmed');
        return { status: 200, body: await sessionFor(u) };
      }
      if (grant === 'refresh_token') {
        const s = [...sessions.values()].find((x) => x.refreshToken === body.refresh_token && !x.revoked);
        const u = s && users.get(s.userId);
        if (!s || !u) return error(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
        s.revoked = true;
        return { status: 200, body: await sessionFor(u) };
      }
      return error(400, 'unsupported_grant_type', 'unsupported_grant_type');
    }

    if (path === '/user' && (req.method === 'GET' || req.method === 'PUT')) {
      const who = await caller(req);
      if ('status' in who) return who;
      if (req.method === 'PUT') {
        if (typeof body.password === 'string') {
          if (body.password.length < (opts.minPasswordLength ?? 6)) return error(422, 'weak_password', 'Password should be longer.');
          if (body.password === who.user.password) return error(422, 'same_password', 'New password should be different from the old password.');
          who.user.password = body.password;
        }
        if (body.data && typeof body.data === 'object') who.user.user_metadata = { ...who.user.user_metadata, ...(body.data as object) };
      }
      return { status: 200, body: userJson(who.user) };
    }

    if (req.method === 'POST' && path === '/logout') {
      const who = await caller(req);
      if ('status' in who) return who;
      const scope = req.query.get('scope') ?? 'global';
      for (const s of sessions.values()) {
        if (s.userId !== who.user.id) continue;
        if (scope === 'global' || (scope === 'local' && s.id === who.session.id) || (scope === 'others' && s.id !== who.session.id)) s.revoked = true;
      }
      return { status: 204 };
    }

    if (req.method === 'POST' && path === '/recover') {
      const email = String(body.email ?? '');
      if (byEmail(email)) recoveries.push({ email, redirectTo: req.query.get('redirect_to') });
      return { status: 200, body: {} };
    }

    return error(404, 'not_found', `No fake for ${req.method} ${req.path}`);
  });
  baseUrl = fake.url;
  return Object.assign(fake, { users, sessions, recoveries, kid, sign: (c: Record<string, unknown>, o?: { kid?: string; expiresIn?: number }) => sign(c, o) });
}

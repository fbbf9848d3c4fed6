/**
 * Gmail and Outlook mailboxes over OAuth (M2) — CLOUD MODE ONLY (the /api/oauth routes refuse in local
 * mode: the providers need a public redirect URL and the GOOGLE_/MICROSOFT_ client credentials).
 *
 * Flow: start → the provider's consent page (state = a signed token naming org, user and a nonce that
 * is also set as an HttpOnly cookie) → callback: state and nonce verified, the code exchanged for
 * tokens, the address read from the id_token the token endpoint returned over TLS, the mailbox
 * created or reconnected with the provider's SMTP/IMAP servers, tokens stored encrypted. Sending and
 * IMAP use XOAUTH2; the access token is refreshed (refresh_token grant) shortly before it expires.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { asService, one, sql, type Db } from '@/db';
import { mailboxes, mailboxSecrets } from '@/db/schema';
import { recordAudit } from '@/features/accounts';
import { encryptSecret, signToken, verifyToken } from '@/lib/crypto';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getMailbox, type TActor, type TMailboxView, type TSendingMailbox } from './mailboxes';

export type TOAuthProvider = 'gmail' | 'outlook';
export type TOAuthEndpoints = { authorize: string; token: string };

export const OAUTH_ENDPOINTS: Record<TOAuthProvider, TOAuthEndpoints> = {
  gmail: { authorize: 'https://accounts.google.com/o/oauth2/v2/auth', token: 'https://oauth2.googleapis.com/token' },
  outlook: {
    authorize: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    token: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  },
};

const SCOPES: Record<TOAuthProvider, string> = {
  gmail: 'openid email https://mail.google.com/',
  outlook: 'openid email offline_access https://outlook.office.com/SMTP.Send https://outlook.office.com/IMAP.AccessAsUser.All',
};

/** The providers' mail servers (XOAUTH2). */
export const OAUTH_SERVERS: Record<TOAuthProvider, { smtp: { host: string; port: number; security: 'tls' | 'starttls' }; imap: { host: string; port: number; security: 'tls' } }> = {
  gmail: { smtp: { host: 'smtp.gmail.com', port: 465, security: 'tls' }, imap: { host: 'imap.gmail.com', port: 993, security: 'tls' } },
  outlook: { smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' }, imap: { host: 'outlook.office365.com', port: 993, security: 'tls' } },
};

export const OAUTH_NONCE_COOKIE = 'lp_mailbox_oauth';
const STATE_PURPOSE = 'mailbox-oauth';
const STATE_MINUTES = 15;

function client(provider: TOAuthProvider): { id: string; secret: string } {
  const e = env();
  const [id, secret] = provider === 'gmail' ? [e.GOOGLE_CLIENT_ID, e.GOOGLE_CLIENT_SECRET] : [e.MICROSOFT_CLIENT_ID, e.MICROSOFT_CLIENT_SECRET];
  if (!id || !secret) {
    const vars = provider === 'gmail' ? 'GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET' : 'MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET';
    throw new AppError('FORBIDDEN', `Connecting ${provider === 'gmail' ? 'Gmail' : 'Outlook'} needs ${vars} to be set on the server.`);
  }
  return { id, secret };
}

export const oauthRedirectUri = (provider: TOAuthProvider) => `${env().APP_URL.replace(/\/$/, '')}/api/oauth/${provider}/callback`;

/** The consent URL and the nonce to set as a cookie. */
export function startMailboxOAuth(actor: TActor, provider: TOAuthProvider, endpoints: TOAuthEndpoints = OAUTH_ENDPOINTS[provider]): { url: string; nonce: string } {
  const c = client(provider);
  const nonce = randomBytes(16).toString('base64url');
  const state = signToken({ p: provider, o: actor.orgId, u: actor.userId, n: nonce, x: Date.now() + STATE_MINUTES * 60_000 }, STATE_PURPOSE);
  const q = new URLSearchParams({
    client_id: c.id,
    redirect_uri: oauthRedirectUri(provider),
    response_type: 'code',
    scope: SCOPES[provider],
    state,
    ...(provider === 'gmail' ? { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' } : { prompt: 'select_account' }),
  });
  return { url: `${endpoints.authorize}?${q.toString()}`, nonce };
}

type TTokenResponse = { access_token?: string; refresh_token?: string; expires_in?: number; id_token?: string; error?: string; error_description?: string };

async function tokenRequest(endpoint: string, form: Record<string, string>, fetchFn: typeof fetch): Promise<TTokenResponse> {
  let res: Response;
  try {
    res = await fetchFn(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams(form).toString() });
  } catch (e) {
    throw new AppError('UPSTREAM', 'The sign-in provider could not be reached. Try again.', { cause: e });
  }
  const body = (await res.json().catch(() => ({}))) as TTokenResponse;
  if (!res.ok || body.error) {
    throw new AppError(res.status >= 500 ? 'UPSTREAM' : 'INVALID_INPUT', `The provider refused: ${body.error_description ?? body.error ?? `HTTP ${res.status}`}.`);
  }
  return body;
}

/** The email address in an id_token from the token endpoint (received directly over TLS: OIDC Core §3.1.3.7). */
function emailOf(idToken: string | undefined): string | undefined {
  if (!idToken) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { email?: string; preferred_username?: string; upn?: string };
    const e = payload.email ?? payload.preferred_username ?? payload.upn;
    return e && /^[^@\s]+@[^@\s]+$/.test(e) ? e.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The callback: checks state and nonce, exchanges the code, creates (or reconnects) the mailbox.
 * `db` is the user's RLS transaction.
 */
export async function completeMailboxOAuth(
  db: Db,
  actor: TActor,
  input: { provider: TOAuthProvider; code: string; state: string; nonce: string | undefined },
  deps: { fetch?: typeof fetch; endpoints?: TOAuthEndpoints; now?: Date } = {},
): Promise<TMailboxView> {
  const st = verifyToken<{ p: string; o: string; u: string; n: string; x: number }>(input.state, STATE_PURPOSE);
  const now = deps.now ?? new Date();
  if (!st || st.p !== input.provider) throw new AppError('INVALID_INPUT', 'This sign-in link is not valid. Start connecting the mailbox again.');
  if (st.x < now.getTime()) throw new AppError('INVALID_INPUT', 'This sign-in took too long. Start connecting the mailbox again.');
  if (st.o !== actor.orgId || st.u !== actor.userId || !input.nonce || input.nonce !== st.n) {
    throw new AppError('FORBIDDEN', 'This sign-in was started in another session. Start connecting the mailbox again.');
  }
  const c = client(input.provider);
  const tokens = await tokenRequest(
    (deps.endpoints ?? OAUTH_ENDPOINTS[input.provider]).token,
    { grant_type: 'authorization_code', code: input.code, client_id: c.id, client_secret: c.secret, redirect_uri: oauthRedirectUri(input.provider) },
    deps.fetch ?? fetch,
  );
  const email = emailOf(tokens.id_token);
  if (!tokens.access_token || !email) throw new AppError('UPSTREAM', 'The provider did not say which address was connected. Try again.');
  if (!tokens.refresh_token) throw new AppError('UPSTREAM', 'The provider gave no refresh token; remove LeadPilot from the account’s connected apps and connect again.');
  const s = OAUTH_SERVERS[input.provider];
  const expires = new Date(now.getTime() + (tokens.expires_in ?? 3600) * 1000);
  const org = await one<{ tz: string }>(db, sql`select timezone as tz from public.organizations where id = ${actor.orgId}::uuid`);
  const [m] = await db
    .insert(mailboxes)
    .values({
      orgId: actor.orgId, userId: actor.userId, provider: input.provider, email,
      smtpHost: s.smtp.host, smtpPort: s.smtp.port, smtpSecurity: s.smtp.security, smtpUsername: email,
      imapHost: s.imap.host, imapPort: s.imap.port, imapSecurity: s.imap.security, imapUsername: email,
      timezone: org?.tz ?? 'UTC', oauthExpiresAt: expires,
    })
    .onConflictDoUpdate({
      target: [mailboxes.orgId, mailboxes.email],
      set: { provider: input.provider, oauthExpiresAt: expires, smtpHost: s.smtp.host, smtpPort: s.smtp.port, smtpSecurity: s.smtp.security, imapHost: s.imap.host, imapPort: s.imap.port, imapSecurity: s.imap.security, status: 'active', pausedReason: null, pausedDetail: {}, pausedAt: null },
    })
    .returning();
  if (!m) throw new AppError('FORBIDDEN', 'You cannot reconnect a mailbox another member connected.');
  const secrets = { oauthAccessToken: encryptSecret(tokens.access_token), oauthRefreshToken: encryptSecret(tokens.refresh_token) };
  await db.insert(mailboxSecrets).values({ mailboxId: m.id, orgId: actor.orgId, ...secrets }).onConflictDoUpdate({ target: mailboxSecrets.mailboxId, set: secrets });
  await recordAudit(db, {
    orgId: actor.orgId, actorId: actor.userId, actorType: 'user', action: 'mailbox.connected', targetType: 'mailbox', targetId: m.id,
    metadata: { email, provider: input.provider }, ip: actor.ip,
  });
  return getMailbox(db, actor.orgId, m.id);
}

/**
 * A fresh access token for an OAuth mailbox (service role): refreshed when it expires within five
 * minutes, stored encrypted. Returns the token to use.
 */
export async function ensureFreshAccessToken(db: Db, m: TSendingMailbox, deps: { fetch?: typeof fetch; endpoints?: TOAuthEndpoints; now?: Date } = {}): Promise<string> {
  const provider = m.provider as TOAuthProvider;
  const now = deps.now ?? new Date();
  if (m.oauthAccessToken && m.oauthExpiresAt && m.oauthExpiresAt.getTime() > now.getTime() + 5 * 60_000) return m.oauthAccessToken;
  if (!m.oauthRefreshToken) throw new AppError('UPSTREAM', 'The mailbox has no refresh token; reconnect it.');
  const c = client(provider);
  const t = await tokenRequest(
    (deps.endpoints ?? OAUTH_ENDPOINTS[provider]).token,
    { grant_type: 'refresh_token', refresh_token: m.oauthRefreshToken, client_id: c.id, client_secret: c.secret },
    deps.fetch ?? fetch,
  );
  if (!t.access_token) throw new AppError('UPSTREAM', 'The provider did not return an access token.');
  const expires = new Date(now.getTime() + (t.expires_in ?? 3600) * 1000);
  await asService(db, async (tx) => {
    await tx.update(mailboxSecrets)
      .set({ oauthAccessToken: encryptSecret(t.access_token!), ...(t.refresh_token ? { oauthRefreshToken: encryptSecret(t.refresh_token) } : {}) })
      .where(eq(mailboxSecrets.mailboxId, m.id));
    await tx.update(mailboxes).set({ oauthExpiresAt: expires }).where(eq(mailboxes.id, m.id));
  });
  m.oauthAccessToken = t.access_token;
  m.oauthExpiresAt = expires;
  if (t.refresh_token) m.oauthRefreshToken = t.refresh_token;
  return t.access_token;
}

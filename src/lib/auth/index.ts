/**
 * One way to know who is asking: `requireUser()` for pages, server actions and route handlers.
 * It verifies the session (local cookie or Supabase claims) or an API key, picks the active
 * organization (the `lp_org` cookie when the user is a member of it, else their first), and returns
 * the claims that `withUser` binds for RLS.
 */
import { cookies, headers as nextHeaders } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb, rows, sql, withUser, type Db, type TClaims } from '@/db';
import type { TRole } from '@/db/schema';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { supabaseIdentity } from '@/integrations/supabase';
import { jarFrom, type CookieJar } from './cookies';
import type { IdentityProvider, TIdentity } from './identity';
import { localIdentity } from './local';
import { verifyApiKey } from './api-key';

export type { CookieJar } from './cookies';
export type { TIdentity, TRequestMeta, IdentityProvider } from './identity';
export { jarFrom, jarFromHeader } from './cookies';
export { passwordProblem } from './password';
export { generateApiKey } from './api-key';
export { SESSION_COOKIE } from './local-session';

export const ORG_COOKIE = 'lp_org';

export function identityProvider(): IdentityProvider {
  return env().mode === 'cloud' ? supabaseIdentity : localIdentity;
}

export type TMembership = { orgId: string; orgName: string; role: TRole };

export type TUserContext = {
  userId: string;
  email: string;
  fullName: string | null;
  orgId: string;
  orgName: string;
  role: TRole;
  memberships: TMembership[];
  via: 'session' | 'api_key';
  apiKeyId?: string;
  claims: TClaims;
};

export type TAuthOutcome =
  | { kind: 'user'; ctx: TUserContext }
  | { kind: 'no-org'; identity: TIdentity }
  | { kind: 'anonymous' };

/** The memberships of a verified user, read under RLS as that user. */
export async function membershipsOf(db: Db, userId: string): Promise<{ memberships: TMembership[]; fullName: string | null }> {
  const r = await withUser(db, { sub: userId, role: 'authenticated' }, (tx) =>
    rows<{ org_id: string; org_name: string; role: TRole; full_name: string | null }>(
      tx,
      sql`select m.org_id, o.name as org_name, m.role, u.full_name
          from public.memberships m
          join public.organizations o on o.id = m.org_id
          join public.users u on u.id = m.user_id
          where m.user_id = ${userId}::uuid
          order by m.created_at, o.name`,
    ),
  );
  return { memberships: r.map((x) => ({ orgId: x.org_id, orgName: x.org_name, role: x.role })), fullName: r[0]?.full_name ?? null };
}

function contextFor(identity: TIdentity, memberships: TMembership[], fullName: string | null, wanted?: string): TUserContext | null {
  const active = memberships.find((m) => m.orgId === wanted) ?? memberships[0];
  if (!active) return null;
  return {
    userId: identity.userId,
    email: identity.email,
    fullName,
    orgId: active.orgId,
    orgName: active.orgName,
    role: active.role,
    memberships,
    via: 'session',
    claims: {
      sub: identity.userId,
      role: 'authenticated',
      email: identity.email,
      org_id: active.orgId,
      ...(identity.sessionId ? { session_id: identity.sessionId } : {}),
    },
  };
}

/** Resolves who is asking from a cookie jar and (for /api) an Authorization header. */
export async function authenticate(db: Db, jar: CookieJar, authorization?: string | null): Promise<TAuthOutcome> {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (authorization && !bearer) throw new AppError('UNAUTHORIZED', 'Send the API key as "Authorization: Bearer <key>".');
  if (bearer) {
    const key = await verifyApiKey(db, bearer);
    if (!key) throw new AppError('UNAUTHORIZED', 'This API key is not valid or has been revoked.');
    const { memberships, fullName } = await membershipsOf(db, key.userId);
    const ctx = contextFor({ userId: key.userId, email: key.email }, memberships.filter((m) => m.orgId === key.orgId), fullName, key.orgId);
    if (!ctx) throw new AppError('UNAUTHORIZED', 'This API key is not valid or has been revoked.');
    return { kind: 'user', ctx: { ...ctx, via: 'api_key', apiKeyId: key.apiKeyId, claims: { ...ctx.claims, api_key_id: key.apiKeyId } } };
  }
  const identity = await identityProvider().current(db, jar);
  if (!identity) return { kind: 'anonymous' };
  const { memberships, fullName } = await membershipsOf(db, identity.userId);
  const ctx = contextFor(identity, memberships, fullName, jar.get(ORG_COOKIE));
  return ctx ? { kind: 'user', ctx } : { kind: 'no-org', identity };
}

const currentOutcome = cache(async (): Promise<TAuthOutcome> => {
  const db = await getDb();
  return authenticate(db, jarFrom(await cookies()));
});

/** The signed-in user, or null (pages that render differently when signed out). */
export async function getOptionalUser(): Promise<TUserContext | null> {
  const o = await currentOutcome();
  return o.kind === 'user' ? o.ctx : null;
}

/**
 * The signed-in user for a page or server action. Signed-out visitors are sent to /login (and back
 * afterwards); a user without an organization to /welcome; a role outside `roles` gets FORBIDDEN.
 */
export async function requireUser(opts: { roles?: TRole[] } = {}): Promise<TUserContext> {
  const o = await currentOutcome();
  if (o.kind === 'anonymous') {
    const h = await nextHeaders();
    const next = h.get('x-leadpilot-path') ?? '/dashboard';
    redirect(`/login?next=${encodeURIComponent(next)}`);
  }
  if (o.kind === 'no-org') redirect('/welcome');
  return checkRole(o.ctx, opts.roles);
}

export function checkRole(ctx: TUserContext, roles?: TRole[]): TUserContext {
  if (roles && !roles.includes(ctx.role)) {
    throw new AppError('FORBIDDEN', `Only ${roles.join(' or ')}s can do that. Ask an owner of ${ctx.orgName}.`);
  }
  return ctx;
}

/** Runs `fn` as the user under RLS in the process-wide database. */
export async function asUser<T>(ctx: Pick<TUserContext, 'claims'>, fn: (tx: Db) => Promise<T>): Promise<T> {
  return withUser(await getDb(), ctx.claims, fn);
}

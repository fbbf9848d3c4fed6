/** Cloud mode: Supabase redirects here after Google/Microsoft sign-in or email confirmation. */
import { NextResponse } from 'next/server';
import { cookies } from 'next/headers';
import { getDb } from '@/db';
import { env } from '@/lib/env';
import { identityProvider, jarFrom, ORG_COOKIE } from '@/lib/auth';
import { ensureAccount } from '@/features/accounts';
import { log } from '@/lib/log';

export async function GET(req: Request) {
  const url = new URL(req.url);
  const code = url.searchParams.get('code');
  const next = url.searchParams.get('next');
  const target = next && /^\/(?!\/)/.test(next) ? next : '/dashboard';
  if (!code || env().mode !== 'cloud') return NextResponse.redirect(new URL('/login?error=auth', env().APP_URL));
  try {
    const jar = jarFrom(await cookies());
    const identity = await identityProvider().exchangeCode(jar, code);
    const { orgId } = await ensureAccount(await getDb(), identity);
    if (orgId) jar.set(ORG_COOKIE, orgId, { path: '/', sameSite: 'lax', httpOnly: true, secure: env().APP_URL.startsWith('https:'), maxAge: 365 * 86400 });
    return NextResponse.redirect(new URL(target, env().APP_URL));
  } catch (e) {
    log().warn({ err: e }, 'auth callback failed');
    return NextResponse.redirect(new URL('/login?error=auth', env().APP_URL));
  }
}

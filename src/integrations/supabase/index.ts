/**
 * Supabase Auth (cloud mode) behind the IdentityProvider interface. The SDK lives here only.
 * Identity comes from `auth.getClaims()`, which verifies the access token (locally with the project's
 * asymmetric keys, or via the Auth server), never from an unverified session object.
 */
import { createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { CookieJar } from '@/lib/auth/cookies';
import type { IdentityProvider, TIdentity } from '@/lib/auth/identity';

/**
 * supabase-js builds a realtime client in every createClient(), and on Node 20 (no global WebSocket) that
 * throws. The server never opens a realtime socket, so it gets a transport that refuses to connect.
 */
class NoRealtimeTransport {
  constructor() {
    throw new Error('Supabase Realtime is not used by the LeadPilot server.');
  }
}
export const SUPABASE_SERVER_OPTIONS = { realtime: { transport: NoRealtimeTransport as unknown as typeof WebSocket } };

export function supabaseFor(jar: CookieJar): SupabaseClient {
  const e = env();
  return createServerClient(e.SUPABASE_URL!, e.SUPABASE_PUBLISHABLE_KEY!, {
    ...SUPABASE_SERVER_OPTIONS,
    cookies: {
      getAll: () => jar.getAll(),
      setAll: (list) => list.forEach((c) => jar.set(c.name, c.value, c.options as never)),
    },
  });
}

/** Service-role client for admin calls (never sent to a browser). */
export function supabaseAdmin(): SupabaseClient {
  const e = env();
  return createClient(e.SUPABASE_URL!, e.SUPABASE_SERVICE_ROLE_KEY!, {
    ...SUPABASE_SERVER_OPTIONS,
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

async function claimsOf(sb: SupabaseClient): Promise<TIdentity | null> {
  const { data, error } = await sb.auth.getClaims();
  if (error || !data?.claims?.sub) return null;
  const c = data.claims as { sub: string; email?: string; session_id?: string; user_metadata?: { full_name?: string } };
  return { userId: c.sub, email: c.email ?? '', sessionId: c.session_id, fullName: c.user_metadata?.full_name ?? null };
}

function upstream(message: string, cause: unknown): AppError {
  return new AppError('UPSTREAM', message, { cause });
}

export const supabaseIdentity: IdentityProvider = {
  kind: 'supabase',

  current: async (_db, jar) => claimsOf(supabaseFor(jar)),

  async signUp(_db, jar, input) {
    const sb = supabaseFor(jar);
    const { data, error } = await sb.auth.signUp({
      email: input.email,
      password: input.password,
      options: { data: { full_name: input.fullName }, emailRedirectTo: `${env().APP_URL}/auth/callback` },
    });
    if (error) {
      if (/already registered|already exists/i.test(error.message)) {
        throw new AppError('CONFLICT', 'An account with this email already exists. Sign in instead, or reset your password.');
      }
      if (/password/i.test(error.message)) throw new AppError('INVALID_INPUT', error.message, { fields: { password: [error.message] } });
      throw upstream('Sign-up is unavailable right now. Please try again in a moment.', error);
    }
    // With email confirmation on, Supabase answers a duplicate sign-up with a user that has no identities.
    if (data.user && Array.isArray(data.user.identities) && data.user.identities.length === 0) {
      throw new AppError('CONFLICT', 'An account with this email already exists. Sign in instead, or reset your password.');
    }
    if (!data.user) throw upstream('Sign-up is unavailable right now. Please try again in a moment.', new Error('no user'));
    return {
      identity: { userId: data.user.id, email: data.user.email ?? input.email, fullName: input.fullName },
      signedIn: Boolean(data.session),
    };
  },

  async signIn(_db, jar, input) {
    const sb = supabaseFor(jar);
    const { data, error } = await sb.auth.signInWithPassword(input);
    if (error) {
      if (error.status === 400 || /invalid login credentials/i.test(error.message)) return null;
      if (/email not confirmed/i.test(error.message)) {
        throw new AppError('FORBIDDEN', 'Confirm your email address first: open the link we sent you.');
      }
      throw upstream('Sign-in is unavailable right now. Please try again in a moment.', error);
    }
    return { userId: data.user.id, email: data.user.email ?? input.email };
  },

  async signOut(_db, jar) {
    await supabaseFor(jar).auth.signOut();
  },

  async startPasswordReset(_db, email, redirectTo) {
    const sb = createClient(env().SUPABASE_URL!, env().SUPABASE_PUBLISHABLE_KEY!, { ...SUPABASE_SERVER_OPTIONS, auth: { persistSession: false } });
    const { error } = await sb.auth.resetPasswordForEmail(email, { redirectTo });
    if (error && error.status !== 404) throw upstream('Password reset is unavailable right now. Please try again in a moment.', error);
    return null;
  },

  async finishPasswordReset(_db, jar, input) {
    const sb = supabaseFor(jar);
    const who = await claimsOf(sb);
    if (!who) throw new AppError('INVALID_INPUT', 'This reset link has expired or was already used. Request a new one.');
    const { error } = await sb.auth.updateUser({ password: input.password });
    if (error) throw new AppError('INVALID_INPUT', error.message, { fields: { password: [error.message] } });
    return who;
  },

  async oauthUrl(jar, provider, redirectTo) {
    const { data, error } = await supabaseFor(jar).auth.signInWithOAuth({
      provider,
      options: { redirectTo, skipBrowserRedirect: true, scopes: provider === 'azure' ? 'email' : undefined },
    });
    if (error || !data.url) throw upstream('That sign-in option is unavailable right now.', error);
    return data.url;
  },

  async exchangeCode(jar, code) {
    const sb = supabaseFor(jar);
    const { data, error } = await sb.auth.exchangeCodeForSession(code);
    if (error || !data.user) throw new AppError('UNAUTHORIZED', 'That sign-in link has expired. Please sign in again.', { cause: error });
    return { userId: data.user.id, email: data.user.email ?? '', fullName: (data.user.user_metadata?.full_name as string | undefined) ?? null };
  },
};

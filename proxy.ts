/**
 * Coarse gate in front of every page: refreshes the Supabase session in cloud mode and sends signed-out
 * visitors of app pages to /login. Every page, action and handler still checks the session itself.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { SESSION_COOKIE } from '@/lib/auth/local-session';

const PUBLIC = [/^\/$/, /^\/login/, /^\/signup/, /^\/forgot-password/, /^\/reset-password/, /^\/invite\//, /^\/auth\//, /^\/api\//, /^\/t\//, /^\/u\//, /^\/dev\//, /^\/welcome/];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-leadpilot-path', `${pathname}${search}`);
  let response = NextResponse.next({ request: { headers: requestHeaders } });
  const isPublic = PUBLIC.some((re) => re.test(pathname));
  let signedIn: boolean;

  if (env().mode === 'cloud') {
    const { createServerClient } = await import('@supabase/ssr');
    const { SUPABASE_SERVER_OPTIONS } = await import('@/integrations/supabase');
    const e = env();
    const supabase = createServerClient(e.SUPABASE_URL!, e.SUPABASE_PUBLISHABLE_KEY!, {
      ...SUPABASE_SERVER_OPTIONS,
      cookies: {
        getAll: () => request.cookies.getAll(),
        setAll: (list) => {
          list.forEach(({ name, value }) => request.cookies.set(name, value));
          response = NextResponse.next({ request: { headers: requestHeaders } });
          list.forEach(({ name, value, options }) => response.cookies.set(name, value, options));
        },
      },
    });
    const { data } = await supabase.auth.getClaims();
    signedIn = Boolean(data?.claims?.sub);
  } else {
    signedIn = Boolean(request.cookies.get(SESSION_COOKIE)?.value);
  }

  if (!signedIn && !isPublic) {
    const url = request.nextUrl.clone();
    url.pathname = '/login';
    url.search = `?next=${encodeURIComponent(`${pathname}${search}`)}`;
    return NextResponse.redirect(url);
  }
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};

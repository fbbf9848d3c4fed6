/** Request facts every handler needs: a request id, the client IP, and the same-origin check. */
import { randomUUID } from 'node:crypto';
import { env } from '@/lib/env';

export function requestIdOf(headers: Headers): string {
  const given = headers.get('x-request-id');
  return given && /^[A-Za-z0-9._-]{8,100}$/.test(given) ? given : randomUUID();
}

export function clientIp(headers: Headers): string {
  const fwd = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return fwd || headers.get('x-real-ip') || '127.0.0.1';
}

/** Origins allowed to send cookie-authenticated mutations: the app's own. */
export function allowedOrigins(headers: Headers): Set<string> {
  const set = new Set<string>([new URL(env().APP_URL).origin]);
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (host) {
    const proto = headers.get('x-forwarded-proto') ?? (new URL(env().APP_URL).protocol.replace(':', '') || 'http');
    set.add(`${proto}://${host}`);
  }
  return set;
}

/** A cookie-authenticated request that changes state must come from our own pages. */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin) return allowedOrigins(headers).has(origin);
  const referer = headers.get('referer');
  if (referer) {
    try {
      return allowedOrigins(headers).has(new URL(referer).origin);
    } catch {
      return false;
    }
  }
  return false;
}

export function isSecureRequest(headers: Headers): boolean {
  const proto = headers.get('x-forwarded-proto');
  if (proto) return proto.split(',')[0]!.trim() === 'https';
  return env().APP_URL.startsWith('https:');
}

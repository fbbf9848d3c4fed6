/**
 * Signed links (S8, S9): open pixel, click redirect and unsubscribe tokens, each with its own purpose
 * mixed into the HMAC (TRACKING_SECRET), so one kind can never be used as another. A click token
 * carries its target: the redirect only ever goes where a token we signed says.
 */
import { signToken, verifyToken } from '@/lib/crypto';
import { linkBase } from './common';

export const PURPOSE = { open: 'track-open', click: 'track-click', unsubscribe: 'unsubscribe' } as const;

export type TOpenToken = { m: string; t: number };
export type TClickToken = { m: string; u: string; t: number };
export type TUnsubscribeToken = { m: string; o: string; e: string };

/** Click targets longer than this are left untracked (the token must stay under 2 kB). */
const MAX_TRACKED_URL = 1200;

export const openUrl = (messageId: string, sentAt: Date) => `${linkBase()}/t/o/${signToken({ m: messageId, t: Math.floor(sentAt.getTime() / 1000) }, PURPOSE.open)}`;

export function clickUrl(messageId: string, url: string, sentAt: Date): string | undefined {
  if (url.length > MAX_TRACKED_URL || !/^https?:\/\//i.test(url)) return undefined;
  return `${linkBase()}/t/c/${signToken({ m: messageId, u: url, t: Math.floor(sentAt.getTime() / 1000) }, PURPOSE.click)}`;
}

export const unsubscribeToken = (messageId: string, orgId: string, email: string) => signToken({ m: messageId, o: orgId, e: email }, PURPOSE.unsubscribe);
export const unsubscribeUrl = (messageId: string, orgId: string, email: string) => `${linkBase()}/u/${unsubscribeToken(messageId, orgId, email)}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readOpenToken(token: string): TOpenToken | null {
  const v = verifyToken<TOpenToken>(token, PURPOSE.open);
  return v && typeof v.m === 'string' && UUID.test(v.m) && typeof v.t === 'number' ? v : null;
}

export function readClickToken(token: string): TClickToken | null {
  const v = verifyToken<TClickToken>(token, PURPOSE.click);
  if (!v || typeof v.m !== 'string' || !UUID.test(v.m) || typeof v.u !== 'string' || typeof v.t !== 'number') return null;
  try {
    const u = new URL(v.u);
    return u.protocol === 'http:' || u.protocol === 'https:' ? v : null;
  } catch {
    return null;
  }
}

export function readUnsubscribeToken(token: string): TUnsubscribeToken | null {
  const v = verifyToken<TUnsubscribeToken>(token, PURPOSE.unsubscribe);
  return v && typeof v.m === 'string' && UUID.test(v.m) && typeof v.o === 'string' && UUID.test(v.o) && typeof v.e === 'string' && v.e.includes('@') ? v : null;
}

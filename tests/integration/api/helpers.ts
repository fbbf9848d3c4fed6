/**
 * Calling /api route handlers directly with `new Request(...)` against a test database. The handlers use
 * the process-wide database (getDb() reads DATABASE_URL), so `useTestDatabase()` points it at the test
 * database before any route module is imported. Postgres only (PGlite allows one client per database).
 */
import { expect } from 'vitest';
import { closeDb, withUser, type Db } from '../../../src/db';
import { resetEnvForTests } from '../../../src/lib/env';
import { jarFromHeader } from '../../../src/lib/auth';
import { createLocalSession, SESSION_COOKIE } from '../../../src/lib/auth/local-session';
import { createApiKey } from '../../../src/features/accounts';
import { testDb, type TTestDb } from '../../support/db';
import type { TPerson } from '../../support/world';

export const APP = 'http://localhost:3000';
export const onPglite = () => process.env.TEST_DB === 'pglite';

let saved: string | undefined;

export async function useTestDatabase(): Promise<TTestDb> {
  const h = await testDb();
  saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = h.url!;
  resetEnvForTests();
  await closeDb();
  return h;
}

export async function releaseTestDatabase(h: TTestDb | undefined) {
  await closeDb();
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
  resetEnvForTests();
  await h?.close();
}

/** A signed-in browser session for `p` (the lp_session cookie the app would set). */
export async function sessionCookie(db: Db, p: TPerson): Promise<string> {
  const jar = jarFromHeader(null);
  await createLocalSession(db, jar, p.userId, { secure: false, ip: '127.0.0.1', userAgent: 'vitest' });
  const c = jar.pending.find((x) => x.name === SESSION_COOKIE)!;
  return `${SESSION_COOKIE}=${encodeURIComponent(c.value)}`;
}

/** An API key created by `p` (who must be an owner or admin when it is created). */
export async function apiKeyFor(db: Db, p: TPerson, name = 'test key'): Promise<{ id: string; key: string }> {
  const k = await withUser(db, p.claims, (tx) => createApiKey(tx, { orgId: p.orgId, userId: p.userId }, { name }));
  return { id: k.id, key: k.key };
}

type TCall = {
  key?: string;
  cookie?: string;
  origin?: string | null;
  json?: unknown;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
};

export type TResult = { status: number; body: unknown; text: string; headers: Headers };

type THandler = (req: Request, segment?: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;

/** Calls a route handler and checks what every response must satisfy: JSON, a request id, no leaks. */
export async function call(handler: THandler, method: string, path: string, o: TCall = {}): Promise<TResult> {
  const headers = new Headers(o.headers);
  if (o.key) headers.set('authorization', `Bearer ${o.key}`);
  if (o.cookie) headers.set('cookie', o.cookie);
  if (o.origin) headers.set('origin', o.origin);
  let body: string | undefined = o.body;
  if (o.json !== undefined) body = JSON.stringify(o.json);
  if (body !== undefined) headers.set('content-type', o.contentType ?? 'application/json');
  const req = new Request(`${APP}${path}`, { method, headers, body });
  const res = await handler(req, { params: Promise.resolve(o.params ?? {}) });
  const text = await res.text();
  expectNoLeak(text);
  expect(res.headers.get('x-request-id')).toBeTruthy();
  let parsed: unknown = null;
  if (text) {
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    parsed = JSON.parse(text);
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** No stack frames, no SQL, no driver internals in anything a client can read. */
export function expectNoLeak(text: string) {
  expect(text).not.toMatch(/\bat [\w$.<>]+ \(|\n\s+at |node_modules|\.ts:\d+/);
  expect(text.toLowerCase()).not.toMatch(/\bselect\b|\binsert into\b|\bupdate public\.|\bdelete from\b|violates|constraint "|postgres|drizzle/);
}

export function expectError(r: TResult, status: number, code: string) {
  expect(r.status, r.text).toBe(status);
  expect(r.body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  return (r.body as { error: { code: string; message: string; fields?: Record<string, string[]> } }).error;
}

/**
 * Calling the leads /api route handlers directly with `new Request(...)`: the handlers use the
 * process-wide database, so `useRouteDatabase()` points DATABASE_URL at a fresh test database first.
 */
import { expect } from 'vitest';
import { asService, closeDb, type Db } from '../../../src/db';
import { createApiKey } from '../../../src/features/accounts';
import { jarFromHeader } from '../../../src/lib/auth';
import { createLocalSession, SESSION_COOKIE } from '../../../src/lib/auth/local-session';
import { resetEnvForTests } from '../../../src/lib/env';
import { testDb, type TTestDb } from '../../support/db';
import type { TPerson } from '../../support/world';

export const APP = 'http://localhost:3000';
export const onPglite = () => process.env.TEST_DB === 'pglite';

let saved: Record<string, string | undefined> = {};

export async function useRouteDatabase(extraEnv: Record<string, string> = {}): Promise<TTestDb> {
  const h = await testDb();
  saved = { DATABASE_URL: process.env.DATABASE_URL, ...Object.fromEntries(Object.keys(extraEnv).map((k) => [k, process.env[k]])) };
  process.env.DATABASE_URL = h.url!;
  Object.assign(process.env, extraEnv);
  resetEnvForTests();
  await closeDb();
  return h;
}

export async function releaseRouteDatabase(h: TTestDb | undefined) {
  await closeDb();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  await h?.close();
}

/** An API key acting as `p` (made as the service: members may not make keys themselves). */
export async function apiKeyOf(db: Db, p: TPerson): Promise<string> {
  return (await asService(db, (tx) => createApiKey(tx, { orgId: p.orgId, userId: p.userId }, { name: 'tests' }))).key;
}

export async function cookieOf(db: Db, p: TPerson): Promise<string> {
  const jar = jarFromHeader(null);
  await createLocalSession(db, jar, p.userId, { secure: false, ip: '127.0.0.1', userAgent: 'vitest' });
  const c = jar.pending.find((x) => x.name === SESSION_COOKIE)!;
  return `${SESSION_COOKIE}=${encodeURIComponent(c.value)}`;
}

type THandler = (req: Request, segment?: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;
export type TCall = {
  key?: string; cookie?: string; origin?: string; json?: unknown; body?: BodyInit; contentType?: string; headers?: Record<string, string>;
  params?: Record<string, string>;
};
export type TResult = { status: number; body: any; text: string; bytes: Buffer; headers: Headers };

export async function call(handler: THandler, method: string, path: string, o: TCall = {}): Promise<TResult> {
  const headers = new Headers(o.headers);
  if (o.key) headers.set('authorization', `Bearer ${o.key}`);
  if (o.cookie) headers.set('cookie', o.cookie);
  if (o.origin) headers.set('origin', o.origin);
  let body = o.body;
  if (o.json !== undefined) body = JSON.stringify(o.json);
  if (body !== undefined && !(body instanceof FormData)) headers.set('content-type', o.contentType ?? 'application/json');
  const res = await handler(new Request(`${APP}${path}`, { method, headers, body }), { params: Promise.resolve(o.params ?? {}) });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  // nothing a client reads may carry stack frames, SQL or driver internals
  expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    expect(text.toLowerCase()).not.toMatch(/\binsert into\b|\bupdate public\.|violates|constraint "|postgres|drizzle/);
  }
  expect(res.headers.get('x-request-id')).toBeTruthy();
  const json = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : null;
  return { status: res.status, body: json, text, bytes, headers: res.headers };
}

export function expectError(r: TResult, status: number, code: string) {
  expect(r.status, r.text).toBe(status);
  expect(r.body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  return r.body.error as { code: string; message: string; fields?: Record<string, string[]> };
}

export function multipart(name: string, content: Uint8Array | string, field = 'file', type = 'text/csv'): FormData {
  const f = new FormData();
  f.set(field, new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), name);
  return f;
}

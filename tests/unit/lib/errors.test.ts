import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ERROR_STATUS, fromDatabaseError, isAppError } from '../../../src/lib/errors';
import { errorResponse, toAppError } from '../../../src/lib/http/respond';
import { rateLimited } from '../../../src/lib/rate-limit';

/** Shaped like the errors postgres.js (constraint_name) and PGlite (constraint) throw. */
const pg = (code: string, message = 'db says no', extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, ...extra });

describe('AppError', () => {
  it('maps every code to its HTTP status', () => {
    expect(ERROR_STATUS).toEqual({
      UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID_INPUT: 422, INVALID_JSON: 400, PAYLOAD_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415, CONFLICT: 409, RATE_LIMITED: 429, PAYMENT_REQUIRED: 402, UPSTREAM: 502, INTERNAL: 500,
    });
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      expect(new AppError(code as keyof typeof ERROR_STATUS, 'm').status).toBe(status);
    }
  });

  it('is recognised and keeps its cause', () => {
    const cause = new Error('root');
    const e = new AppError('CONFLICT', 'taken', { cause });
    expect(isAppError(e)).toBe(true);
    expect(isAppError(cause)).toBe(false);
    expect(e.cause).toBe(cause);
    expect(e.name).toBe('AppError');
  });
});

describe('fromDatabaseError', () => {
  it('42501 (RLS / privilege) → FORBIDDEN', () => {
    const e = fromDatabaseError(pg('42501', 'new row violates row-level security policy for table "leads"'));
    expect(e?.code).toBe('FORBIDDEN');
    expect(e?.message).not.toMatch(/row-level|leads/);
  });

  it('23505 (unique) → CONFLICT naming the constraint, for both drivers', () => {
    const a = fromDatabaseError(pg('23505', 'duplicate key', { constraint_name: 'leads_email_idx' }));
    expect(a?.code).toBe('CONFLICT');
    expect(a?.details).toEqual({ constraint: 'leads_email_idx' });
    const b = fromDatabaseError(pg('23505', 'duplicate key', { constraint: 'organizations_slug_key' }));
    expect(b?.details).toEqual({ constraint: 'organizations_slug_key' });
  });

  it.each(['23503', '23514', '23502', '22P02', '22001', '22007', '22008'])('%s → INVALID_INPUT', (code) => {
    expect(fromDatabaseError(pg(code))?.code).toBe('INVALID_INPUT');
  });

  it.each([
    ['CONFLICT', 'An organization needs at least one owner. Make someone else an owner first.'],
    ['FORBIDDEN', "Only an owner can change an owner's role or make someone an owner."],
    ['INVALID_INPUT', 'That time zone does not exist.'],
    ['NOT_FOUND', 'No such list.'],
    ['PAYMENT_REQUIRED', 'Not enough credits.'],
    ['RATE_LIMITED', 'Slow down.'],
  ])("P0001 '%s: …' → that code and message", (code, message) => {
    const e = fromDatabaseError(pg('P0001', `${code}: ${message}`));
    expect(e?.code).toBe(code);
    expect(e?.message).toBe(message);
  });

  it('keeps a multi-line raised message whole', () => {
    expect(fromDatabaseError(pg('P0001', 'CONFLICT: line one\nline two'))?.message).toBe('line one\nline two');
  });

  it('leaves other raised messages and codes to INTERNAL', () => {
    expect(fromDatabaseError(pg('P0001', 'something broke'))).toBeUndefined();
    expect(fromDatabaseError(pg('P0001', 'INTERNAL: not a public code'))).toBeUndefined();
    expect(fromDatabaseError(pg('P0001', 'conflict: lower case'))).toBeUndefined();
    expect(fromDatabaseError(pg('40001', 'serialization failure'))).toBeUndefined();
    expect(fromDatabaseError(pg('57P01', 'terminating connection'))).toBeUndefined();
  });

  it('finds the database error under wrappers (Drizzle wraps driver errors in `cause`)', () => {
    const wrapped = new Error('Failed query: insert …', { cause: pg('23505', 'dup', { constraint_name: 'x' }) });
    expect(fromDatabaseError(new Error('outer', { cause: wrapped }))?.code).toBe('CONFLICT');
  });

  it('ignores things that are not database errors', () => {
    for (const e of [new Error('plain'), Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), null, undefined, 'text', { code: 42501 }]) {
      expect(fromDatabaseError(e)).toBeUndefined();
    }
  });
});

describe('toAppError / errorResponse', () => {
  it('turns zod errors into INVALID_INPUT with fields', () => {
    const r = z.object({ email: z.email(), age: z.number() }).safeParse({ email: 'x', age: 'y' });
    const e = toAppError(r.error);
    expect(e.code).toBe('INVALID_INPUT');
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['age', 'email']);
  });

  it('answers unknown errors INTERNAL without their detail', async () => {
    const res = errorResponse(new Error('relation "secret_table" does not exist at /srv/app.ts:12'), 'req-12345678');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/secret_table|app\.ts|at /);
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: expect.any(String), requestId: 'req-12345678' } });
    expect(res.headers.get('x-request-id')).toBe('req-12345678');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('maps a database error to its status', async () => {
    const res = errorResponse(pg('42501', 'new row violates row-level security policy'));
    expect(res.status).toBe(403);
    expect(await res.text()).not.toMatch(/row-level/);
  });

  it('sends Retry-After for rate limits, in whole minutes in the message', async () => {
    const res = errorResponse(rateLimited(61, 'Too many sign-in attempts'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('61');
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toBe('Too many sign-in attempts. Try again in 2 minutes.');
    expect(rateLimited(30).message).toBe('Too many attempts. Try again in 1 minute.');
    expect(rateLimited(900).message).toMatch(/15 minutes/);
  });
});

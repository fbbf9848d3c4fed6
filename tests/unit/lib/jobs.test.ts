import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backoffMs, defineTask, isRetryable } from '../../../src/lib/jobs/define';
import { AppError } from '../../../src/lib/errors';

describe('backoffMs', () => {
  const mid = () => 0.5; // no jitter

  it('doubles from one second', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, mid))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('treats attempt 0 (and below) like the first', () => {
    expect(backoffMs(0, mid)).toBe(1000);
    expect(backoffMs(-3, mid)).toBe(1000);
  });

  it('is capped at 60 s', () => {
    expect(backoffMs(7, mid)).toBe(60_000);
    expect(backoffMs(50, mid)).toBe(60_000);
  });

  it('jitters by at most ±20 %', () => {
    expect(backoffMs(3, () => 0)).toBe(3200);
    expect(backoffMs(3, () => 0.999999)).toBe(4800);
    for (let i = 0; i < 200; i++) {
      const ms = backoffMs(2);
      expect(ms).toBeGreaterThanOrEqual(1600);
      expect(ms).toBeLessThanOrEqual(2400);
    }
  });
});

describe('isRetryable', () => {
  it.each(['INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED', 'PAYMENT_REQUIRED'] as const)('%s fails at once', (code) => {
    expect(isRetryable(new AppError(code, 'x'))).toBe(false);
  });

  it.each(['UPSTREAM', 'RATE_LIMITED', 'CONFLICT', 'INTERNAL'] as const)('%s is retried', (code) => {
    expect(isRetryable(new AppError(code, 'x'))).toBe(true);
  });

  it('does not retry a payload that fails its schema', () => {
    const r = z.object({ id: z.uuid() }).safeParse({ id: 'nope' });
    expect(r.success).toBe(false);
    expect(isRetryable(r.error)).toBe(false);
  });

  it('retries plain errors, network errors and non-errors', () => {
    expect(isRetryable(new Error('socket hang up'))).toBe(true);
    expect(isRetryable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isRetryable('a string')).toBe(true);
    expect(isRetryable(undefined)).toBe(true);
  });
});

describe('defineTask', () => {
  const base = { schema: z.object({}), run: async () => null };

  it('accepts <feature>.<verb-noun> ids', () => {
    expect(defineTask({ ...base, id: 'notifications.send-email' }).id).toBe('notifications.send-email');
  });

  it.each(['sendEmail', 'notifications.Send', 'a.b.c', 'notifications/send', '.send', 'notifications.'])('refuses %j', (id) => {
    expect(() => defineTask({ ...base, id })).toThrow(/<feature>\.<verb-noun>/);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeCursor, defaultDir, encodeCursor, ZLeadFilter, ZListLeadsQuery } from '../../../src/features/leads/filters';

describe('lead filter model', () => {
  it('reads query strings: comma lists, repeated params, flags, dates, custom fields', () => {
    const f = ZListLeadsQuery.parse({
      q: '  acme ', status: 'new,contacted', tagId: ['6f1c1c52-8f8a-4e0a-9a57-2b0f3b1e7a11'], hasEmail: 'true', hasPhone: '0',
      createdFrom: '2026-01-01', createdTo: '2026-02-01T00:00:00Z', custom: ['plan:gold', 'seats: 12'], sort: 'name', limit: '25',
    });
    expect(f).toMatchObject({
      q: 'acme', status: ['new', 'contacted'], tagId: ['6f1c1c52-8f8a-4e0a-9a57-2b0f3b1e7a11'], hasEmail: true, hasPhone: false,
      createdFrom: '2026-01-01', custom: [{ key: 'plan', value: 'gold' }, { key: 'seats', value: '12' }], sort: 'name', limit: 25,
    });
    expect(ZListLeadsQuery.parse({})).toMatchObject({ sort: 'created', limit: 50 });
  });
  it('reads JSON bodies the same way', () => {
    expect(ZLeadFilter.parse({ status: ['new'], intentTier: ['hot', 'warm'], hasPhone: true })).toMatchObject({ status: ['new'], intentTier: ['hot', 'warm'], hasPhone: true });
  });
  it.each([
    [{ status: 'sleeping' }, 'status'],
    [{ tagId: 'nope' }, 'tagId'],
    [{ hasEmail: 'perhaps' }, 'hasEmail'],
    [{ createdFrom: 'yesterday' }, 'createdFrom'],
    [{ custom: 'no-colon' }, 'custom'],
    [{ custom: 'Bad Key:1' }, 'custom'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '501' }, 'limit'],
    [{ sort: 'email' }, 'sort'],
    [{ q: 'x'.repeat(201) }, 'q'],
  ])('refuses %j', (input, field) => {
    const r = ZListLeadsQuery.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path[0]).toBe(field);
  });
  it('defaults directions per sort', () => {
    expect(defaultDir('created')).toBe('desc');
    expect(defaultDir('name')).toBe('asc');
    expect(defaultDir('fit_score')).toBe('desc');
  });
});

describe('cursors', () => {
  it('round-trip', () => {
    const c = { v: 'jane doe', id: '6f1c1c52-8f8a-4e0a-9a57-2b0f3b1e7a11' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor(encodeCursor({ v: null, id: c.id }))).toEqual({ v: null, id: c.id });
  });
  it.each(['', 'garbage', Buffer.from('["x","not-a-uuid"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')])('refuses %j', (s) => {
    expect(() => decodeCursor(s)).toThrow(/cursor is not valid/);
  });
});

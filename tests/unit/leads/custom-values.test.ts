import { describe, expect, it } from 'vitest';
import { coerceCustomValue } from '../../../src/features/leads/custom-values';

describe('coerceCustomValue', () => {
  it.each([
    ['text', ' hello ', 'hello'],
    ['number', '1,234.5', 1234.5],
    ['number', -3, -3],
    ['date', '2024-02-29', '2024-02-29'],
    ['date', '29.02.2024', '2024-02-29'],
    ['date', '2024-03-05T10:00:00Z', '2024-03-05'],
    ['url', 'acme.com/pricing', 'https://acme.com/pricing'],
    ['url', 'http://x.io', 'http://x.io/'],
  ] as const)('%s %j → %j', (type, raw, out) => expect(coerceCustomValue(type, raw)).toEqual({ value: out }));
  it.each([
    ['number', 'abc'],
    ['date', '2023-02-29'],
    ['date', 'tomorrow'],
    ['url', 'not a url'],
    ['text', 'x'.repeat(2001)],
  ] as const)('%s refuses %j', (type, raw) => expect('error' in coerceCustomValue(type, raw, 'Plan')).toBe(true));
  it('treats empty as null and refuses objects', () => {
    expect(coerceCustomValue('text', '  ')).toEqual({ value: null });
    expect(coerceCustomValue('number', null)).toEqual({ value: null });
    expect(coerceCustomValue('text', { a: 1 })).toEqual({ error: 'The value must be text.' });
  });
});

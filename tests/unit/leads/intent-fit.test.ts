import { describe, expect, it } from 'vitest';
import { intentTier, intentTierFor } from '../../../src/features/leads/intent';
import { fitTier, isSignificantChange, scoreTrend } from '../../../src/features/leads/fit';

describe('intent rule (seed 001)', () => {
  // [high, medium, low, expected]
  const table: [number, number, number, 'hot' | 'warm' | 'cold'][] = [
    [0, 0, 0, 'cold'], [0, 0, 9, 'cold'], [0, 3, 5, 'cold'], [0, 4, 0, 'warm'], [0, 9, 0, 'warm'],
    [1, 0, 0, 'warm'], [1, 3, 0, 'warm'], [1, 9, 9, 'warm'], [2, 0, 0, 'warm'], [2, 2, 7, 'warm'],
    [2, 3, 0, 'hot'], [2, 8, 1, 'hot'], [3, 0, 0, 'hot'], [5, 0, 0, 'hot'],
  ];
  it.each(table)('%i high, %i medium, %i low → %s', (h, m, l, tier) => {
    expect(intentTierFor(h, m)).toBe(tier);
    const signals = [
      ...Array.from({ length: h }, () => ({ strength: 'high' as const })),
      ...Array.from({ length: m }, () => ({ strength: 'medium' as const })),
      ...Array.from({ length: l }, () => ({ strength: 'low' as const })),
    ];
    expect(intentTier(signals)).toBe(tier);
  });
});

describe('fit tiers (seed 000)', () => {
  it.each([[10, 'hot'], [8, 'hot'], [7, 'review'], [5, 'review'], [4, 'rejected'], [1, 'rejected']] as const)('%i → %s', (s, t) => {
    expect(fitTier(s)).toBe(t);
  });
  it.each([0, 11, 7.5, NaN])('refuses %d', (s) => expect(() => fitTier(s)).toThrow(RangeError));
});

describe('score trend', () => {
  const at = (d: number) => new Date(Date.UTC(2026, 0, d));
  it('is null without snapshots and stable with one', () => {
    expect(scoreTrend([])).toBeNull();
    expect(scoreTrend([{ score: 7, createdAt: at(1) }])).toBe('stable');
  });
  it('compares the latest with the one before, whatever the input order', () => {
    expect(scoreTrend([{ score: 9, createdAt: at(3) }, { score: 7, createdAt: at(2) }, { score: 10, createdAt: at(1) }])).toBe('up');
    expect(scoreTrend([{ score: 7, createdAt: at(1) }, { score: 5, createdAt: at(2) }])).toBe('down');
    expect(scoreTrend([{ score: 6, createdAt: at(2).toISOString() }, { score: 6, createdAt: at(1).toISOString() }])).toBe('stable');
  });
  it('flags changes of two or more', () => {
    expect(isSignificantChange(7, 9)).toBe(true);
    expect(isSignificantChange(8, 6)).toBe(true);
    expect(isSignificantChange(8, 7)).toBe(false);
  });
});

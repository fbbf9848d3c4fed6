/**
 * The intent rule of seed 001 (L7). The database applies the same rule (app.intent_tier_for, kept by a
 * trigger on intent_signals); a test checks the two agree. Pure: no I/O.
 */
import type { TIntentStrength } from '@/db/schema';

export const INTENT_TIERS = ['hot', 'warm', 'cold'] as const;
export type TIntentTier = (typeof INTENT_TIERS)[number];

/** hot: ≥3 high, or ≥2 high and ≥3 medium; warm: ≥1 high or ≥4 medium; else cold. */
export function intentTierFor(high: number, medium: number): TIntentTier {
  if (high >= 3 || (high >= 2 && medium >= 3)) return 'hot';
  if (high >= 1 || medium >= 4) return 'warm';
  return 'cold';
}

export function intentTier(signals: { strength: TIntentStrength }[]): TIntentTier {
  let high = 0;
  let medium = 0;
  for (const s of signals) {
    if (s.strength === 'high') high++;
    else if (s.strength === 'medium') medium++;
  }
  return intentTierFor(high, medium);
}

/** Fit score tiers and the score trend (L8, seed 000). Pure: no I/O. */
export const FIT_TIERS = ['hot', 'review', 'rejected'] as const;
export type TFitTier = (typeof FIT_TIERS)[number];
export type TTrend = 'up' | 'down' | 'stable';

/** hot 8–10, review 5–7, rejected 1–4 (the database's generated companies.fit_tier is the same). */
export function fitTier(score: number): TFitTier {
  if (!Number.isInteger(score) || score < 1 || score > 10) throw new RangeError(`A fit score is an integer from 1 to 10, not ${score}.`);
  return score >= 8 ? 'hot' : score >= 5 ? 'review' : 'rejected';
}

/**
 * The trend arrow: the latest snapshot's score against the one before it. No snapshots → null (no
 * arrow); a single snapshot → stable.
 */
export function scoreTrend(snapshots: { score: number; createdAt: Date | string }[]): TTrend | null {
  if (!snapshots.length) return null;
  const sorted = [...snapshots].sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime());
  if (sorted.length < 2) return 'stable';
  const diff = sorted[0]!.score - sorted[1]!.score;
  return diff > 0 ? 'up' : diff < 0 ? 'down' : 'stable';
}

/** Seed 000: a re-qualification "changed" the lead when the score moved by two or more. */
export const isSignificantChange = (oldScore: number, newScore: number) => Math.abs(newScore - oldScore) >= 2;

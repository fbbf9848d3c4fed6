/** Snapshots (oldest first) → chart points, labelled by day, or by day and time when a day has several. */
import { formatDateTime } from '@/components/ui/time';
import type { TScorePoint } from './score-chart';

export function scorePoints(snapshots: { id: string; score: number; tier: string; reasoning: string | null; createdAt: string }[], timeZone: string): TScorePoint[] {
  const whens = snapshots.map((s) => formatDateTime(s.createdAt, timeZone));
  const days = whens.map((w) => w.split(',')[0] ?? w);
  const repeated = new Set(days).size < days.length;
  return snapshots.map((s, i) => ({
    id: s.id,
    score: s.score,
    tier: s.tier,
    reasoning: s.reasoning,
    when: whens[i]!,
    day: repeated ? whens[i]!.replace(/:\d{2}$/, '') : days[i]!,
  }));
}

'use client';
/** The fit score history (L8): one point per qualification snapshot, its reasoning on hover. */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';

export type TScorePoint = { id: string; score: number; tier: string; reasoning: string | null; when: string; day: string };

function Tip({ active, payload }: TooltipContentProps) {
  const p = active ? (payload?.[0]?.payload as TScorePoint | undefined) : undefined;
  if (!p) return null;
  return (
    <div className="max-w-xs rounded-md border bg-background p-3 text-xs shadow-md">
      <p className="font-semibold">{p.score}/10 · {p.tier === 'hot' ? 'Hot fit' : p.tier === 'review' ? 'Review' : 'Rejected'}</p>
      <p className="text-muted-foreground">{p.when}</p>
      <p className="mt-1 whitespace-pre-line">{p.reasoning || 'No reasoning recorded.'}</p>
    </div>
  );
}

export function ScoreChart({ points }: { points: TScorePoint[] }) {
  return (
    <div className="h-56 w-full" data-testid="score-chart" role="img" aria-label={`Fit score history: ${points.map((p) => `${p.score} on ${p.day}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} />
          <YAxis domain={[0, 10]} ticks={[0, 4, 7, 10]} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} />
          <Tooltip content={Tip} />
          <Line type="monotone" dataKey="score" stroke="#4f46e5" strokeWidth={2} dot={{ r: 3 }} activeDot={{ r: 5 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

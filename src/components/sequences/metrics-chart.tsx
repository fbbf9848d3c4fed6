'use client';
/** Daily sends and human reactions of a campaign (S11), in the campaign's time zone. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type TSeriesPoint = { date: string; sent: number; opened: number; clicked: number; replied: number; bounced: number; unsubscribed: number };

const LINES: { key: keyof Omit<TSeriesPoint, 'date'>; name: string; color: string }[] = [
  { key: 'sent', name: 'Sent', color: '#4f46e5' },
  { key: 'opened', name: 'Opened', color: '#0ea5e9' },
  { key: 'clicked', name: 'Clicked', color: '#16a34a' },
  { key: 'replied', name: 'Replied', color: '#f59e0b' },
  { key: 'bounced', name: 'Bounced', color: '#dc2626' },
  { key: 'unsubscribed', name: 'Unsubscribed', color: '#6b7280' },
];

export function MetricsChart({ series, timezone }: { series: TSeriesPoint[]; timezone: string }) {
  const sum = (k: keyof Omit<TSeriesPoint, 'date'>) => series.reduce((n, p) => n + p[k], 0);
  const label = `Daily activity from ${series[0]?.date ?? '—'} to ${series[series.length - 1]?.date ?? '—'} (${timezone}): ${LINES.map((l) => `${sum(l.key)} ${l.name.toLowerCase()}`).join(', ')}`;
  return (
    <div className="h-64 w-full" role="img" aria-label={label} data-testid="metrics-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={series} margin={{ top: 8, right: 12, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="date" tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} tickFormatter={(d: string) => d.slice(5)} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} />
          <Tooltip contentStyle={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {LINES.map((l) => <Line key={l.key} type="monotone" dataKey={l.key} name={l.name} stroke={l.color} strokeWidth={2} dot={series.length < 20} isAnimationActive={false} />)}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

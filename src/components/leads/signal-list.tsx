/** Intent signals of a company, newest first (server or client). */
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui';

export type TSignalItem = { id: string; type: string; strength: string; source: string | null; when: string; action?: ReactNode };

const STRENGTH = { high: 'danger', medium: 'warning', low: 'muted' } as const;

export function SignalList({ signals, emptyHint }: { signals: TSignalItem[]; emptyHint: ReactNode }) {
  if (!signals.length) return <p className="text-sm text-muted-foreground">{emptyHint}</p>;
  return (
    <ul className="flex flex-col divide-y" data-testid="signal-list">
      {signals.map((s) => (
        <li key={s.id} className="flex items-start justify-between gap-3 py-2 first:pt-0 last:pb-0">
          <div className="min-w-0">
            <p className="text-sm font-medium">{s.type}</p>
            <p className="text-xs text-muted-foreground">{[s.when, s.source].filter(Boolean).join(' · ')}</p>
          </div>
          <div className="flex shrink-0 items-center gap-2">
            <Badge variant={STRENGTH[s.strength as keyof typeof STRENGTH] ?? 'muted'}>{s.strength}</Badge>
            {s.action}
          </div>
        </li>
      ))}
    </ul>
  );
}

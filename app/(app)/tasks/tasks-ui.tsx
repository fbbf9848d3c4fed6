'use client';
import { useState, useTransition } from 'react';
import { Check, RotateCcw, SkipForward } from 'lucide-react';
import { Button } from '@/components/ui';
import { setTaskStatusAction } from './actions';

export function TaskButtons({ id, status, title }: { id: string; status: string; title: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const set = (to: 'done' | 'skipped' | 'open') =>
    start(async () => {
      const r = await setTaskStatusAction(null, { id, status: to });
      setError(r.ok ? null : r.error.message);
    });
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-1">
        {status === 'open' ? (
          <>
            <Button size="sm" disabled={pending} onClick={() => set('done')} aria-label={`Mark “${title}” done`}><Check className="h-3.5 w-3.5" aria-hidden /> Done</Button>
            <Button size="sm" variant="ghost" disabled={pending} onClick={() => set('skipped')} aria-label={`Skip “${title}”`}><SkipForward className="h-3.5 w-3.5" aria-hidden /> Skip</Button>
          </>
        ) : (
          <Button size="sm" variant="ghost" disabled={pending} onClick={() => set('open')} aria-label={`Reopen “${title}”`}><RotateCcw className="h-3.5 w-3.5" aria-hidden /> Reopen</Button>
        )}
      </div>
      {error ? <p className="text-xs text-destructive">{error}</p> : null}
    </div>
  );
}

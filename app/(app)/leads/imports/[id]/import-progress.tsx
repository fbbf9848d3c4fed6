'use client';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';
import { RotateCcw } from 'lucide-react';
import { Alert, PendingButton, Progress } from '@/components/ui';
import { FormMessage, type TFormState } from '@/components/ui/form';
import { importProgressAction, retryImportAction } from '../actions';

type TProgress = { status: string; progress: number; processedRows: number; totalRows: number };

/** Step 3: asks for the import's progress every second and shows the report when it ends. */
export function ImportProgress({ id, initial }: { id: string; initial: TProgress }) {
  const router = useRouter();
  const [p, setP] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      const r = await importProgressAction(null, { id });
      if (stopped) return;
      if (!r.ok) {
        setError(`${r.error.message} Retrying…`);
      } else {
        const d = r.data as TProgress;
        setError(null);
        setP(d);
        if (d.status === 'completed' || d.status === 'failed') {
          stopped = true;
          router.refresh();
          return;
        }
      }
      if (!stopped) timer = setTimeout(tick, 1000);
    };
    let timer = setTimeout(tick, 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, router]);
  const label = p.status === 'queued' ? 'Waiting for the import job to start…' : p.status === 'running' ? 'Importing…' : 'Finishing…';
  return (
    <div className="flex flex-col gap-3" data-testid="import-progress">
      <div className="flex items-center justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span className="tabular-nums text-muted-foreground">
          {p.processedRows.toLocaleString('en')} of {p.totalRows.toLocaleString('en')} rows · {p.progress}%
        </span>
      </div>
      <Progress value={p.progress} label="Import progress" />
      <p className="text-xs text-muted-foreground">You can leave this page: the import keeps running, and its report waits in the import history.</p>
      {error ? <Alert variant="warning">{error}</Alert> : null}
    </div>
  );
}

export function RetryImportButton({ id }: { id: string }) {
  const [state, action, pending] = useActionState<TFormState, FormData>(retryImportAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <div>
        <PendingButton pending={pending} pendingText="Queuing…">
          <RotateCcw className="h-4 w-4" aria-hidden /> Retry the import
        </PendingButton>
      </div>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

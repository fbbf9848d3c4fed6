/** The import wizard's steps, with the current one marked. */
import { Check } from 'lucide-react';
import { cn } from '@/components/ui';

const STEPS = ['Upload', 'Map columns and preview', 'Import', 'Report'];

export function ImportSteps({ current }: { current: 1 | 2 | 3 | 4 }) {
  return (
    <ol className="mb-6 flex flex-wrap items-center gap-2 text-sm" aria-label="Import steps">
      {STEPS.map((s, i) => {
        const n = i + 1;
        const done = n < current;
        return (
          <li key={s} className="flex items-center gap-2" aria-current={n === current ? 'step' : undefined}>
            <span
              className={cn(
                'flex h-6 w-6 items-center justify-center rounded-full border text-xs font-medium',
                done && 'border-primary bg-primary text-primary-foreground',
                n === current && 'border-primary text-primary',
                n > current && 'text-muted-foreground',
              )}
            >
              {done ? <Check className="h-3.5 w-3.5" aria-hidden /> : n}
            </span>
            <span className={cn(n === current ? 'font-medium' : 'text-muted-foreground')}>{s}</span>
            {n < STEPS.length ? <span className="mx-1 h-px w-6 bg-border" aria-hidden /> : null}
          </li>
        );
      })}
    </ol>
  );
}

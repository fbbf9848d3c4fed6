'use client';
import { useEffect, useState } from 'react';
import { Check, Copy } from 'lucide-react';
import { Button, type TButtonProps } from './button';
import { cn } from './cn';

/** Copies `value` to the clipboard and says so for a moment. */
export function CopyButton({ value, label = 'Copy', ...props }: Omit<TButtonProps, 'onClick'> & { value: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <Button
      variant="outline"
      size="sm"
      {...props}
      onClick={() => {
        navigator.clipboard.writeText(value).then(() => setState('copied'), () => setState('failed'));
      }}
    >
      {state === 'copied' ? <Check className="h-3.5 w-3.5" aria-hidden /> : <Copy className="h-3.5 w-3.5" aria-hidden />}
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy it' : label}
    </Button>
  );
}

/** A value shown once to be copied (a new API key, an invitation link): in full, with a copy button. */
export function CopyableCode({ value, label, testId, className }: { value: string; label: string; testId: string; className?: string }) {
  return (
    <div className={cn('flex flex-wrap items-center gap-2', className)}>
      <code className="break-all rounded bg-background px-2 py-1 text-xs" data-testid={testId}>{value}</code>
      <CopyButton value={value} label={label} />
    </div>
  );
}

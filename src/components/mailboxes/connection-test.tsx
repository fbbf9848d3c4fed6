/** What the mail servers answered to "Test connection" (server or client). */
import { CheckCircle2, XCircle } from 'lucide-react';
import type { TConnectionTest } from '@/features/mailboxes';
import { cn } from '@/components/ui';

type TServerLines = { name: string; ok: boolean; lines: string[]; error?: string };

function smtpLines(t: TConnectionTest): TServerLines {
  const s = t.smtp;
  const err = s.error ? `${s.error.responseCode ? `${s.error.responseCode} ` : ''}${s.error.message}${s.error.code ? ` (${s.error.code})` : ''}` : undefined;
  return { name: 'SMTP (sending)', ok: s.ok, lines: s.transcript, error: s.ok ? undefined : `Stopped at ${s.stage}: ${err ?? 'no answer'}` };
}

function imapLines(t: TConnectionTest): TServerLines | null {
  const i = t.imap;
  if (!i) return null;
  const lines = [
    ...(i.greeting ? [i.greeting] : []),
    ...(i.capabilities?.length ? [`Capabilities: ${i.capabilities.slice(0, 12).join(' ')}${i.capabilities.length > 12 ? ' …' : ''}`] : []),
    ...(i.folders !== undefined ? [`${i.folders} folder${i.folders === 1 ? '' : 's'}`] : []),
  ];
  const err = i.error ? `${i.error.response ?? i.error.message}${i.error.code ? ` (${i.error.code})` : ''}` : undefined;
  return { name: 'IMAP (replies and bounces)', ok: i.ok, lines, error: i.ok ? undefined : `Stopped at ${i.stage}: ${err ?? 'no answer'}` };
}

export function ConnectionTestResult({ test, className }: { test: TConnectionTest; className?: string }) {
  const servers = [smtpLines(test), imapLines(test)].filter((s): s is TServerLines => s !== null);
  return (
    <div className={cn('flex flex-col gap-3 rounded-md border p-3 text-sm', test.ok ? 'border-green-200 bg-green-50/50' : 'border-red-200 bg-red-50/50', className)} data-testid="connection-test">
      <p className="font-medium">{test.summary}</p>
      {servers.map((s) => (
        <div key={s.name}>
          <p className="flex items-center gap-1.5 font-medium">
            {s.ok ? <CheckCircle2 className="h-4 w-4 text-green-700" aria-hidden /> : <XCircle className="h-4 w-4 text-red-700" aria-hidden />}
            {s.name}: {s.ok ? 'logged in' : 'failed'}
          </p>
          {s.lines.length ? (
            <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap rounded bg-background p-2 font-mono text-xs text-muted-foreground">{s.lines.join('\n')}</pre>
          ) : null}
          {s.error ? <p className="mt-1 text-xs text-red-800">{s.error}</p> : null}
        </div>
      ))}
    </div>
  );
}

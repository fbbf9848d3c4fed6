'use client';
/** Small interactive pieces of the campaign page: lifecycle buttons, delete, per-enrollment buttons. */
import { useState, useTransition } from 'react';
import { Pause, Play, RotateCw, Trash2 } from 'lucide-react';
import { Alert, Button } from '@/components/ui';
import { TRANSITION_CONFIRM, transitionLabel } from '@/components/sequences/labels';
import { deleteCampaignAction, enrollmentAction, transitionCampaignAction } from '../actions';

type TStatus = 'draft' | 'active' | 'paused' | 'completed' | 'archived';

/** draft → active → paused → completed → archived: the moves allowed from here (CAMPAIGN_TRANSITIONS). */
export function LifecycleButtons({ id, status, next, canDelete, name }: { id: string; status: TStatus; next: TStatus[]; canDelete: boolean; name: string }) {
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const go = (to: TStatus) => {
    const c = TRANSITION_CONFIRM[to];
    if (c && !window.confirm(c)) return;
    start(async () => {
      const r = await transitionCampaignAction(null, { id, to });
      setMsg(r.ok ? { ok: true, text: r.message ?? 'Done.' } : { ok: false, text: r.error.message });
    });
  };
  const remove = () => {
    if (!window.confirm(`Delete the draft “${name}”? Its steps and enrollments are removed. This cannot be undone.`)) return;
    start(async () => {
      const r = await deleteCampaignAction(null, { id });
      if (r && !r.ok) setMsg({ ok: false, text: r.error.message });
    });
  };
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        {next.map((to) => (
          <Button key={to} variant={to === 'active' ? 'default' : 'outline'} disabled={pending} onClick={() => go(to)} data-testid={`transition-${to}`}>
            {to === 'active' ? <Play className="h-4 w-4" aria-hidden /> : to === 'paused' ? <Pause className="h-4 w-4" aria-hidden /> : null}
            {transitionLabel(status, to)}
          </Button>
        ))}
        {canDelete ? (
          <Button variant="outline" disabled={pending} onClick={remove}>
            <Trash2 className="h-4 w-4" aria-hidden /> Delete
          </Button>
        ) : null}
      </div>
      {msg ? <Alert variant={msg.ok ? 'success' : 'error'} className="max-w-xl" data-testid="lifecycle-result">{msg.text}</Alert> : null}
    </div>
  );
}

/** Pause / resume one lead's enrollment, or compose its held-back email again. */
export function EnrollmentButtons({ id, status, blocked }: { id: string; status: string; blocked: boolean }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (intent: 'pause' | 'resume' | 'retry') =>
    start(async () => {
      const r = await enrollmentAction(null, { id, intent });
      setError(r.ok ? null : r.error.message);
    });
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-1">
        {status === 'active' ? (
          <Button variant="ghost" size="sm" disabled={pending} onClick={() => run('pause')} aria-label="Pause this lead"><Pause className="h-3.5 w-3.5" aria-hidden /> Pause</Button>
        ) : null}
        {status === 'paused' ? (
          <Button variant="ghost" size="sm" disabled={pending} onClick={() => run('resume')} aria-label="Resume this lead"><Play className="h-3.5 w-3.5" aria-hidden /> Resume</Button>
        ) : null}
        {blocked ? (
          <Button variant="ghost" size="sm" disabled={pending} onClick={() => run('retry')} title="After filling in the missing value on the lead"><RotateCw className="h-3.5 w-3.5" aria-hidden /> Try again</Button>
        ) : null}
      </div>
      {error ? <p className="max-w-56 text-right text-xs text-destructive">{error}</p> : null}
    </div>
  );
}

/** The next send time in the viewer's own zone (the browser's), next to the lead's. */
export function YourTime({ iso, fallback }: { iso: string | null; fallback: string | null }) {
  const [text] = useState(() => {
    if (!iso) return null;
    if (typeof window === 'undefined') return fallback;
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return `${f.format(new Date(iso))} (${tz})`;
  });
  if (!iso) return null;
  return <span suppressHydrationWarning>{text}</span>;
}

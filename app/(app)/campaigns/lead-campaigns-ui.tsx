'use client';
import { useState, useTransition } from 'react';
import { CalendarCheck } from 'lucide-react';
import { Alert, Button } from '@/components/ui';
import { meetingBookedAction } from './actions';

/** Marks a meeting booked with the lead: its campaigns stop where their settings say so. */
export function MeetingBookedButton({ leadId, bookedAt, running }: { leadId: string; bookedAt: string | null; running: number }) {
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex flex-col gap-2">
      {bookedAt ? <p className="text-xs text-muted-foreground">Meeting booked {bookedAt}.</p> : null}
      <div>
        <Button
          variant="outline"
          size="sm"
          disabled={pending}
          onClick={() => {
            if (running && !window.confirm(`Mark a meeting booked? Campaigns set to stop on a booked meeting stop for this lead (${running} running).`)) return;
            start(async () => {
              const r = await meetingBookedAction(null, { leadId });
              setMsg(r.ok ? { ok: true, text: r.message ?? 'Saved.' } : { ok: false, text: r.error.message });
            });
          }}
        >
          <CalendarCheck className="h-3.5 w-3.5" aria-hidden /> {pending ? 'Saving…' : bookedAt ? 'Meeting booked again' : 'Meeting booked'}
        </Button>
      </div>
      {msg ? <Alert variant={msg.ok ? 'success' : 'error'}>{msg.text}</Alert> : null}
    </div>
  );
}

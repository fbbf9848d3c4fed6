'use client';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { Check, Pencil, RotateCw, Send, X } from 'lucide-react';
import { Alert, Badge, Button, Card, CardContent, Checkbox, Input, Select, Textarea } from '@/components/ui';
import type { TReviewItem } from '@/features/sequences';
import { approveAction, editMessageAction, rejectAction, resolveUncertainAction, retryHeldAction } from './actions';

type TKind = 'approval' | 'blocked' | 'uncertain';
const FIELD_NAMES: Record<string, string> = { subject: 'Subject', html: 'Body', text: 'Plain text' };
type TMsg = { ok: boolean; text: string } | null;

const frameDoc = (html: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>body{font:14px/1.5 system-ui,sans-serif;color:#111;margin:12px}a{color:#4f46e5}</style></head><body>${html}</body></html>`;

export function ReviewList({ kind, items, campaignId, total, when }: { kind: TKind; items: TReviewItem[]; campaignId: string | null; total: number; when: Record<string, string> }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [msg, setMsg] = useState<TMsg>(null);
  const [pending, start] = useTransition();
  const ids = items.map((i) => i.id);
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  const approve = (input: { messageIds?: string[]; campaignId?: string }) =>
    start(async () => {
      const r = await approveAction(null, input);
      setMsg(r.ok ? { ok: true, text: r.message ?? 'Approved.' } : { ok: false, text: r.error.message });
      if (r.ok) setSelected(new Set());
    });
  return (
    <div className="flex flex-col gap-4">
      {msg ? <Alert variant={msg.ok ? 'success' : 'error'} data-testid="review-result">{msg.text}</Alert> : null}
      {kind === 'approval' ? (
        <div className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/30 p-3 text-sm">
          <label className="flex items-center gap-2">
            <Checkbox checked={all} onChange={() => setSelected(all ? new Set() : new Set(ids))} aria-label="Select every email shown" />
            Select all shown
          </label>
          <Button size="sm" disabled={pending || selected.size === 0} onClick={() => approve({ messageIds: [...selected] })}>
            <Check className="h-3.5 w-3.5" aria-hidden /> Approve {selected.size ? `${selected.size} selected` : 'selected'}
          </Button>
          {campaignId ? (
            <Button
              size="sm"
              variant="outline"
              disabled={pending}
              onClick={() => {
                if (window.confirm(`Approve all ${total} emails of this campaign that wait for approval?`)) approve({ campaignId });
              }}
            >
              Approve all {total} of this campaign
            </Button>
          ) : (
            <span className="text-xs text-muted-foreground">Filter by a campaign to approve everything it has waiting at once.</span>
          )}
        </div>
      ) : null}
      {items.map((item) => (
        <ReviewCard
          key={item.id}
          kind={kind}
          item={item}
          when={when[item.id] ?? ''}
          selected={selected.has(item.id)}
          onSelect={() =>
            setSelected((s) => {
              const n = new Set(s);
              if (n.has(item.id)) n.delete(item.id);
              else n.add(item.id);
              return n;
            })
          }
          onApprove={() => approve({ messageIds: [item.id] })}
          busy={pending}
        />
      ))}
    </div>
  );
}

function ReviewCard({ kind, item, when, selected, onSelect, onApprove, busy }: {
  kind: TKind; item: TReviewItem; when: string; selected: boolean; onSelect: () => void; onApprove: () => void; busy: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ subject: item.subject, html: item.html, text: '' });
  const [shown, setShown] = useState({ subject: item.subject, html: item.html, text: item.text });
  const [then, setThen] = useState<'skip' | 'stop'>('stop');
  const [msg, setMsg] = useState<TMsg>(null);
  const [pending, start] = useTransition();
  const run = (fn: () => Promise<{ ok: true; message?: string } | { ok: false; error: { message: string } }>) =>
    start(async () => {
      const r = await fn();
      setMsg(r.ok ? { ok: true, text: r.message ?? 'Done.' } : { ok: false, text: r.error.message });
    });
  const save = () =>
    start(async () => {
      const r = await editMessageAction(null, { id: item.id, subject: draft.subject, html: draft.html, text: draft.text || undefined });
      if (!r.ok) {
        const fields = Object.entries(r.error.fields ?? {}).map(([k, v]) => `${FIELD_NAMES[k] ?? k}: ${v.join(' ')}`);
        return setMsg({ ok: false, text: `${r.error.message}${fields.length ? ` ${fields.join(' ')}` : ''}` });
      }
      const d = r.data as { subject: string; html: string; text: string };
      setShown(d);
      setDraft({ subject: d.subject, html: d.html, text: '' });
      setEditing(false);
      setMsg({ ok: true, text: r.message ?? 'Saved.' });
    });
  const disabled = busy || pending;
  return (
    <Card data-testid="review-item">
      <CardContent className="flex flex-col gap-3 pt-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="flex items-start gap-3">
            {kind === 'approval' ? <Checkbox className="mt-1" checked={selected} onChange={onSelect} aria-label={`Select the email to ${item.toEmail}`} /> : null}
            <div>
              <p className="font-medium">
                <Link href={`/leads/${item.leadId}`} className="hover:text-primary hover:underline">{item.leadName || item.toEmail}</Link>{' '}
                <span className="text-sm font-normal text-muted-foreground">&lt;{item.toEmail}&gt;</span>
              </p>
              <p className="text-xs text-muted-foreground">
                <Link href={`/campaigns/${item.campaignId}`} className="hover:underline">{item.campaignName}</Link> · step {item.stepIndex + 1}
                {item.variant ? ` · variant ${item.variant}` : ''}
                {item.fromEmail ? ` · from ${item.fromEmail}` : ''} · {when}
                {item.editedAt ? ' · edited' : ''}
              </p>
            </div>
          </div>
          <div className="flex flex-wrap gap-2">
            {kind === 'approval' ? (
              <>
                <Button size="sm" disabled={disabled || editing} onClick={onApprove}><Check className="h-3.5 w-3.5" aria-hidden /> Approve</Button>
                <Button size="sm" variant="outline" disabled={disabled} onClick={() => setEditing(!editing)}><Pencil className="h-3.5 w-3.5" aria-hidden /> {editing ? 'Stop editing' : 'Edit'}</Button>
              </>
            ) : null}
            {kind === 'blocked' ? (
              <>
                <Link href={`/leads/${item.leadId}`} className="inline-flex h-8 items-center rounded-md border px-3 text-xs font-medium hover:bg-muted">Fix the lead</Link>
                <Button size="sm" variant="outline" disabled={disabled} onClick={() => run(() => retryHeldAction(null, { enrollmentId: item.enrollmentId }))}>
                  <RotateCw className="h-3.5 w-3.5" aria-hidden /> Try again
                </Button>
              </>
            ) : null}
            {kind === 'uncertain' ? (
              <>
                <Button size="sm" variant="outline" disabled={disabled} onClick={() => run(() => resolveUncertainAction(null, { id: item.id, action: 'mark_sent' }))}>
                  <Check className="h-3.5 w-3.5" aria-hidden /> It was sent
                </Button>
                <Button
                  size="sm"
                  variant="outline"
                  disabled={disabled}
                  onClick={() => {
                    if (window.confirm(`Send this email to ${item.toEmail} again? If the first attempt did arrive, they get it twice.`)) run(() => resolveUncertainAction(null, { id: item.id, action: 'resend' }));
                  }}
                >
                  <Send className="h-3.5 w-3.5" aria-hidden /> Send again
                </Button>
                <Button size="sm" variant="outline" disabled={disabled} onClick={() => run(() => resolveUncertainAction(null, { id: item.id, action: 'cancel' }))}>
                  <X className="h-3.5 w-3.5" aria-hidden /> Cancel it
                </Button>
              </>
            ) : null}
            {kind !== 'uncertain' ? (
              <div className="flex items-center gap-1">
                <Select aria-label="After rejecting" className="h-8 w-44 text-xs" value={then} onChange={(e) => setThen(e.target.value as 'skip' | 'stop')}>
                  <option value="stop">and stop this lead</option>
                  <option value="skip">and go on with the next step</option>
                </Select>
                <Button size="sm" variant="outline" disabled={disabled} onClick={() => run(() => rejectAction(null, { id: item.id, then }))}>
                  <X className="h-3.5 w-3.5" aria-hidden /> Reject
                </Button>
              </div>
            ) : null}
          </div>
        </div>
        {msg ? <Alert variant={msg.ok ? 'success' : 'error'}>{msg.text}</Alert> : null}
        {kind === 'blocked' && item.problems.length ? (
          <Alert variant="error">
            <p className="font-medium">Held back — nothing is sent until this is fixed:</p>
            <ul className="mt-1 list-disc pl-5">{item.problems.map((p) => <li key={p.message}>{p.message}</li>)}</ul>
          </Alert>
        ) : null}
        {kind === 'uncertain' ? (
          <Alert variant="warning">
            The send was interrupted after the mail server may already have accepted it{item.lastError ? ` (${item.lastError})` : ''}. LeadPilot never sends it again by itself.
            Check the mailbox&apos;s Sent folder: if it is there, choose “It was sent”.
          </Alert>
        ) : null}
        {editing ? (
          <div className="flex flex-col gap-3 rounded-md border p-3">
            <div className="flex flex-col gap-1.5">
              <label htmlFor={`subj-${item.id}`} className="text-sm font-medium">Subject</label>
              <Input id={`subj-${item.id}`} value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
            </div>
            <div className="flex flex-col gap-1.5">
              <label htmlFor={`html-${item.id}`} className="text-sm font-medium">Body (HTML)</label>
              <Textarea id={`html-${item.id}`} rows={8} className="font-mono text-xs" value={draft.html} onChange={(e) => setDraft({ ...draft, html: e.target.value })} />
            </div>
            <div className="flex flex-col gap-1.5">
              <label htmlFor={`text-${item.id}`} className="text-sm font-medium">Plain text (optional)</label>
              <Textarea id={`text-${item.id}`} rows={4} value={draft.text} placeholder="Empty: generated from the HTML" onChange={(e) => setDraft({ ...draft, text: e.target.value })} />
            </div>
            <p className="text-xs text-muted-foreground">This is the final text for this one lead: variables and {'{a|b}'} choices are already filled in.</p>
            <div>
              <Button size="sm" disabled={disabled} onClick={save}>{pending ? 'Saving…' : 'Save changes'}</Button>
            </div>
          </div>
        ) : kind !== 'blocked' ? (
          <>
            <p className="text-sm"><span className="text-muted-foreground">Subject: </span><span className="font-medium" data-testid="review-subject">{shown.subject}</span></p>
            <iframe title={`Email to ${item.toEmail}`} sandbox="" srcDoc={frameDoc(shown.html)} className="h-56 w-full rounded-md border bg-white" />
            <details>
              <summary className="cursor-pointer text-xs font-medium">Plain-text version</summary>
              <pre className="mt-2 max-h-60 overflow-auto whitespace-pre-wrap rounded-md bg-muted p-3 text-xs">{shown.text}</pre>
            </details>
          </>
        ) : null}
        {kind === 'blocked' ? <p className="text-xs text-muted-foreground"><Badge variant="muted">Step {item.stepIndex + 1}</Badge> After you fill in the value on the lead, it is composed again by itself within a minute; “Try again” does it now.</p> : null}
      </CardContent>
    </Card>
  );
}

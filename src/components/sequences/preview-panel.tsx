'use client';
/** Live preview (S3): one step, as edited, rendered for a real lead exactly as the engine would. */
import { useEffect, useRef, useState, useTransition } from 'react';
import { Eye, Search } from 'lucide-react';
import { Alert, Badge, Button, Input, Select } from '@/components/ui';
import type { TPreview, TStep } from '@/features/sequences';
import type { TBuilderServices, TPreviewLead } from './builder-types';
import { STEP_TYPE_LABELS } from './labels';

const frameDoc = (html: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>body{font:14px/1.5 system-ui,sans-serif;color:#111;margin:12px}a{color:#4f46e5}</style></head><body>${html}</body></html>`;

export function PreviewPanel({ steps, stepId, onStepChange, services, campaignId, mailboxes, mailboxId: defaultMailbox }: {
  steps: TStep[];
  stepId: string | null;
  onStepChange: (id: string) => void;
  services: TBuilderServices;
  campaignId?: string;
  /** Who the email is from ({{sender_name}} and the like); a campaign passes its first mailbox. */
  mailboxes: { id: string; email: string; name: string | null }[];
  mailboxId?: string;
}) {
  const [mailboxId, setMailboxId] = useState(defaultMailbox ?? mailboxes[0]?.id ?? '');
  const [q, setQ] = useState('');
  const [leads, setLeads] = useState<TPreviewLead[] | null>(null);
  const [leadId, setLeadId] = useState('');
  const [variant, setVariant] = useState('');
  const [result, setResult] = useState<TPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [searching, startSearch] = useTransition();
  const step = steps.find((s) => s.id === stepId) ?? steps[0];
  const variants = step?.type === 'email' ? step.variants.map((v) => v.key) : [];

  // Only the latest search may fill the list: the first load of recent leads can answer after a search the user typed.
  const latest = useRef(0);
  const search = (query: string) =>
    startSearch(async () => {
      const ticket = ++latest.current;
      const r = await services.searchLeads(null, { q: query });
      if (ticket !== latest.current) return;
      if (!r.ok) return setError(r.error.message);
      const found = r.data ?? [];
      setLeads(found);
      setLeadId((cur) => (found.some((l) => l.id === cur) ? cur : (found[0]?.id ?? '')));
    });

  useEffect(() => {
    search('');
    // Load recent leads once; later searches are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const run = () => {
    if (!step) return;
    if (!leadId) return setError('Choose a lead to preview with (search by name, email or company).');
    setError(null);
    start(async () => {
      const r = await services.preview(null, { leadId, steps, stepId: step.id, variant: variant && variants.includes(variant) ? variant : undefined, campaignId, mailboxId: mailboxId || undefined });
      if (!r.ok) {
        setResult(null);
        const fields = Object.values(r.error.fields ?? {}).flat();
        return setError(fields.length ? `${r.error.message} ${fields.join(' ')}` : r.error.message);
      }
      setResult(r.data ?? null);
    });
  };

  return (
    <div className="flex flex-col gap-3" data-testid="preview-panel">
      <div className="flex gap-2">
        <Input
          aria-label="Search leads to preview with"
          placeholder="Search leads by name, email, company"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            search(q);
          }}
          className="h-8"
        />
        <Button type="button" variant="outline" size="sm" disabled={searching} onClick={() => search(q)}>
          <Search className="h-3.5 w-3.5" aria-hidden /> Search
        </Button>
      </div>
      {leads && leads.length === 0 ? (
        <p className="text-xs text-muted-foreground">{q ? 'No lead matches that search.' : 'No leads yet. Add or import leads to preview with real data.'}</p>
      ) : null}
      <div className="flex flex-col gap-2">
        <Select aria-label="Lead" value={leadId} onChange={(e) => setLeadId(e.target.value)} className="h-8">
          {!leads?.length ? <option value="">No lead chosen</option> : null}
          {leads?.map((l) => <option key={l.id} value={l.id}>{l.name}{l.email && l.email !== l.name ? ` <${l.email}>` : ''}{l.company ? ` · ${l.company}` : ''}</option>)}
        </Select>
        <Select aria-label="Step to preview" value={step?.id ?? ''} onChange={(e) => onStepChange(e.target.value)} className="h-8">
          {steps.map((s, i) => <option key={s.id} value={s.id}>Step {i + 1}: {STEP_TYPE_LABELS[s.type]}{s.name ? ` (${s.name})` : ''}</option>)}
        </Select>
        {mailboxes.length ? (
          <Select aria-label="Sent from" value={mailboxId} onChange={(e) => setMailboxId(e.target.value)} className="h-8">
            {mailboxes.map((m) => <option key={m.id} value={m.id}>From {m.name ? `${m.name} <${m.email}>` : m.email}</option>)}
          </Select>
        ) : null}
        <Select aria-label="Variant" value={variant} onChange={(e) => setVariant(e.target.value)} className="h-8" disabled={variants.length < 2}>
          <option value="">{variants.length > 1 ? 'Variant as the lead would get it' : 'Only variant'}</option>
          {variants.length > 1 ? variants.map((k) => <option key={k} value={k}>Variant {k}</option>) : null}
        </Select>
      </div>
      <div>
        <Button type="button" size="sm" onClick={run} disabled={pending || !step}>
          <Eye className="h-3.5 w-3.5" aria-hidden /> {pending ? 'Rendering…' : 'Preview'}
        </Button>
      </div>
      {error ? <Alert variant="error">{error}</Alert> : null}
      {result ? <PreviewResult r={result} /> : <p className="text-xs text-muted-foreground">Renders the step as it is now (saved or not) with the lead&apos;s real values: variables, fallbacks and spintax filled in.</p>}
    </div>
  );
}

function PreviewResult({ r }: { r: TPreview }) {
  if (r.kind === 'none') return <Alert variant="info">{r.message}</Alert>;
  if (r.kind === 'text') {
    return (
      <div className="flex flex-col gap-2" data-testid="preview-result">
        {r.problems.length ? <Problems problems={r.problems} /> : null}
        <pre className="whitespace-pre-wrap rounded-md bg-muted p-3 text-sm">{r.text}</pre>
      </div>
    );
  }
  if (!r.ok) {
    return (
      <div data-testid="preview-result">
        <Problems problems={r.problems} variant={r.variant} />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2" data-testid="preview-result">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge variant="muted">Variant {r.variant}</Badge>
        {r.threaded ? <Badge variant="info">Reply in the thread</Badge> : null}
      </div>
      <p className="text-sm">
        <span className="text-muted-foreground">Subject: </span>
        <span className="font-medium" data-testid="preview-subject">{r.subject}</span>
      </p>
      <iframe title="Rendered email" sandbox="" srcDoc={frameDoc(r.html)} className="h-72 w-full rounded-md border bg-white" data-testid="preview-html" />
      {r.removed.length ? <Alert variant="warning">Removed from the rendered HTML: {r.removed.join(', ')}.</Alert> : null}
      <details>
        <summary className="cursor-pointer text-xs font-medium">Plain-text version</summary>
        <pre className="mt-2 max-h-60 overflow-auto whitespace-pre-wrap rounded-md bg-muted p-3 text-xs" data-testid="preview-text">{r.text}</pre>
      </details>
      <p className="text-xs text-muted-foreground">Tracking links, the open pixel and the unsubscribe footer are added when the email is sent.</p>
    </div>
  );
}

function Problems({ problems, variant }: { problems: { message: string }[]; variant?: string }) {
  return (
    <Alert variant="error" data-testid="preview-blocked">
      <p className="font-medium">This email would be held back for this lead{variant ? ` (variant ${variant})` : ''} — nothing is sent until it is fixed:</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((p) => <li key={p.message}>{p.message}</li>)}
      </ul>
    </Alert>
  );
}

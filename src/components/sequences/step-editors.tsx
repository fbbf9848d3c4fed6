'use client';
/** The editor of each step type (S2, S14). Fields are controlled; every change goes up as a whole new step. */
import { useState, type FocusEvent, type ReactNode } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import { Alert, Button, Checkbox, Input, Select, Textarea, cn } from '@/components/ui';
import type { TStep } from '@/features/sequences';
import type { TBuilderContext, TStepErrors, TStepNotes } from './builder-types';
import { TASK_TYPE_LABELS } from './labels';
import { nextVariantKey } from './step-factory';

type TEmail = Extract<TStep, { type: 'email' }>;
type TWait = Extract<TStep, { type: 'wait' }>;
type TTask = Extract<TStep, { type: 'task' }>;
type TCond = Extract<TStep, { type: 'conditional' }>;
type THook = Extract<TStep, { type: 'webhook' }>;
type TText = Extract<TStep, { type: 'whatsapp' | 'sms' }>;

export type TFocusTarget = { stepId: string; path: string; label: string; el: HTMLInputElement | HTMLTextAreaElement };

export type TEditorProps<S extends TStep> = {
  step: S;
  steps: TStep[];
  index: number;
  errors: TStepErrors;
  notes: TStepNotes;
  ctx: TBuilderContext;
  readOnly?: boolean;
  onChange: (s: TStep) => void;
  onFocusField: (t: TFocusTarget) => void;
};

const errs = (errors: TStepErrors, key: string) => errors[key] ?? [];

/** A labelled field with the server's messages for its key under it. */
function F({ id, label, hint, messages, children, className }: { id: string; label: string; hint?: ReactNode; messages?: string[]; children: ReactNode; className?: string }) {
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium leading-none">{label}</label>
      {children}
      {messages?.length ? messages.map((m) => <p key={m} className="text-xs text-destructive" data-testid="step-field-error">{m}</p>) : hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
    </div>
  );
}

const intOf = (v: string, min: number, max: number) => {
  const n = Math.trunc(Number(v));
  return Number.isFinite(n) ? Math.max(min, Math.min(max, n)) : min;
};

function NameField<S extends TStep>({ step, onChange, readOnly }: Pick<TEditorProps<S>, 'step' | 'onChange' | 'readOnly'>) {
  return (
    <F id={`${step.id}-name`} label="Step name (optional)" hint="Shown in metrics and on the lead's timeline.">
      <Input id={`${step.id}-name`} value={step.name ?? ''} maxLength={120} disabled={readOnly} onChange={(e) => onChange({ ...step, name: e.target.value || undefined })} />
    </F>
  );
}

export function EmailEditor({ step, steps, index, errors, notes, readOnly, onChange, onFocusField }: TEditorProps<TEmail>) {
  const [active, setActive] = useState(0);
  const j = Math.min(active, step.variants.length - 1);
  const v = step.variants[j]!;
  const hasEarlierEmail = steps.slice(0, index).some((s) => s.type === 'email');
  const totalWeight = step.variants.reduce((n, x) => n + x.weight, 0);
  const key = (f: string) => `${step.id}.variants.${j}.${f}`;
  const setVariant = (patch: Partial<TEmail['variants'][number]>) =>
    onChange({ ...step, variants: step.variants.map((x, k) => (k === j ? { ...x, ...patch } : x)) });
  const focus = (path: string, label: string) => (e: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    onFocusField({ stepId: step.id, path: `variants.${j}.${path}`, label: `${label} of variant ${v.key}`, el: e.currentTarget });
  const removed = notes.removed.filter((r) => r.key === key('html')).flatMap((r) => r.items);
  const addVariant = () => {
    const k = nextVariantKey(step.variants.map((x) => x.key));
    if (!k) return;
    const each = Math.floor(100 / (step.variants.length + 1));
    onChange({ ...step, variants: [...step.variants.map((x) => ({ ...x, weight: each })), { ...v, key: k, weight: each }] });
    setActive(step.variants.length);
  };
  const removeVariant = () => {
    if (step.variants.length < 2) return;
    onChange({ ...step, variants: step.variants.filter((_, k) => k !== j) });
    setActive(0);
  };
  return (
    <div className="flex flex-col gap-4">
      <NameField step={step} onChange={onChange} readOnly={readOnly} />
      <div className="flex flex-col gap-1">
        <label className="flex items-center gap-2 text-sm">
          <Checkbox
            checked={step.thread}
            disabled={readOnly || (!hasEarlierEmail && !step.thread)}
            onChange={(e) => onChange({ ...step, thread: e.target.checked })}
            aria-describedby={`${step.id}-thread-hint`}
          />
          Reply in the same thread
        </label>
        <p id={`${step.id}-thread-hint`} className="text-xs text-muted-foreground">
          {hasEarlierEmail
            ? 'Sent as “Re: <the first email’s subject>” with In-Reply-To and References, from the same mailbox.'
            : 'The first email of a sequence starts the thread; later emails can reply in it.'}
        </p>
        {errs(errors, `${step.id}.thread`).map((m) => <p key={m} className="text-xs text-destructive" data-testid="step-field-error">{m}</p>)}
      </div>

      <div className="flex flex-wrap items-center gap-1 border-b" role="tablist" aria-label="Variants">
        {step.variants.map((x, k) => (
          <button
            key={x.key}
            type="button"
            role="tab"
            aria-selected={k === j}
            onClick={() => setActive(k)}
            className={cn('-mb-px cursor-pointer border-b-2 border-transparent px-3 py-1.5 text-sm text-muted-foreground hover:text-foreground', k === j && 'border-primary font-medium text-foreground')}
          >
            Variant {x.key}
            {step.variants.length > 1 ? <span className="ml-1 text-xs text-muted-foreground">{totalWeight ? Math.round((x.weight / totalWeight) * 100) : 0} %</span> : null}
            {Object.keys(errors).some((e) => e.startsWith(`${step.id}.variants.${k}.`)) ? <span className="ml-1 text-destructive" aria-label="has problems">●</span> : null}
          </button>
        ))}
        {!readOnly && step.variants.length < 5 ? (
          <Button type="button" variant="ghost" size="sm" className="ml-1" onClick={addVariant}>
            <Plus className="h-3.5 w-3.5" aria-hidden /> Add A/B variant
          </Button>
        ) : null}
      </div>

      {step.variants.length > 1 ? (
        <div className="flex flex-wrap items-end gap-3">
          <F id={`${step.id}-w-${v.key}`} label={`Weight of variant ${v.key}`} hint="Relative to the other variants' weights; 0 turns a variant off." messages={errs(errors, key('weight'))} className="w-56">
            <Input id={`${step.id}-w-${v.key}`} type="number" min={0} max={100} value={v.weight} disabled={readOnly} onChange={(e) => setVariant({ weight: intOf(e.target.value, 0, 100) })} />
          </F>
          {!readOnly ? (
            <Button type="button" variant="outline" size="sm" onClick={removeVariant}>
              <Trash2 className="h-3.5 w-3.5" aria-hidden /> Remove variant {v.key}
            </Button>
          ) : null}
        </div>
      ) : null}
      {errs(errors, `${step.id}.variants`).map((m) => <p key={m} className="text-xs text-destructive" data-testid="step-field-error">{m}</p>)}

      {step.thread ? (
        <p className="rounded-md bg-muted/50 px-3 py-2 text-sm text-muted-foreground">Subject: “Re: …” — the subject of the thread&apos;s first email.</p>
      ) : (
        <F id={`${step.id}-subject-${v.key}`} label="Subject" messages={errs(errors, key('subject'))}>
          <Input
            key={`${step.id}-subject-${v.key}`}
            id={`${step.id}-subject-${v.key}`}
            value={v.subject}
            maxLength={500}
            disabled={readOnly}
            onFocus={focus('subject', 'the subject')}
            onChange={(e) => setVariant({ subject: e.target.value })}
            aria-invalid={errs(errors, key('subject')).length > 0}
          />
        </F>
      )}
      <F
        id={`${step.id}-html-${v.key}`}
        label="Body (HTML)"
        hint="Paragraphs as <p>…</p>, links as <a href=&quot;https://…&quot;>…</a> (tracked when click tracking is on). Scripts, event handlers and forms are removed when you save."
        messages={errs(errors, key('html'))}
      >
        <Textarea
          key={`${step.id}-html-${v.key}`}
          id={`${step.id}-html-${v.key}`}
          value={v.html}
          rows={9}
          className="font-mono text-xs"
          disabled={readOnly}
          onFocus={focus('html', 'the body')}
          onChange={(e) => setVariant({ html: e.target.value })}
          aria-invalid={errs(errors, key('html')).length > 0}
        />
      </F>
      {removed.length ? (
        <Alert variant="warning" data-testid="html-removed">Removed from this body when it was saved: {removed.join(', ')}.</Alert>
      ) : null}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Plain-text version</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name={`${step.id}-text-${v.key}`} className="accent-primary" checked={v.text === undefined} disabled={readOnly} onChange={() => setVariant({ text: undefined })} />
            Generated from the HTML
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={`${step.id}-text-${v.key}`} className="accent-primary" checked={v.text !== undefined} disabled={readOnly} onChange={() => setVariant({ text: '' })} />
            Written by hand
          </label>
        </div>
        {v.text !== undefined ? (
          <F id={`${step.id}-text-${v.key}`} label="Plain text" messages={errs(errors, key('text'))}>
            <Textarea key={`${step.id}-text-${v.key}`} id={`${step.id}-text-${v.key}`} value={v.text} rows={6} disabled={readOnly} onFocus={focus('text', 'the plain text')} onChange={(e) => setVariant({ text: e.target.value })} />
          </F>
        ) : null}
      </fieldset>
    </div>
  );
}

export function WaitEditor({ step, errors, readOnly, onChange }: TEditorProps<TWait>) {
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-4">
        <F id={`${step.id}-days`} label="Days" className="w-32">
          <Input id={`${step.id}-days`} type="number" min={0} max={365} value={step.days} disabled={readOnly} onChange={(e) => onChange({ ...step, days: intOf(e.target.value, 0, 365) })} />
        </F>
        <F id={`${step.id}-hours`} label="Hours" className="w-32">
          <Input id={`${step.id}-hours`} type="number" min={0} max={23} value={step.hours} disabled={readOnly} onChange={(e) => onChange({ ...step, hours: intOf(e.target.value, 0, 23) })} />
        </F>
      </div>
      <p className="text-xs text-muted-foreground">Days keep the time of day, also across daylight-saving changes. The next email still waits for the send window.</p>
      {errs(errors, step.id).map((m) => <p key={m} className="text-xs text-destructive" data-testid="step-field-error">{m}</p>)}
    </div>
  );
}

export function TaskEditor({ step, errors, ctx, readOnly, onChange, onFocusField }: TEditorProps<TTask>) {
  return (
    <div className="flex flex-col gap-4">
      <F id={`${step.id}-title`} label="Task" hint="Variables work here too, e.g. Call {{first_name}}." messages={errs(errors, `${step.id}.title`)}>
        <Input
          id={`${step.id}-title`}
          value={step.title}
          maxLength={300}
          disabled={readOnly}
          onFocus={(e) => onFocusField({ stepId: step.id, path: 'title', label: 'the task', el: e.currentTarget })}
          onChange={(e) => onChange({ ...step, title: e.target.value })}
        />
      </F>
      <F id={`${step.id}-desc`} label="Notes for the teammate (optional)" messages={errs(errors, `${step.id}.description`)}>
        <Textarea
          id={`${step.id}-desc`}
          value={step.description ?? ''}
          rows={3}
          disabled={readOnly}
          onFocus={(e) => onFocusField({ stepId: step.id, path: 'description', label: 'the notes', el: e.currentTarget })}
          onChange={(e) => onChange({ ...step, description: e.target.value || undefined })}
        />
      </F>
      <div className="grid gap-4 sm:grid-cols-3">
        <F id={`${step.id}-type`} label="Kind">
          <Select id={`${step.id}-type`} value={step.taskType} disabled={readOnly} onChange={(e) => onChange({ ...step, taskType: e.target.value as TTask['taskType'] })}>
            {Object.entries(TASK_TYPE_LABELS).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
          </Select>
        </F>
        <F id={`${step.id}-assignee`} label="Assigned to" messages={errs(errors, `${step.id}.assignee`)}>
          <Select id={`${step.id}-assignee`} value={step.assignee} disabled={readOnly} onChange={(e) => onChange({ ...step, assignee: e.target.value })}>
            <option value="campaign_owner">The campaign&apos;s owner</option>
            {ctx.members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </Select>
        </F>
        <F id={`${step.id}-due`} label="Due after (days)">
          <Input id={`${step.id}-due`} type="number" min={0} max={90} value={step.dueInDays} disabled={readOnly} onChange={(e) => onChange({ ...step, dueInDays: intOf(e.target.value, 0, 90) })} />
        </F>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <Checkbox checked={step.waitForCompletion} disabled={readOnly} onChange={(e) => onChange({ ...step, waitForCompletion: e.target.checked })} />
        Hold this lead&apos;s sequence until the task is done
      </label>
    </div>
  );
}

export function ConditionEditor({ step, steps, index, errors, readOnly, onChange }: TEditorProps<TCond>) {
  const earlierEmails = steps.slice(0, index).map((s, i) => ({ s, i })).filter((x) => x.s.type === 'email');
  const later = steps.slice(index + 1).map((s, k) => ({ s, i: index + 1 + k }));
  const targetOptions = (
    <>
      <option value="next">Go on to the next step</option>
      <option value="end">End the sequence for this lead</option>
      {later.map(({ s, i }) => <option key={s.id} value={s.id}>Jump to step {i + 1}{s.name ? ` (${s.name})` : ''}</option>)}
    </>
  );
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-4">
        <F id={`${step.id}-ref`} label="Email" messages={errs(errors, `${step.id}.ref`)}>
          <Select id={`${step.id}-ref`} value={step.ref ?? ''} disabled={readOnly} onChange={(e) => onChange({ ...step, ref: e.target.value || undefined })}>
            <option value="">The closest email before</option>
            {earlierEmails.map(({ s, i }) => <option key={s.id} value={s.id}>Step {i + 1}{s.name ? ` (${s.name})` : ''}</option>)}
          </Select>
        </F>
        <F id={`${step.id}-cond`} label="If the lead" className="sm:col-span-2">
          <Select
            id={`${step.id}-cond`}
            value={`${step.negate ? 'not_' : ''}${step.condition}`}
            disabled={readOnly}
            onChange={(e) => {
              const v = e.target.value;
              onChange({ ...step, negate: v.startsWith('not_'), condition: v.replace(/^not_/, '') as TCond['condition'] });
            }}
          >
            <option value="opened">opened the email</option>
            <option value="not_opened">did not open the email</option>
            <option value="clicked">clicked a link in it</option>
            <option value="not_clicked">did not click a link in it</option>
            <option value="replied">replied to it</option>
            <option value="not_replied">did not reply to it</option>
          </Select>
        </F>
        <F id={`${step.id}-within`} label="Within (days)">
          <Input id={`${step.id}-within`} type="number" min={1} max={60} value={step.withinDays} disabled={readOnly} onChange={(e) => onChange({ ...step, withinDays: intOf(e.target.value, 1, 60) })} />
        </F>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <F id={`${step.id}-true`} label="Then" messages={errs(errors, `${step.id}.onTrue`)}>
          <Select id={`${step.id}-true`} value={step.onTrue} disabled={readOnly} onChange={(e) => onChange({ ...step, onTrue: e.target.value })}>{targetOptions}</Select>
        </F>
        <F id={`${step.id}-false`} label="Otherwise" messages={errs(errors, `${step.id}.onFalse`)}>
          <Select id={`${step.id}-false`} value={step.onFalse} disabled={readOnly} onChange={(e) => onChange({ ...step, onFalse: e.target.value })}>{targetOptions}</Select>
        </F>
      </div>
      <p className="text-xs text-muted-foreground">Decided as soon as the lead acts, or when the days are up. Opens and clicks by security scanners and mail-privacy proxies do not count. A condition can only jump forward, so every step runs at most once.</p>
    </div>
  );
}

export function WebhookEditor({ step, errors, readOnly, onChange }: TEditorProps<THook>) {
  return (
    <div className="flex flex-col gap-4">
      <NameField step={step} onChange={onChange} readOnly={readOnly} />
      <F
        id={`${step.id}-url`}
        label="URL to POST to"
        hint="Receives {id, type, campaign, enrollmentId, stepId, lead} signed with X-LeadPilot-Signature (HMAC-SHA256). Private and internal addresses are refused."
        messages={errs(errors, `${step.id}.url`)}
      >
        <Input id={`${step.id}-url`} type="url" value={step.url} maxLength={2000} disabled={readOnly} onChange={(e) => onChange({ ...step, url: e.target.value })} aria-invalid={errs(errors, `${step.id}.url`).length > 0} />
      </F>
      <label className="flex items-center gap-2 text-sm">
        <Checkbox checked={step.includeLead} disabled={readOnly} onChange={(e) => onChange({ ...step, includeLead: e.target.checked })} />
        Include the lead&apos;s fields (otherwise only ids)
      </label>
    </div>
  );
}

export function TextMessageEditor({ step, errors, readOnly, onChange, onFocusField }: TEditorProps<TText>) {
  const max = step.type === 'sms' ? 1600 : 4096;
  return (
    <div className="flex flex-col gap-4">
      <Alert variant="info">Sent once a messaging number is connected. Until then LeadPilot skips this step and notes it on the lead&apos;s timeline.</Alert>
      <F id={`${step.id}-body`} label="Message" messages={errs(errors, `${step.id}.body`)} hint={`${step.body.length} / ${max} characters`}>
        <Textarea
          id={`${step.id}-body`}
          value={step.body}
          rows={4}
          maxLength={max}
          disabled={readOnly}
          onFocus={(e) => onFocusField({ stepId: step.id, path: 'body', label: 'the message', el: e.currentTarget })}
          onChange={(e) => onChange({ ...step, body: e.target.value })}
        />
      </F>
    </div>
  );
}

'use client';
import { useActionState, useState } from 'react';
import { Pencil, X } from 'lucide-react';
import { Alert, Button, Input, PendingButton, Select, Textarea, useActionForm } from '@/components/ui';
import { Field, FormMessage, type TFormState } from '@/components/ui/form';
import { addSignalAction, deleteSignalAction, qualifyCompanyAction, updateCompanyAction } from '../actions';

export type TCompanyValues = Record<
  'name' | 'domain' | 'website' | 'industry' | 'sizeRange' | 'employeeCount' | 'revenue' | 'linkedinUrl' | 'phone' | 'city' | 'state' | 'country' | 'description',
  string
>;

const INPUTS: { name: keyof TCompanyValues; label: string; type?: string; placeholder?: string; wide?: boolean }[] = [
  { name: 'name', label: 'Name' },
  { name: 'domain', label: 'Domain', placeholder: 'company.com' },
  { name: 'website', label: 'Website', placeholder: 'https://…' },
  { name: 'industry', label: 'Industry' },
  { name: 'sizeRange', label: 'Size (range)', placeholder: 'e.g. 51-200' },
  { name: 'employeeCount', label: 'Employees', type: 'number' },
  { name: 'revenue', label: 'Annual revenue', type: 'number' },
  { name: 'linkedinUrl', label: 'LinkedIn URL' },
  { name: 'phone', label: 'Phone', type: 'tel' },
  { name: 'city', label: 'City' },
  { name: 'state', label: 'State / region' },
  { name: 'country', label: 'Country' },
];

export type TFieldRow = { label: string; value: string | null; href?: string };

/** The company's fields, read-only until "Edit". */
export function CompanyFields({ id, rows, values }: { id: string; rows: TFieldRow[]; values: TCompanyValues }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const { state, pending, formProps } = useActionForm<TFormState>(async (prev, fd) => {
    const r = await updateCompanyAction(prev, fd);
    if (r.ok) {
      setEditing(false);
      setSaved(r.message ?? 'Company saved.');
    }
    return r;
  });
  if (editing) {
    return (
      <form {...formProps} className="flex flex-col gap-4" data-testid="edit-company-form">
        <input type="hidden" name="id" value={id} />
        {state && !state.ok ? <FormMessage state={state} /> : null}
        <div className="grid gap-3 sm:grid-cols-2">
          {INPUTS.map((i) => (
            <Field key={i.name} label={i.label} name={i.name} state={state}>
              <Input id={i.name} name={i.name} type={i.type ?? 'text'} defaultValue={values[i.name]} placeholder={i.placeholder} min={i.type === 'number' ? 0 : undefined} step={i.type === 'number' ? 1 : undefined} />
            </Field>
          ))}
        </div>
        <Field label="Description" name="description" state={state}>
          <Textarea id="description" name="description" defaultValue={values.description} maxLength={10000} />
        </Field>
        <div className="flex gap-2">
          <PendingButton pending={pending} pendingText="Saving…">Save changes</PendingButton>
          <Button variant="ghost" onClick={() => setEditing(false)}>Cancel</Button>
        </div>
      </form>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {saved ? <Alert variant="success">{saved}</Alert> : null}
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
        {rows.map((r) => (
          <div key={r.label} className="min-w-0">
            <dt className="text-xs text-muted-foreground">{r.label}</dt>
            <dd className="truncate text-sm" title={r.value ?? undefined}>
              {r.value ? r.href ? <a className="text-primary hover:underline" href={r.href} target="_blank" rel="noreferrer noopener">{r.value}</a> : r.value : <span className="text-muted-foreground">—</span>}
            </dd>
          </div>
        ))}
      </dl>
      {values.description ? <p className="whitespace-pre-line text-sm">{values.description}</p> : null}
      <div>
        <Button variant="outline" size="sm" onClick={() => { setSaved(null); setEditing(true); }}>
          <Pencil className="h-3.5 w-3.5" aria-hidden /> Edit
        </Button>
      </div>
    </div>
  );
}

/** Adds an intent signal; the company's tier is recomputed by the database rule at once. */
export function AddSignalForm({ companyId }: { companyId: string }) {
  const { state, pending, formProps } = useActionForm<TFormState>(
    async (prev, fd) => {
      // datetime-local is the browser's local time: send it as an instant.
      const local = String(fd.get('detectedAtLocal') ?? '');
      fd.delete('detectedAtLocal');
      if (local) fd.set('detectedAt', new Date(local).toISOString());
      return addSignalAction(prev, fd);
    },
    { resetOnSuccess: true },
  );
  return (
    <form {...formProps} className="flex flex-col gap-3" data-testid="add-signal-form">
      <input type="hidden" name="companyId" value={companyId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Signal" name="signalType" state={state}>
          <Input id="signalType" name="signalType" maxLength={300} placeholder="e.g. Hiring SDRs, visited pricing page" />
        </Field>
        <Field label="Strength" name="strength" state={state}>
          <Select id="strength" name="strength" defaultValue="medium">
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </Select>
        </Field>
        <Field label="Detected at" name="detectedAt" state={state} hint="Leave empty for now.">
          <Input id="detectedAt" name="detectedAtLocal" type="datetime-local" />
        </Field>
        <Field label="Source (optional)" name="source" state={state}>
          <Input id="source" name="source" maxLength={200} placeholder="e.g. Bombora, website, LinkedIn" />
        </Field>
      </div>
      <FormMessage state={state} />
      <div>
        <PendingButton pending={pending} pendingText="Adding…" variant="outline">Add signal</PendingButton>
      </div>
    </form>
  );
}

export function DeleteSignalButton({ companyId, signalId, label }: { companyId: string; signalId: string; label: string }) {
  const [state, action, pending] = useActionState<TFormState, FormData>(deleteSignalAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-1">
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="signalId" value={signalId} />
      <button
        type="submit"
        disabled={pending}
        className="cursor-pointer rounded p-1 text-muted-foreground hover:bg-muted hover:text-foreground disabled:opacity-50"
        aria-label={`Delete the signal “${label}”`}
        title="Delete this signal"
        onClick={(e) => {
          if (!window.confirm(`Delete the signal “${label}”? The intent tier is recomputed without it.`)) e.preventDefault();
        }}
      >
        <X className="h-3.5 w-3.5" aria-hidden />
      </button>
      {state && !state.ok ? <span className="text-xs text-destructive">{state.error.message}</span> : null}
    </form>
  );
}

/** (Re)qualification: a score, reasoning and the signals seen; writes a snapshot every time. */
export function QualifyForm({ companyId, current }: { companyId: string; current: number | null }) {
  const { state, pending, formProps } = useActionForm<TFormState>(qualifyCompanyAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="flex flex-col gap-3" data-testid="qualify-form">
      <input type="hidden" name="companyId" value={companyId} />
      <Field label="Fit score (1–10)" name="score" state={state} hint="8–10 hot, 5–7 review, 1–4 rejected.">
        <Input id="score" name="score" type="number" min={1} max={10} step={1} defaultValue={current ?? ''} className="w-28" required />
      </Field>
      <Field label="Reasoning" name="reasoning" state={state}>
        <Textarea id="reasoning" name="reasoning" maxLength={5000} placeholder="Why this score: size, industry, tech stack, timing…" />
      </Field>
      <Field label="Signals considered (optional, one per line)" name="signals" state={state} hint="Left empty, the snapshot records the company’s current intent signals.">
        <Textarea id="signals" name="signals" className="min-h-16" placeholder={'Series B in March\nHiring 3 SDRs'} />
      </Field>
      <FormMessage state={state} />
      <div>
        <PendingButton pending={pending} pendingText="Saving…">{current === null ? 'Qualify' : 'Re-qualify'}</PendingButton>
      </div>
    </form>
  );
}

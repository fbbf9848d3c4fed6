'use client';
import Link from 'next/link';
import { Button, Checkbox, Input, PendingButton, Select, useActionForm } from '@/components/ui';
import { Field, FormMessage, type TFormState } from '@/components/ui/form';
import { LEAD_STATUS_LABELS, LEAD_STATUS_LIST } from '@/components/leads/labels';
import { createLeadAction, updateLeadAction } from './actions';

export type TLeadValues = Partial<Record<
  'email' | 'firstName' | 'lastName' | 'title' | 'seniority' | 'department' | 'phone' | 'whatsapp' | 'linkedinUrl' | 'website' | 'city' | 'state' |
  'country' | 'timezone' | 'source' | 'companyName' | 'companyDomain',
  string | null
>>;
export type TCustomDef = { key: string; label: string; type: 'text' | 'number' | 'date' | 'url' };

type TInput = { name: keyof TLeadValues; label: string; type?: string; placeholder?: string; hint?: string; autoComplete?: string };

const GROUPS: { title: string; inputs: TInput[] }[] = [
  {
    title: 'Person',
    inputs: [
      { name: 'firstName', label: 'First name', autoComplete: 'off' },
      { name: 'lastName', label: 'Last name', autoComplete: 'off' },
      { name: 'email', label: 'Email', type: 'email', placeholder: 'name@company.com', autoComplete: 'off' },
      { name: 'phone', label: 'Phone', type: 'tel', hint: 'Stored as +country number (E.164); the country below is the default region.' },
      { name: 'whatsapp', label: 'WhatsApp', type: 'tel' },
      { name: 'linkedinUrl', label: 'LinkedIn URL', placeholder: 'https://www.linkedin.com/in/…' },
      { name: 'website', label: 'Personal website' },
    ],
  },
  {
    title: 'Role and company',
    inputs: [
      { name: 'title', label: 'Job title' },
      { name: 'seniority', label: 'Seniority', placeholder: 'e.g. Director' },
      { name: 'department', label: 'Department', placeholder: 'e.g. Marketing' },
      { name: 'companyName', label: 'Company', hint: 'Found by domain, then name; created when new.' },
      { name: 'companyDomain', label: 'Company domain', placeholder: 'company.com' },
    ],
  },
  {
    title: 'Location',
    inputs: [
      { name: 'city', label: 'City' },
      { name: 'state', label: 'State / region' },
      { name: 'country', label: 'Country', placeholder: 'e.g. Germany or DE' },
      { name: 'timezone', label: 'Time zone', placeholder: 'e.g. Europe/Berlin' },
      { name: 'source', label: 'Source', placeholder: 'manual' },
    ],
  },
];

const CUSTOM_INPUT: Record<TCustomDef['type'], string> = { text: 'text', number: 'number', date: 'date', url: 'url' };

function Fields({ state, values, custom, customValues }: { state: TFormState; values: TLeadValues; custom: TCustomDef[]; customValues: Record<string, string | number> }) {
  return (
    <>
      {GROUPS.map((g) => (
        <fieldset key={g.title} className="flex flex-col gap-3">
          <legend className="mb-2 text-sm font-semibold">{g.title}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {g.inputs.map((i) => (
              <Field key={i.name} label={i.label} name={i.name} state={state} hint={i.hint}>
                <Input
                  id={i.name}
                  name={i.name}
                  type={i.type ?? 'text'}
                  defaultValue={values[i.name] ?? ''}
                  placeholder={i.placeholder}
                  autoComplete={i.autoComplete}
                  aria-invalid={state && !state.ok && state.error.fields?.[i.name] ? true : undefined}
                />
              </Field>
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-semibold">Custom fields</legend>
        {custom.length ? (
          <div className="grid gap-3 sm:grid-cols-2">
            {custom.map((f) => {
              const name = `customFields.${f.key}`;
              return (
                <Field key={f.key} label={f.label} name={name} state={state} hint={f.type === 'text' ? undefined : `${f.type === 'url' ? 'A web address' : f.type === 'date' ? 'A date' : 'A number'}.`}>
                  <Input
                    id={name}
                    name={name}
                    type={CUSTOM_INPUT[f.type]}
                    step={f.type === 'number' ? 'any' : undefined}
                    defaultValue={customValues[f.key] === undefined ? '' : String(customValues[f.key])}
                    aria-invalid={state && !state.ok && state.error.fields?.[name] ? true : undefined}
                  />
                </Field>
              );
            })}
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">
            No custom fields yet. <Link className="text-primary hover:underline" href="/leads/settings">Define them</Link> (text, number, date or URL) to record more about each lead.
          </p>
        )}
      </fieldset>
    </>
  );
}

export function CreateLeadForm({ custom, lists, tags }: { custom: TCustomDef[]; lists: { id: string; name: string }[]; tags: { id: string; name: string }[] }) {
  const { state, pending, formProps } = useActionForm<TFormState>(createLeadAction);
  return (
    <form {...formProps} className="flex flex-col gap-6">
      <FormMessage state={state} />
      <Fields state={state} values={{}} custom={custom} customValues={{}} />
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">Status, lists and tags</legend>
        <Field label="Status" name="status" state={state}>
          <Select id="status" name="status" defaultValue="new">
            {LEAD_STATUS_LIST.map((s) => <option key={s} value={s}>{LEAD_STATUS_LABELS[s]}</option>)}
          </Select>
        </Field>
        <div className="flex flex-col gap-1.5">
          <span className="text-sm font-medium">Lists</span>
          {lists.length ? lists.map((l) => (
            <label key={l.id} className="flex items-center gap-2 text-sm"><Checkbox name="listIds" value={l.id} /> {l.name}</label>
          )) : <span className="text-xs text-muted-foreground">No lists yet.</span>}
        </div>
        <div className="flex flex-col gap-1.5">
          <span className="text-sm font-medium">Tags</span>
          {tags.length ? tags.map((t) => (
            <label key={t.id} className="flex items-center gap-2 text-sm"><Checkbox name="tagIds" value={t.id} /> {t.name}</label>
          )) : <span className="text-xs text-muted-foreground">No tags yet.</span>}
        </div>
      </fieldset>
      <p className="text-xs text-muted-foreground">A lead needs at least an email address, a name or a LinkedIn URL. Addresses on the suppression list are saved but never contacted.</p>
      <div className="flex gap-2">
        <PendingButton pending={pending} pendingText="Saving…">Add lead</PendingButton>
        <Link href="/leads" className="inline-flex h-9 items-center px-3 text-sm text-muted-foreground hover:text-foreground">Cancel</Link>
      </div>
    </form>
  );
}

export function EditLeadForm({ id, values, currentCompanyDomain, custom, customValues, onDone }: {
  id: string;
  values: TLeadValues;
  currentCompanyDomain: string;
  custom: TCustomDef[];
  customValues: Record<string, string | number>;
  onDone: (message: string) => void;
}) {
  const { state, pending, formProps } = useActionForm<TFormState>(async (prev, fd) => {
    const r = await updateLeadAction(prev, fd);
    if (r.ok) onDone(r.message ?? 'Lead saved.');
    return r;
  });
  return (
    <form {...formProps} className="flex flex-col gap-6" data-testid="edit-lead-form">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="currentCompanyDomain" value={currentCompanyDomain} />
      <FormMessage state={state && !state.ok ? state : null} />
      <Fields state={state} values={values} custom={custom} customValues={customValues} />
      <div className="flex gap-2">
        <PendingButton pending={pending} pendingText="Saving…">Save changes</PendingButton>
        <Button variant="ghost" onClick={() => onDone('')}>Cancel</Button>
      </div>
    </form>
  );
}

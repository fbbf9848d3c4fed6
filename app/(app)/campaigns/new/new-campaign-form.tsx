'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Checkbox, Input, PendingButton, Select, useActionForm } from '@/components/ui';
import { Field, FormMessage, fieldError, type TFormState } from '@/components/ui/form';
import { MAILBOX_STATUS_LABELS } from '@/components/mailboxes/labels';
import { createCampaignAction } from '../actions';

type TMailboxChoice = { id: string; email: string; provider: string; status: string; note: string | null };

export function NewCampaignForm({ templates, templateId, mailboxes }: {
  templates: { id: string; name: string; label: string }[];
  templateId: string | null;
  mailboxes: TMailboxChoice[];
}) {
  const { state, pending, formProps } = useActionForm<TFormState>(createCampaignAction);
  const [start, setStart] = useState<'blank' | 'template'>(templateId ? 'template' : 'blank');
  const chosen = templates.find((t) => t.id === templateId);
  const mbError = fieldError(state, 'mailboxIds');
  return (
    <form {...formProps} className="flex flex-col gap-6" data-testid="new-campaign">
      <Field label="Name" name="name" state={state} hint="Only your team sees it.">
        <Input id="name" name="name" maxLength={200} defaultValue={chosen ? chosen.name : ''} />
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Sequence</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="start" value="blank" className="accent-primary" checked={start === 'blank'} onChange={() => setStart('blank')} />
          Start from a blank sequence (one email; add steps next)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="start" value="template" className="accent-primary" checked={start === 'template'} onChange={() => setStart('template')} />
          Start from a template
        </label>
        {start === 'template' ? (
          <Field label="Template" name="templateId" state={state} hint={<>Browse them with their steps in the <Link className="text-primary hover:underline" href="/templates">template library</Link>.</>}>
            <Select id="templateId" name="templateId" defaultValue={templateId ?? ''}>
              <option value="">Choose a template…</option>
              {templates.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
            </Select>
          </Field>
        ) : null}
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Send from</legend>
        {mailboxes.length ? (
          mailboxes.map((m) => (
            <label key={m.id} className="flex items-center gap-2 text-sm">
              <Checkbox name="mailboxIds" value={m.id} defaultChecked={m.status === 'active'} />
              <span>{m.email}</span>
              {m.status !== 'active' ? <span className="text-xs text-amber-700">({MAILBOX_STATUS_LABELS[m.status] ?? m.status})</span> : null}
              {m.note ? <span className="text-xs text-muted-foreground">· {m.note}</span> : null}
            </label>
          ))
        ) : (
          <p className="text-sm text-muted-foreground">No mailbox yet. <Link className="text-primary hover:underline" href="/mailboxes">Connect one</Link> — you can also add it later, before activating.</p>
        )}
        <p className="text-xs text-muted-foreground">With several mailboxes, each lead&apos;s first email goes from the least-used one; its follow-ups stay on that mailbox.</p>
        {mbError ? <p className="text-xs text-destructive">{mbError}</p> : null}
      </fieldset>
      <FormMessage state={state} />
      <div>
        <PendingButton pending={pending} pendingText="Creating…">Create campaign</PendingButton>
      </div>
    </form>
  );
}

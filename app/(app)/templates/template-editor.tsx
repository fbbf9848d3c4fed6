'use client';
/** Create or edit an organization template: its details and its steps (the sequence builder). */
import Link from 'next/link';
import { useState } from 'react';
import { Save } from 'lucide-react';
import { Alert, Input, PendingButton, Select, Textarea, buttonVariants, useActionForm } from '@/components/ui';
import { Field, type TFormState } from '@/components/ui/form';
import type { TStep } from '@/features/sequences';
import type { TBuilderContext, TStepNotes } from '@/components/sequences/builder-types';
import { CATEGORY_LABELS } from '@/components/sequences/labels';
import { SequenceBuilder, useBuilderState } from '@/components/sequences/sequence-builder';
import { checkStepsAction, previewStepAction, searchLeadsAction } from '../sequences/actions';
import { saveTemplateAction } from './actions';

export type TTemplateMeta = { name: string; description: string | null; category: string; industry: string | null; useCase: string | null };

const SERVICES = { check: checkStepsAction, preview: previewStepAction, searchLeads: searchLeadsAction };

export function TemplateEditor({ id: initialId, meta, steps, ctx, facets }: {
  id: string | null;
  meta: TTemplateMeta;
  steps: TStep[];
  ctx: TBuilderContext;
  facets: { industries: string[]; useCases: string[] };
}) {
  const builder = useBuilderState(steps);
  const [id, setId] = useState(initialId);
  const { state, pending, formProps } = useActionForm<TFormState>(async (prev, fd) => {
    const r = await saveTemplateAction(prev, fd);
    if (r.ok) {
      const d = r.data as { id: string; steps: TStep[]; notes: TStepNotes };
      builder.setSteps(d.steps);
      builder.setNotes(d.notes);
      builder.setErrors({});
      if (!id) {
        setId(d.id);
        window.history.replaceState(null, '', `/templates/${d.id}/edit`);
      }
    } else {
      builder.setErrors(r.error.fields ?? {});
    }
    return r;
  });
  const saved = state?.ok ? state : null;
  const fieldState = state && !state.ok ? state : null;
  return (
    <div className="flex flex-col gap-6">
      <form {...formProps} id="template-form" className="grid max-w-4xl gap-4 sm:grid-cols-2" data-testid="template-form">
        {id ? <input type="hidden" name="id" value={id} /> : null}
        <input type="hidden" name="steps" value={JSON.stringify(builder.steps)} />
        <Field label="Name" name="name" state={fieldState}>
          <Input id="name" name="name" defaultValue={meta.name} maxLength={200} />
        </Field>
        <Field label="Category" name="category" state={fieldState}>
          <Select id="category" name="category" defaultValue={meta.category}>
            {Object.entries(CATEGORY_LABELS).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
          </Select>
        </Field>
        <Field label="Industry (optional)" name="industry" state={fieldState} hint="Helps teammates filter the library.">
          <Input id="industry" name="industry" defaultValue={meta.industry ?? ''} list="industries" maxLength={100} />
        </Field>
        <Field label="Use case (optional)" name="useCase" state={fieldState}>
          <Input id="useCase" name="useCase" defaultValue={meta.useCase ?? ''} list="use-cases" maxLength={100} />
        </Field>
        <div className="sm:col-span-2">
          <Field label="Description (optional)" name="description" state={fieldState}>
            <Textarea id="description" name="description" defaultValue={meta.description ?? ''} rows={2} maxLength={2000} />
          </Field>
        </div>
        <datalist id="industries">{facets.industries.map((x) => <option key={x} value={x} />)}</datalist>
        <datalist id="use-cases">{facets.useCases.map((x) => <option key={x} value={x} />)}</datalist>
      </form>
      {fieldState ? <Alert variant="error" data-testid="save-result">{fieldState.error.message}</Alert> : null}
      {saved ? (
        <Alert variant="success" data-testid="save-result">
          {saved.message}{' '}
          {id ? (
            <>
              <Link className="underline" href={`/templates/${id}`}>Open the template</Link> or{' '}
              <Link className="underline" href={`/campaigns/new?templateId=${id}`}>use it in a campaign</Link>.
            </>
          ) : null}
        </Alert>
      ) : null}
      <SequenceBuilder
        state={builder}
        ctx={ctx}
        services={SERVICES}
        toolbar={
          <>
            <PendingButton pending={pending} form="template-form" pendingText="Saving…">
              <Save className="h-4 w-4" aria-hidden /> {id ? 'Save template' : 'Create template'}
            </PendingButton>
            {id ? <Link href={`/templates/${id}`} className={buttonVariants({ variant: 'ghost' })}>Cancel</Link> : <Link href="/templates" className={buttonVariants({ variant: 'ghost' })}>Cancel</Link>}
          </>
        }
      />
    </div>
  );
}

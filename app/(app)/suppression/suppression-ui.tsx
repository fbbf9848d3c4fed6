'use client';
import { useActionState, type ReactNode } from 'react';
import { Alert, Badge, ConfirmSubmitButton, Input, PendingButton, Table, Td, Th, Textarea, useActionForm } from '@/components/ui';
import { Field, FormMessage, type TFormState } from '@/components/ui/form';
import { SUPPRESSION_REASON_LABELS } from '@/components/leads/labels';
import { addSuppressionsAction, removeSuppressionAction, uploadSuppressionsAction } from './actions';

type TResult = { invalid: { value: string; reason: string }[] };

function Invalid({ state }: { state: TFormState }) {
  const invalid = state?.ok ? ((state.data as TResult | undefined)?.invalid ?? []) : [];
  if (!invalid.length) return null;
  return (
    <Alert variant="warning">
      <p className="font-medium">Not added:</p>
      <ul className="mt-1 list-disc pl-5">
        {invalid.slice(0, 20).map((i) => <li key={i.value}>{i.reason}</li>)}
      </ul>
      {invalid.length > 20 ? <p className="mt-1">…and {invalid.length - 20} more.</p> : null}
    </Alert>
  );
}

export function AddSuppressionsForm() {
  const { state, pending, formProps } = useActionForm<TFormState>(addSuppressionsAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <Field label="Email addresses or domains" name="values" state={state} hint="One per line. A domain (example.com) suppresses everyone at it.">
        <Textarea id="values" name="values" className="min-h-28 font-mono text-xs" placeholder={'someone@example.com\ncompetitor.com'} />
      </Field>
      <FormMessage state={state} />
      <Invalid state={state} />
      <div>
        <PendingButton pending={pending} pendingText="Adding…">Add to the suppression list</PendingButton>
      </div>
    </form>
  );
}

export function UploadSuppressionsForm() {
  const { state, pending, formProps } = useActionForm<TFormState>(uploadSuppressionsAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="flex flex-col gap-3" encType="multipart/form-data">
      <Field label="CSV file" name="file" state={state} hint="The column headed email, domain or value is used (else the first column). At most 10,000 rows.">
        <Input id="file" name="file" type="file" accept=".csv,.txt,text/csv" className="h-auto py-1.5" />
      </Field>
      <FormMessage state={state} />
      <Invalid state={state} />
      <div>
        <PendingButton pending={pending} pendingText="Uploading…" variant="outline">Upload CSV</PendingButton>
      </div>
    </form>
  );
}

type TRow = { id: string; kind: 'email' | 'domain'; value: string; reason: string; source: string | null; added: string };

/** The list, or `empty` when there is nothing to show (the result of the last removal stays visible either way). */
export function SuppressionTable({ rows, canRemove, empty }: { rows: TRow[]; canRemove: boolean; empty: ReactNode }) {
  const [state, remove] = useActionState<TFormState, FormData>(removeSuppressionAction, null);
  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={state} />
      {rows.length === 0 ? empty : <Table>
        <thead>
          <tr>
            <Th>Address or domain</Th>
            <Th>Reason</Th>
            <Th>Source</Th>
            <Th>Added</Th>
            {canRemove ? <Th className="text-right"><span className="sr-only">Actions</span></Th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} data-testid="suppression-row">
              <Td>
                <span className="font-mono text-xs">{s.value}</span>
                {s.kind === 'domain' ? <Badge variant="info" className="ml-2">whole domain</Badge> : null}
              </Td>
              <Td>{SUPPRESSION_REASON_LABELS[s.reason] ?? s.reason}</Td>
              <Td className="max-w-48 truncate text-xs text-muted-foreground" title={s.source ?? undefined}>{s.source ?? '—'}</Td>
              <Td className="whitespace-nowrap text-xs text-muted-foreground">{s.added}</Td>
              {canRemove ? (
                <Td className="text-right">
                  <form action={remove}>
                    <input type="hidden" name="id" value={s.id} />
                    <ConfirmSubmitButton
                      variant="outline"
                      size="sm"
                      pendingText="Removing…"
                      confirm={`Remove ${s.value} from the suppression list? ${s.kind === 'domain' ? 'Everyone at this domain' : 'This address'} can be contacted again${s.reason !== 'manual' ? ` — it was added because of: ${SUPPRESSION_REASON_LABELS[s.reason] ?? s.reason}` : ''}.`}
                    >
                      Remove
                    </ConfirmSubmitButton>
                  </form>
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>}
    </div>
  );
}

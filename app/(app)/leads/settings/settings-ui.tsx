'use client';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Badge, Button, ConfirmSubmitButton, EmptyState, Input, PendingButton, Select, Table, Td, Th, useActionForm } from '@/components/ui';
import { Field, FormMessage, fieldError, type TFormState } from '@/components/ui/form';
import { InlineErrors } from '@/components/leads/inline-errors';
import { CUSTOM_TYPE_LABELS, plural } from '@/components/leads/labels';
import {
  createCustomFieldAction, createTagAction, deleteCustomFieldAction, deleteTagAction, renameCustomFieldAction, updateTagAction,
} from '../actions';

const PALETTE = ['#4f46e5', '#0ea5e9', '#16a34a', '#d97706', '#dc2626', '#db2777', '#7c3aed', '#64748b'];

export function CreateTagForm() {
  const { state, pending, formProps } = useActionForm<TFormState>(createTagAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-start">
        <Field label="Tag name" name="name" state={state}>
          <Input id="name" name="name" maxLength={100} placeholder="e.g. decision maker" required />
        </Field>
        <Field label="Colour" name="color" state={state}>
          <input id="color" name="color" type="color" defaultValue={PALETTE[0]} className="h-9 w-16 cursor-pointer rounded-md border border-input bg-background p-1" />
        </Field>
        <div className="sm:pt-6">
          <PendingButton pending={pending} pendingText="Creating…">Create tag</PendingButton>
        </div>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

type TTagRow = { id: string; name: string; color: string | null; leadCount: number };

export function TagsTable({ tags }: { tags: TTagRow[] }) {
  const [state, del] = useActionState<TFormState, FormData>(deleteTagAction, null);
  const [editing, setEditing] = useState<string | null>(null);
  if (!tags.length) {
    return (
      <div className="flex flex-col gap-3">
        <FormMessage state={state} />
        <EmptyState title="No tags yet" description="Create a tag above, then tag leads from the table (select them, then “Add tag”), from a lead’s page, or when you import." />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={state} />
      <Table>
        <thead>
          <tr>
            <Th>Tag</Th>
            <Th className="text-right">Leads</Th>
            <Th className="text-right"><span className="sr-only">Actions</span></Th>
          </tr>
        </thead>
        <tbody>
          {tags.map((t) => (
            <tr key={t.id} data-testid="tag-row">
              <Td>
                {editing === t.id ? (
                  <EditTagForm tag={t} onDone={() => setEditing(null)} />
                ) : (
                  <span className="inline-flex items-center gap-2">
                    <span className="h-3 w-3 rounded-full border" style={{ background: t.color ?? '#94a3b8' }} aria-hidden />
                    <span className="font-medium">{t.name}</span>
                  </span>
                )}
              </Td>
              <Td className="text-right tabular-nums">
                <Link href={`/leads?tagId=${t.id}`} className="hover:text-primary hover:underline">{plural(t.leadCount, 'lead')}</Link>
              </Td>
              <Td className="text-right">
                {editing === t.id ? null : (
                  <div className="flex justify-end gap-2">
                    <Button variant="outline" size="sm" onClick={() => setEditing(t.id)}>Edit</Button>
                    <form action={del}>
                      <input type="hidden" name="id" value={t.id} />
                      <ConfirmSubmitButton variant="outline" size="sm" pendingText="Deleting…" confirm={`Delete the tag “${t.name}”? It comes off ${plural(t.leadCount, 'lead')}; the leads stay.`}>
                        Delete
                      </ConfirmSubmitButton>
                    </form>
                  </div>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

function EditTagForm({ tag, onDone }: { tag: TTagRow; onDone: () => void }) {
  const { state, pending, formProps } = useActionForm<TFormState>(async (prev, fd) => {
    const r = await updateTagAction(prev, fd);
    if (r.ok) onDone();
    return r;
  });
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={tag.id} />
      <div className="flex flex-wrap items-start gap-2">
        <Input name="name" defaultValue={tag.name} maxLength={100} className="w-56" aria-label="Tag name" aria-invalid={fieldError(state, 'name') ? true : undefined} />
        <input name="color" type="color" defaultValue={tag.color ?? PALETTE[7]} aria-label="Tag colour" className="h-9 w-16 cursor-pointer rounded-md border border-input bg-background p-1" />
      </div>
      <InlineErrors state={state} names={['name', 'color']} />
      <div className="flex gap-2">
        <PendingButton pending={pending} size="sm" pendingText="Saving…">Save</PendingButton>
        <Button variant="ghost" size="sm" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

export function CreateCustomFieldForm() {
  const { state, pending, formProps } = useActionForm<TFormState>(createCustomFieldAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
        <Field label="Label" name="label" state={state} hint="The key is derived from it (“Plan tier” → plan_tier) and never changes.">
          <Input id="label" name="label" maxLength={100} placeholder="e.g. Plan tier" required />
        </Field>
        <Field label="Type" name="type" state={state}>
          <Select id="type" name="type" defaultValue="text">
            {(Object.keys(CUSTOM_TYPE_LABELS) as (keyof typeof CUSTOM_TYPE_LABELS)[]).map((t) => <option key={t} value={t}>{CUSTOM_TYPE_LABELS[t]}</option>)}
          </Select>
        </Field>
        <div className="sm:pt-6">
          <PendingButton pending={pending} pendingText="Creating…">Create field</PendingButton>
        </div>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

type TFieldRow = { id: string; key: string; label: string; type: keyof typeof CUSTOM_TYPE_LABELS };

export function CustomFieldsTable({ fields, canDelete }: { fields: TFieldRow[]; canDelete: boolean }) {
  const [state, del] = useActionState<TFormState, FormData>(deleteCustomFieldAction, null);
  const [editing, setEditing] = useState<string | null>(null);
  if (!fields.length) {
    return (
      <div className="flex flex-col gap-3">
        <FormMessage state={state} />
        <EmptyState title="No custom fields yet" description="Create one above, or map a column to “New custom field…” when you import a file." />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={state} />
      <Table>
        <thead>
          <tr>
            <Th>Label</Th>
            <Th>Key</Th>
            <Th>Type</Th>
            <Th className="text-right"><span className="sr-only">Actions</span></Th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.id} data-testid="custom-field-row">
              <Td>{editing === f.id ? <RenameFieldForm field={f} onDone={() => setEditing(null)} /> : <span className="font-medium">{f.label}</span>}</Td>
              <Td><code className="text-xs">{f.key}</code></Td>
              <Td><Badge variant="muted">{CUSTOM_TYPE_LABELS[f.type]}</Badge></Td>
              <Td className="text-right">
                {editing === f.id ? null : (
                  <div className="flex justify-end gap-2">
                    <Button variant="outline" size="sm" onClick={() => setEditing(f.id)}>Rename</Button>
                    {canDelete ? (
                      <form action={del}>
                        <input type="hidden" name="id" value={f.id} />
                        <ConfirmSubmitButton variant="outline" size="sm" pendingText="Deleting…" confirm={`Delete the custom field “${f.label}”? Its value is removed from every lead. This cannot be undone.`}>
                          Delete
                        </ConfirmSubmitButton>
                      </form>
                    ) : null}
                  </div>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {canDelete ? null : <p className="text-xs text-muted-foreground">Only owners and admins can delete custom fields (deleting removes the values from every lead).</p>}
    </div>
  );
}

function RenameFieldForm({ field, onDone }: { field: TFieldRow; onDone: () => void }) {
  const { state, pending, formProps } = useActionForm<TFormState>(async (prev, fd) => {
    const r = await renameCustomFieldAction(prev, fd);
    if (r.ok) onDone();
    return r;
  });
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={field.id} />
      <Input name="label" defaultValue={field.label} maxLength={100} className="w-56" aria-label="Field label" aria-invalid={fieldError(state, 'label') ? true : undefined} />
      <InlineErrors state={state} names={['label']} />
      <div className="flex gap-2">
        <PendingButton pending={pending} size="sm" pendingText="Saving…">Save</PendingButton>
        <Button variant="ghost" size="sm" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

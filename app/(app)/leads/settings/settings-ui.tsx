'use client';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Badge, CreateForm, EditableRowActions, EmptyState, InlineEditForm, Input, Select, Table, Td, Th } from '@/components/ui';
import { Field, WithFormMessage, fieldError, type TFormState } from '@/components/ui/form';
import { CUSTOM_TYPE_LABELS, plural } from '@/components/leads/labels';
import {
  createCustomFieldAction, createTagAction, deleteCustomFieldAction, deleteTagAction, renameCustomFieldAction, updateTagAction,
} from '../actions';

const PALETTE = ['#4f46e5', '#0ea5e9', '#16a34a', '#d97706', '#dc2626', '#db2777', '#7c3aed', '#64748b'];

export function CreateTagForm() {
  return (
    <CreateForm action={createTagAction} className="sm:grid-cols-[1fr_auto_auto]" submit="Create tag">
      {(state) => (
        <>
          <Field label="Tag name" name="name" state={state}>
            <Input id="name" name="name" maxLength={100} placeholder="e.g. decision maker" required />
          </Field>
          <Field label="Colour" name="color" state={state}>
            <input id="color" name="color" type="color" defaultValue={PALETTE[0]} className="h-9 w-16 cursor-pointer rounded-md border border-input bg-background p-1" />
          </Field>
        </>
      )}
    </CreateForm>
  );
}

type TTagRow = { id: string; name: string; color: string | null; leadCount: number };

export function TagsTable({ tags }: { tags: TTagRow[] }) {
  const [state, del] = useActionState<TFormState, FormData>(deleteTagAction, null);
  const [editing, setEditing] = useState<string | null>(null);
  if (!tags.length) {
    return (
      <WithFormMessage state={state}>
        <EmptyState title="No tags yet" description="Create a tag above, then tag leads from the table (select them, then “Add tag”), from a lead’s page, or when you import." />
      </WithFormMessage>
    );
  }
  return (
    <WithFormMessage state={state}>
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
                <EditableRowActions editing={editing === t.id} editLabel="Edit" onEdit={() => setEditing(t.id)} remove={{ action: del, id: t.id, confirm: `Delete the tag “${t.name}”? It comes off ${plural(t.leadCount, 'lead')}; the leads stay.` }} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </WithFormMessage>
  );
}

function EditTagForm({ tag, onDone }: { tag: TTagRow; onDone: () => void }) {
  return (
    <InlineEditForm action={updateTagAction} id={tag.id} errors={['name', 'color']} onDone={onDone}>
      {(state) => (
        <div className="flex flex-wrap items-start gap-2">
          <Input name="name" defaultValue={tag.name} maxLength={100} className="w-56" aria-label="Tag name" aria-invalid={fieldError(state, 'name') ? true : undefined} />
          <input name="color" type="color" defaultValue={tag.color ?? PALETTE[7]} aria-label="Tag colour" className="h-9 w-16 cursor-pointer rounded-md border border-input bg-background p-1" />
        </div>
      )}
    </InlineEditForm>
  );
}

export function CreateCustomFieldForm() {
  return (
    <CreateForm action={createCustomFieldAction} className="sm:grid-cols-[1fr_10rem_auto]" submit="Create field">
      {(state) => (
        <>
          <Field label="Label" name="label" state={state} hint="The key is derived from it (“Plan tier” → plan_tier) and never changes.">
            <Input id="label" name="label" maxLength={100} placeholder="e.g. Plan tier" required />
          </Field>
          <Field label="Type" name="type" state={state}>
            <Select id="type" name="type" defaultValue="text">
              {(Object.keys(CUSTOM_TYPE_LABELS) as (keyof typeof CUSTOM_TYPE_LABELS)[]).map((t) => <option key={t} value={t}>{CUSTOM_TYPE_LABELS[t]}</option>)}
            </Select>
          </Field>
        </>
      )}
    </CreateForm>
  );
}

type TFieldRow = { id: string; key: string; label: string; type: keyof typeof CUSTOM_TYPE_LABELS };

export function CustomFieldsTable({ fields, canDelete }: { fields: TFieldRow[]; canDelete: boolean }) {
  const [state, del] = useActionState<TFormState, FormData>(deleteCustomFieldAction, null);
  const [editing, setEditing] = useState<string | null>(null);
  if (!fields.length) {
    return (
      <WithFormMessage state={state}>
        <EmptyState title="No custom fields yet" description="Create one above, or map a column to “New custom field…” when you import a file." />
      </WithFormMessage>
    );
  }
  return (
    <WithFormMessage state={state}>
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
                <EditableRowActions
                  editing={editing === f.id}
                  editLabel="Rename"
                  onEdit={() => setEditing(f.id)}
                  remove={canDelete ? { action: del, id: f.id, confirm: `Delete the custom field “${f.label}”? Its value is removed from every lead. This cannot be undone.` } : undefined}
                />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {canDelete ? null : <p className="text-xs text-muted-foreground">Only owners and admins can delete custom fields (deleting removes the values from every lead).</p>}
    </WithFormMessage>
  );
}

function RenameFieldForm({ field, onDone }: { field: TFieldRow; onDone: () => void }) {
  return (
    <InlineEditForm action={renameCustomFieldAction} id={field.id} errors={['label']} onDone={onDone}>
      {(state) => (
        <Input name="label" defaultValue={field.label} maxLength={100} className="w-56" aria-label="Field label" aria-invalid={fieldError(state, 'label') ? true : undefined} />
      )}
    </InlineEditForm>
  );
}

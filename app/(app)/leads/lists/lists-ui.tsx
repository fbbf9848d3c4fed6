'use client';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { CreateForm, EditableRowActions, EmptyState, InlineEditForm, Input, Table, Td, Th } from '@/components/ui';
import { Field, WithFormMessage, fieldError, type TFormState } from '@/components/ui/form';
import { plural } from '@/components/leads/labels';
import { createListAction, deleteListAction, renameListAction } from '../actions';

export function CreateListForm() {
  return (
    <CreateForm action={createListAction} className="sm:grid-cols-[1fr_2fr_auto]" submit="Create list">
      {(state) => (
        <>
          <Field label="Name" name="name" state={state}>
            <Input id="name" name="name" maxLength={200} placeholder="e.g. Trade show March" required />
          </Field>
          <Field label="Description (optional)" name="description" state={state}>
            <Input id="description" name="description" maxLength={2000} placeholder="Who is on it and why" />
          </Field>
        </>
      )}
    </CreateForm>
  );
}

type TListRow = { id: string; name: string; description: string | null; leadCount: number; created: string };

export function ListsTable({ lists }: { lists: TListRow[] }) {
  const [state, del] = useActionState<TFormState, FormData>(deleteListAction, null);
  const [editing, setEditing] = useState<string | null>(null);
  if (!lists.length) {
    return (
      <WithFormMessage state={state}>
        <EmptyState
          title="No lists yet"
          description="Create a list above, then add leads to it from the leads table (select them, then “Add to list”) or when you import a file."
        />
      </WithFormMessage>
    );
  }
  return (
    <WithFormMessage state={state}>
      <Table>
        <thead>
          <tr>
            <Th>List</Th>
            <Th className="text-right">Leads</Th>
            <Th>Created</Th>
            <Th className="text-right"><span className="sr-only">Actions</span></Th>
          </tr>
        </thead>
        <tbody>
          {lists.map((l) => (
            <tr key={l.id} data-testid="list-row">
              <Td>
                {editing === l.id ? (
                  <InlineEditForm action={renameListAction} id={l.id} errors={['name', 'description']} onDone={() => setEditing(null)}>
                    {(s) => (
                      <div className="grid gap-2 sm:grid-cols-2">
                        <Input name="name" defaultValue={l.name} maxLength={200} aria-label="List name" aria-invalid={fieldError(s, 'name') ? true : undefined} />
                        <Input name="description" defaultValue={l.description ?? ''} maxLength={2000} aria-label="List description" placeholder="Description" />
                      </div>
                    )}
                  </InlineEditForm>
                ) : (
                  <>
                    <Link href={`/leads?listId=${l.id}`} className="font-medium hover:text-primary hover:underline">{l.name}</Link>
                    {l.description ? <p className="text-xs text-muted-foreground">{l.description}</p> : null}
                  </>
                )}
              </Td>
              <Td className="text-right tabular-nums">
                <Link href={`/leads?listId=${l.id}`} className="hover:text-primary hover:underline">{plural(l.leadCount, 'lead')}</Link>
              </Td>
              <Td className="whitespace-nowrap text-xs text-muted-foreground">{l.created}</Td>
              <Td className="text-right">
                <EditableRowActions
                  editing={editing === l.id}
                  editLabel="Rename"
                  onEdit={() => setEditing(l.id)}
                  remove={{ action: del, id: l.id, confirm: `Delete the list “${l.name}”? Its ${plural(l.leadCount, 'lead')} stay in the table; only the list goes.` }}
                />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </WithFormMessage>
  );
}

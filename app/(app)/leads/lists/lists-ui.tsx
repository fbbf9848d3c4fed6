'use client';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Button, ConfirmSubmitButton, EmptyState, Input, PendingButton, Table, Td, Th, useActionForm } from '@/components/ui';
import { Field, FormMessage, fieldError, type TFormState } from '@/components/ui/form';
import { InlineErrors } from '@/components/leads/inline-errors';
import { plural } from '@/components/leads/labels';
import { createListAction, deleteListAction, renameListAction } from '../actions';

export function CreateListForm() {
  const { state, pending, formProps } = useActionForm<TFormState>(createListAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
        <Field label="Name" name="name" state={state}>
          <Input id="name" name="name" maxLength={200} placeholder="e.g. Trade show March" required />
        </Field>
        <Field label="Description (optional)" name="description" state={state}>
          <Input id="description" name="description" maxLength={2000} placeholder="Who is on it and why" />
        </Field>
        <div className="sm:pt-6">
          <PendingButton pending={pending} pendingText="Creating…">Create list</PendingButton>
        </div>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

type TListRow = { id: string; name: string; description: string | null; leadCount: number; created: string };

export function ListsTable({ lists }: { lists: TListRow[] }) {
  const [state, del] = useActionState<TFormState, FormData>(deleteListAction, null);
  const [editing, setEditing] = useState<string | null>(null);
  if (!lists.length) {
    return (
      <div className="flex flex-col gap-3">
        <FormMessage state={state} />
        <EmptyState
          title="No lists yet"
          description="Create a list above, then add leads to it from the leads table (select them, then “Add to list”) or when you import a file."
        />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={state} />
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
                  <RenameListForm list={l} onDone={() => setEditing(null)} />
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
                {editing === l.id ? null : (
                  <div className="flex justify-end gap-2">
                    <Button variant="outline" size="sm" onClick={() => setEditing(l.id)}>Rename</Button>
                    <form action={del}>
                      <input type="hidden" name="id" value={l.id} />
                      <ConfirmSubmitButton variant="outline" size="sm" pendingText="Deleting…" confirm={`Delete the list “${l.name}”? Its ${plural(l.leadCount, 'lead')} stay in the table; only the list goes.`}>
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

function RenameListForm({ list, onDone }: { list: TListRow; onDone: () => void }) {
  const { state, pending, formProps } = useActionForm<TFormState>(async (prev, fd) => {
    const r = await renameListAction(prev, fd);
    if (r.ok) onDone();
    return r;
  });
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={list.id} />
      <div className="grid gap-2 sm:grid-cols-2">
        <Input name="name" defaultValue={list.name} maxLength={200} aria-label="List name" aria-invalid={fieldError(state, 'name') ? true : undefined} />
        <Input name="description" defaultValue={list.description ?? ''} maxLength={2000} aria-label="List description" placeholder="Description" />
      </div>
      <InlineErrors state={state} names={['name', 'description']} />
      <div className="flex gap-2">
        <PendingButton pending={pending} size="sm" pendingText="Saving…">Save</PendingButton>
        <Button variant="ghost" size="sm" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

'use client';
/**
 * The forms of a settings-style list (lists, tags, custom fields…): a one-line create form above it, and
 * rows that edit in place or are deleted after a confirmation.
 */
import type { ReactNode } from 'react';
import { useActionForm, PendingButton } from './action-form';
import { Button } from './button';
import { ConfirmActionForm } from './confirm-button';
import { cn } from './cn';
import { FormMessage, InlineErrors, type TFormState } from './form';

type TAction = (prev: TFormState, form: FormData) => Promise<NonNullable<TFormState>>;

/**
 * Labelled fields side by side (`className` gives the grid's columns), the submit button at the end of
 * the line, the action's message below. Empties itself after a success.
 */
export function CreateForm({ action, className, submit, children }: { action: TAction; className: string; submit: string; children: (state: TFormState) => ReactNode }) {
  const { state, pending, formProps } = useActionForm<TFormState>(action, { resetOnSuccess: true });
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <div className={cn('grid gap-3 sm:items-start', className)}>
        {children(state)}
        <div className="sm:pt-6">
          <PendingButton pending={pending} pendingText="Creating…">{submit}</PendingButton>
        </div>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/**
 * A row's fields edited in place (the row's `id` is sent along), their errors, Save and Cancel.
 * `onDone` runs after a successful save and on Cancel.
 */
export function InlineEditForm({ action, id, errors, onDone, children }: { action: TAction; id: string; errors: string[]; onDone: () => void; children: (state: TFormState) => ReactNode }) {
  const { state, pending, formProps } = useActionForm<TFormState>(async (prev, fd) => {
    const r = await action(prev, fd);
    if (r.ok) onDone();
    return r;
  });
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      {children(state)}
      <InlineErrors state={state} names={errors} />
      <div className="flex gap-2">
        <PendingButton pending={pending} size="sm" pendingText="Saving…">Save</PendingButton>
        <Button variant="ghost" size="sm" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

/** An editable row's actions: the button that opens its inline form, and (when given) delete after a confirmation. Hidden while editing. */
export function EditableRowActions({ editing, editLabel, onEdit, remove }: {
  editing: boolean;
  editLabel: string;
  onEdit: () => void;
  remove?: { action: (form: FormData) => void; id: string; confirm: string };
}) {
  if (editing) return null;
  return (
    <div className="flex justify-end gap-2">
      <Button variant="outline" size="sm" onClick={onEdit}>{editLabel}</Button>
      {remove ? (
        <ConfirmActionForm action={remove.action} fields={{ id: remove.id }} confirm={remove.confirm} pendingText="Deleting…">
          Delete
        </ConfirmActionForm>
      ) : null}
    </div>
  );
}

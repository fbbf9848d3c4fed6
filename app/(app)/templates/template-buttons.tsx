'use client';
import { useActionState } from 'react';
import { Copy, Trash2 } from 'lucide-react';
import { ConfirmSubmitButton } from '@/components/ui';
import { FormMessage, SubmitButton, type TFormState } from '@/components/ui/form';
import { deleteTemplateAction, duplicateTemplateAction } from './actions';

/** "Duplicate into my organization": the copy opens when it is made. */
export function DuplicateTemplateButton({ id, size }: { id: string; size?: 'sm' | 'default' }) {
  const [state, action] = useActionState<TFormState, FormData>(duplicateTemplateAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="outline" size={size} pendingText="Copying…">
        <Copy className="h-3.5 w-3.5" aria-hidden /> Duplicate into my organization
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function DeleteTemplateButton({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState<TFormState, FormData>(deleteTemplateAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <ConfirmSubmitButton variant="outline" pendingText="Deleting…" confirm={`Delete the template “${name}”? Campaigns made from it keep their own steps.`}>
        <Trash2 className="h-4 w-4" aria-hidden /> Delete
      </ConfirmSubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

'use client';
import { useActionState } from 'react';
import { ConfirmSubmitButton } from '@/components/ui';
import type { TFormState } from '@/components/ui/form';
import { clearMailboxAction } from './actions';

export function ClearMailboxButton({ disabled }: { disabled?: boolean }) {
  const [state, action] = useActionState<TFormState, FormData>(clearMailboxAction, null);
  return (
    <form action={action} className="flex items-center gap-3">
      {state ? (
        <span role="status" className={state.ok ? 'text-sm text-muted-foreground' : 'text-sm text-destructive'}>
          {state.ok ? state.message : state.error.message}
        </span>
      ) : null}
      <ConfirmSubmitButton variant="outline" disabled={disabled} pendingText="Clearing…" confirm="Delete every email in the dev mailbox? Links in them (invitations, password resets) stay valid, but you will not be able to open them here.">
        Clear mailbox
      </ConfirmSubmitButton>
    </form>
  );
}

'use client';
import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { Button, type TButtonProps } from './button';

/** A submit button that asks `window.confirm(confirm)` first; cancelling stops the form from submitting. */
export function ConfirmSubmitButton({ confirm, pendingText, children, ...props }: TButtonProps & { confirm: string; pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      disabled={pending || props.disabled}
      aria-busy={pending}
      {...props}
      onClick={(e) => {
        if (!window.confirm(confirm)) e.preventDefault();
      }}
    >
      {pending ? (pendingText ?? 'Working…') : children}
    </Button>
  );
}

/**
 * A one-button form for a row of a list (delete, remove, revoke…): hidden fields, and a small outline
 * button that asks `confirm` before it submits.
 */
export function ConfirmActionForm({ action, fields, confirm, pendingText, children }: {
  action: (form: FormData) => void;
  fields: Record<string, string>;
  confirm: string;
  pendingText: string;
  children: ReactNode;
}) {
  return (
    <form action={action}>
      {Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <ConfirmSubmitButton variant="outline" size="sm" pendingText={pendingText} confirm={confirm}>
        {children}
      </ConfirmSubmitButton>
    </form>
  );
}

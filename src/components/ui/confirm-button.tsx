'use client';
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

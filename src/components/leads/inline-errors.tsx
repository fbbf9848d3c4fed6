'use client';
/** Errors of a compact form without labels: each field's message, else the action's message. */
import { fieldError, type TFormState } from '@/components/ui/form';

export function InlineErrors({ state, names }: { state: TFormState; names: string[] }) {
  if (!state || state.ok) return null;
  const messages = names.map((n) => fieldError(state, n)).filter(Boolean);
  return (
    <p className="text-xs text-destructive" role="alert">
      {messages.length ? messages.join(' ') : state.error.message}
    </p>
  );
}

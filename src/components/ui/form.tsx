'use client';
/** Form pieces shared by every server-action form: field errors, the top-level error, a pending button. */
import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { Button, type TButtonProps } from './button';
import { Alert } from './misc';
import { Label } from './input';

export type TFormState = { ok: true; message?: string; data?: unknown } | { ok: false; error: { code: string; message: string; fields?: Record<string, string[]> } } | null;

export function fieldError(state: TFormState, name: string): string | undefined {
  return state && !state.ok ? state.error.fields?.[name]?.[0] : undefined;
}

export function Field({ label, name, state, hint, children }: { label: string; name: string; state?: TFormState; hint?: ReactNode; children: ReactNode }) {
  const err = state ? fieldError(state, name) : undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={name}>{label}</Label>
      {children}
      {err ? (
        <p className="text-xs text-destructive" id={`${name}-error`}>
          {err}
        </p>
      ) : hint ? (
        <p className="text-xs text-muted-foreground">{hint}</p>
      ) : null}
    </div>
  );
}

export function FormMessage({ state }: { state: TFormState }) {
  if (!state) return null;
  if (state.ok) return state.message ? <Alert variant="success">{state.message}</Alert> : null;
  return <Alert variant="error">{state.error.message}</Alert>;
}

/** The result of a list's row actions (delete, revoke…) above the list. */
export function WithFormMessage({ state, children }: { state: TFormState; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={state} />
      {children}
    </div>
  );
}

/** Errors of a compact form without labels: each field's message, else the action's message. */
export function InlineErrors({ state, names }: { state: TFormState; names: string[] }) {
  if (!state || state.ok) return null;
  const messages = names.map((n) => fieldError(state, n)).filter(Boolean);
  return (
    <p className="text-xs text-destructive" role="alert">
      {messages.length ? messages.join(' ') : state.error.message}
    </p>
  );
}

export function SubmitButton({ children, pendingText, ...props }: TButtonProps & { pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-busy={pending} {...props}>
      {pending ? (pendingText ?? 'Working…') : children}
    </Button>
  );
}

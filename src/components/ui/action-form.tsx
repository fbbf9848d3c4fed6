'use client';
/**
 * Server-action forms that keep what the user typed when the action answers with an error.
 * (A plain `<form action={…}>` is reset by React after every submission, errors included.)
 * The form submits inside a transition; it is reset only after a successful result, if asked.
 */
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from 'react';
import { Button, type TButtonProps } from './button';
import type { TFormState } from './form';

export function useActionForm<S extends TFormState>(
  action: (prev: S | null, form: FormData) => Promise<S>,
  opts: { resetOnSuccess?: boolean } = {},
) {
  const [state, dispatch, pending] = useActionState<S | null, FormData>(action, null);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok && opts.resetOnSuccess) ref.current?.reset();
  }, [state, opts.resetOnSuccess]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(e.currentTarget, submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement ? submitter : null);
    startTransition(() => dispatch(data));
  };
  // `action` keeps the form working before hydration (a POST to the server action, never a GET that
  // would put a password in the URL); once hydrated, onSubmit takes over and keeps the typed values.
  return { state, pending, formProps: { ref, onSubmit, action: dispatch, noValidate: true } };
}

/** The submit button of a useActionForm form. */
export function PendingButton({ pending, pendingText, children, ...props }: TButtonProps & { pending: boolean; pendingText?: string }) {
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-busy={pending} {...props}>
      {pending ? (pendingText ?? 'Working…') : children}
    </Button>
  );
}

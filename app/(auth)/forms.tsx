'use client';
/** Client forms for sign-in, sign-up, password reset and invitations (server actions + useActionState). */
import Link from 'next/link';
import { useActionState } from 'react';
import { Input } from '@/components/ui/input';
import { Field, FormMessage, SubmitButton, type TFormState } from '@/components/ui/form';
import { Button } from '@/components/ui/button';
import {
  signInAction, signUpAction, forgotPasswordAction, resetPasswordAction, acceptInvitationAction, createOrganizationAction, oauthAction,
} from './actions';

export function SignInForm({ next, oauth }: { next?: string; oauth: boolean }) {
  const [state, action] = useActionState<TFormState, FormData>(signInAction, null);
  return (
    <div className="flex flex-col gap-4">
      <form action={action} className="flex flex-col gap-4" noValidate>
        <input type="hidden" name="next" value={next ?? ''} />
        <FormMessage state={state} />
        <Field label="Email" name="email" state={state}>
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </Field>
        <Field label="Password" name="password" state={state}>
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      </form>
      {oauth ? <OAuthButtons next={next} /> : null}
      <div className="flex justify-between text-sm">
        <Link className="text-primary hover:underline" href="/forgot-password">Forgot password?</Link>
        <Link className="text-primary hover:underline" href="/signup">Create an account</Link>
      </div>
    </div>
  );
}

function OAuthButtons({ next }: { next?: string }) {
  const [state, action] = useActionState<TFormState, FormData>(oauthAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next ?? ''} />
      <div className="my-1 flex items-center gap-3 text-xs text-muted-foreground"><span className="h-px flex-1 bg-border" />or<span className="h-px flex-1 bg-border" /></div>
      <Button variant="outline" type="submit" name="provider" value="google">Continue with Google</Button>
      <Button variant="outline" type="submit" name="provider" value="azure">Continue with Microsoft</Button>
    </form>
  );
}

export function SignUpForm({ invitation, email, oauth }: { invitation?: string; email?: string; oauth: boolean }) {
  const [state, action] = useActionState<TFormState, FormData>(signUpAction, null);
  if (state?.ok && state.message) return <FormMessage state={state} />;
  return (
    <div className="flex flex-col gap-4">
      <form action={action} className="flex flex-col gap-4" noValidate>
        <input type="hidden" name="invitation" value={invitation ?? ''} />
        <FormMessage state={state} />
        <Field label="Your name" name="fullName" state={state}>
          <Input id="fullName" name="fullName" autoComplete="name" required />
        </Field>
        <Field label="Work email" name="email" state={state}>
          <Input id="email" name="email" type="email" autoComplete="email" defaultValue={email} readOnly={Boolean(invitation && email)} required />
        </Field>
        <Field label="Password" name="password" state={state} hint="At least 10 characters.">
          <Input id="password" name="password" type="password" autoComplete="new-password" required />
        </Field>
        {invitation ? null : (
          <Field label="Company name" name="orgName" state={state} hint="You can change it later.">
            <Input id="orgName" name="orgName" autoComplete="organization" />
          </Field>
        )}
        <SubmitButton pendingText="Creating your account…">{invitation ? 'Create account and join' : 'Create account'}</SubmitButton>
      </form>
      {oauth && !invitation ? <OAuthButtons /> : null}
      <p className="text-center text-sm text-muted-foreground">
        Already have an account? <Link className="text-primary hover:underline" href={invitation ? `/login?next=/invite/${invitation}` : '/login'}>Sign in</Link>
      </p>
    </div>
  );
}

export function ForgotPasswordForm() {
  const [state, action] = useActionState<TFormState, FormData>(forgotPasswordAction, null);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <Field label="Email" name="email" state={state}>
        <Input id="email" name="email" type="email" autoComplete="email" required />
      </Field>
      <SubmitButton pendingText="Sending…">Send reset link</SubmitButton>
      <Link className="text-center text-sm text-primary hover:underline" href="/login">Back to sign in</Link>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token?: string }) {
  const [state, action] = useActionState<TFormState, FormData>(resetPasswordAction, null);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token ?? ''} />
      <FormMessage state={state} />
      <Field label="New password" name="password" state={state} hint="At least 10 characters.">
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Field label="Repeat it" name="confirm" state={state}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
      </Field>
      <SubmitButton pendingText="Saving…">Set new password</SubmitButton>
    </form>
  );
}

export function AcceptInvitationForm({ token }: { token: string }) {
  const [state, action] = useActionState<TFormState, FormData>(acceptInvitationAction, null);
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <SubmitButton pendingText="Joining…">Accept invitation</SubmitButton>
    </form>
  );
}

export function CreateOrganizationForm() {
  const [state, action] = useActionState<TFormState, FormData>(createOrganizationAction, null);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <Field label="Organization name" name="name" state={state}>
        <Input id="name" name="name" required />
      </Field>
      <SubmitButton pendingText="Creating…">Create organization</SubmitButton>
    </form>
  );
}

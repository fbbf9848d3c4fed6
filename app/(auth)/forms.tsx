'use client';
/** Client forms for sign-in, sign-up, password reset and invitations (server actions via useActionForm, which keeps typed values on errors). */
import Link from 'next/link';
import { Input } from '@/components/ui/input';
import { Field, FormMessage } from '@/components/ui/form';
import { PendingButton, useActionForm } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import {
  signInAction, signUpAction, forgotPasswordAction, resetPasswordAction, acceptInvitationAction, createOrganizationAction, oauthAction,
} from './actions';

export function SignInForm({ next, oauth }: { next?: string; oauth: boolean }) {
  const { state, pending, formProps } = useActionForm(signInAction);
  return (
    <div className="flex flex-col gap-4">
      <form {...formProps} className="flex flex-col gap-4">
        <input type="hidden" name="next" value={next ?? ''} />
        <FormMessage state={state} />
        <Field label="Email" name="email" state={state}>
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </Field>
        <Field label="Password" name="password" state={state}>
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        <PendingButton pending={pending} pendingText="Signing in…">Sign in</PendingButton>
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
  const { state, pending, formProps } = useActionForm(oauthAction);
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next ?? ''} />
      <div className="my-1 flex items-center gap-3 text-xs text-muted-foreground"><span className="h-px flex-1 bg-border" />or<span className="h-px flex-1 bg-border" /></div>
      <Button variant="outline" type="submit" name="provider" value="google" disabled={pending}>Continue with Google</Button>
      <Button variant="outline" type="submit" name="provider" value="azure" disabled={pending}>Continue with Microsoft</Button>
    </form>
  );
}

export function SignUpForm({ invitation, email, oauth }: { invitation?: string; email?: string; oauth: boolean }) {
  const { state, pending, formProps } = useActionForm(signUpAction);
  if (state?.ok && state.message) return <FormMessage state={state} />;
  return (
    <div className="flex flex-col gap-4">
      <form {...formProps} className="flex flex-col gap-4">
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
        <PendingButton pending={pending} pendingText="Creating your account…">{invitation ? 'Create account and join' : 'Create account'}</PendingButton>
      </form>
      {oauth && !invitation ? <OAuthButtons /> : null}
      <p className="text-center text-sm text-muted-foreground">
        Already have an account? <Link className="text-primary hover:underline" href={invitation ? `/login?next=/invite/${invitation}` : '/login'}>Sign in</Link>
      </p>
    </div>
  );
}

export function ForgotPasswordForm() {
  const { state, pending, formProps } = useActionForm(forgotPasswordAction);
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <Field label="Email" name="email" state={state}>
        <Input id="email" name="email" type="email" autoComplete="email" required />
      </Field>
      <PendingButton pending={pending} pendingText="Sending…">Send reset link</PendingButton>
      <Link className="text-center text-sm text-primary hover:underline" href="/login">Back to sign in</Link>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token?: string }) {
  const { state, pending, formProps } = useActionForm(resetPasswordAction);
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token ?? ''} />
      <FormMessage state={state} />
      <Field label="New password" name="password" state={state} hint="At least 10 characters.">
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Field label="Repeat it" name="confirm" state={state}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
      </Field>
      <PendingButton pending={pending} pendingText="Saving…">Set new password</PendingButton>
    </form>
  );
}

export function AcceptInvitationForm({ token }: { token: string }) {
  const { state, pending, formProps } = useActionForm(acceptInvitationAction);
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <PendingButton pending={pending} pendingText="Joining…">Accept invitation</PendingButton>
    </form>
  );
}

export function CreateOrganizationForm() {
  const { state, pending, formProps } = useActionForm(createOrganizationAction);
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <Field label="Organization name" name="name" state={state}>
        <Input id="name" name="name" required />
      </Field>
      <PendingButton pending={pending} pendingText="Creating…">Create organization</PendingButton>
    </form>
  );
}

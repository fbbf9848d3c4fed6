import type { Metadata } from 'next';
import Link from 'next/link';
import { env } from '@/lib/env';
import { ForgotPasswordForm } from '../forms';

export const metadata: Metadata = { title: 'Reset your password' };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Reset your password</h1>
      <p className="mb-6 text-sm text-muted-foreground">
        We will email you a link to choose a new one.
        {env().mode === 'local' ? (
          <> In local mode the email lands in the <Link className="text-primary hover:underline" href="/dev/mailbox">dev mailbox</Link>.</>
        ) : null}
      </p>
      <ForgotPasswordForm />
    </>
  );
}

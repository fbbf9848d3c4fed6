import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db';
import { Alert, buttonVariants } from '@/components/ui';
import { env } from '@/lib/env';
import { getOptionalUser } from '@/lib/auth';
import { previewInvitation } from '@/features/accounts';
import { AcceptInvitationForm, SignUpForm } from '../../forms';

export const metadata: Metadata = { title: 'Invitation' };

const STATUS_TEXT = {
  accepted: 'This invitation has already been used. Sign in to reach the organization.',
  revoked: 'This invitation was withdrawn. Ask an owner or admin for a new one.',
  expired: 'This invitation has expired. Ask an owner or admin to send a new one.',
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const inv = await previewInvitation(await getDb(), token);
  if (!inv) {
    return <Alert variant="error">This invitation link is not valid. Check that you copied the whole link, or ask for a new invitation.</Alert>;
  }
  if (inv.status !== 'pending') {
    return (
      <div className="flex flex-col gap-4">
        <Alert variant="error">{STATUS_TEXT[inv.status]}</Alert>
        <Link className={buttonVariants({ variant: 'outline' })} href="/login">Sign in</Link>
      </div>
    );
  }
  const user = await getOptionalUser();
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">Join {inv.orgName}</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          {inv.inviterName ?? 'Someone'} invited <strong>{inv.email}</strong> to join as {inv.role}.
        </p>
      </div>
      {user ? (
        user.email.toLowerCase() === inv.email.toLowerCase() ? (
          <AcceptInvitationForm token={token} />
        ) : (
          <Alert variant="warning">
            You are signed in as {user.email}. This invitation is for {inv.email}: sign out and sign in with that address to accept it.
          </Alert>
        )
      ) : (
        <>
          <SignUpForm invitation={token} email={inv.email} oauth={env().mode === 'cloud'} />
        </>
      )}
    </div>
  );
}

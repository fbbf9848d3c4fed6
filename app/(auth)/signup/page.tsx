import type { Metadata } from 'next';
import { env } from '@/lib/env';
import { SignUpForm } from '../forms';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage() {
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create your LeadPilot account</h1>
      <p className="mb-6 text-sm text-muted-foreground">You will be the owner of a new organization and can invite your team.</p>
      <SignUpForm oauth={env().mode === 'cloud'} />
    </>
  );
}

import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Alert } from '@/components/ui';
import { env } from '@/lib/env';
import { getOptionalUser } from '@/lib/auth';
import { SignInForm } from '../forms';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; signedOut?: string; error?: string }> }) {
  const sp = await searchParams;
  if (await getOptionalUser()) redirect(sp.next && sp.next.startsWith('/') && !sp.next.startsWith('//') ? sp.next : '/dashboard');
  const e = env();
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in to LeadPilot</h1>
      <p className="mb-6 text-sm text-muted-foreground">{e.mode === 'local' ? 'Local mode: accounts live in this machine’s database.' : 'Welcome back.'}</p>
      {sp.signedOut ? <Alert className="mb-4" variant="success">You are signed out.</Alert> : null}
      {sp.error ? <Alert className="mb-4" variant="error">That sign-in link did not work. Please sign in again.</Alert> : null}
      <SignInForm next={sp.next} oauth={e.mode === 'cloud' && Boolean(e.AUTH_GOOGLE_ENABLED ?? true)} />
    </>
  );
}

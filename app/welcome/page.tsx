import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getOptionalUser } from '@/lib/auth';
import { CreateOrganizationForm } from '../(auth)/forms';

export const metadata: Metadata = { title: 'Create an organization' };

export default async function WelcomePage() {
  if (await getOptionalUser()) redirect('/dashboard');
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted px-4">
      <div className="w-full max-w-md rounded-lg border bg-background p-8 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold">You are not in an organization</h1>
        <p className="mb-6 text-sm text-muted-foreground">You were removed from your last organization. Create a new one, or open an invitation link you received.</p>
        <CreateOrganizationForm />
      </div>
    </main>
  );
}

import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { env } from '@/lib/env';

/** Developer tools of local mode. They do not exist in cloud mode. */
export default function DevLayout({ children }: { children: ReactNode }) {
  if (env().mode !== 'local') notFound();
  return (
    <div className="min-h-screen bg-muted/30">
      <header className="flex h-14 items-center gap-4 border-b bg-background px-6">
        <Link href="/" className="text-lg font-bold text-primary">LeadPilot</Link>
        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">Local mode · developer tools</span>
      </header>
      <main className="mx-auto max-w-6xl p-6">{children}</main>
    </div>
  );
}

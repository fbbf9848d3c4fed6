import type { ReactNode } from 'react';
import Link from 'next/link';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-muted px-4 py-12">
      <Link href="/" className="mb-6 text-lg font-bold text-primary">
        LeadPilot
      </Link>
      <div className="w-full max-w-md rounded-lg border bg-background p-8 shadow-sm">{children}</div>
    </main>
  );
}

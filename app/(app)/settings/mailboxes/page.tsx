import { redirect } from 'next/navigation';

/**
 * MAILBOXES_PATH (mailbox notifications, the OAuth callback's return with ?connected= / ?oauth_error=)
 * points here; the mailboxes page lives at /mailboxes.
 */
export default async function SettingsMailboxesRedirect({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) if (typeof v === 'string') q.set(k, v);
  redirect(`/mailboxes${q.size ? `?${q}` : ''}`);
}

import { redirect } from 'next/navigation';

/** The review queue lives under campaigns (PATHS.approvals); this short address leads there. */
export default async function ApprovalsRedirect({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) if (typeof v === 'string') q.set(k, v);
  redirect(`/campaigns/approvals${q.size ? `?${q}` : ''}`);
}

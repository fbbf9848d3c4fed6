import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser, asUser } from '@/lib/auth';
import { isUuid } from '@/lib/uuid';
import { BackLink, Button, EmptyState, PageHeader, Select, TabLink, Tabs, buttonVariants, formatDateTime } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import { findCampaigns, findReviewQueue } from '@/features/sequences';
import { readableCursor } from '../cursor';
import { ReviewList } from './review-ui';

export const metadata: Metadata = { title: 'Approval queue' };

const KINDS = [
  { id: 'approval', label: 'Waiting for approval', empty: 'Nothing waits for approval. Campaigns in manual approval mode put every email here before it is sent.' },
  { id: 'blocked', label: 'Held back', empty: 'No email is held back. An email lands here when a variable has no value for its lead and no fallback.' },
  { id: 'uncertain', label: 'Sent or not?', empty: 'No email has an unknown send outcome. One lands here when a send is interrupted after the mail server may have accepted it.' },
] as const;
type TKind = (typeof KINDS)[number]['id'];

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<{ kind?: string; campaignId?: string; cursor?: string }> }) {
  const sp = await searchParams;
  const kind: TKind = KINDS.find((k) => k.id === sp.kind)?.id ?? 'approval';
  const campaignId = sp.campaignId && isUuid(sp.campaignId) ? sp.campaignId : null;
  const user = await requireUser();
  const data = await asUser(user, async (db) => {
    const scope = campaignId ? { campaignId } : {};
    const [page, approval, blocked, uncertain, campaigns, org] = await Promise.all([
      findReviewQueue(db, user.orgId, { kind, ...scope, limit: 50, cursor: readableCursor(sp.cursor) }),
      findReviewQueue(db, user.orgId, { kind: 'approval', ...scope, limit: 1 }),
      findReviewQueue(db, user.orgId, { kind: 'blocked', ...scope, limit: 1 }),
      findReviewQueue(db, user.orgId, { kind: 'uncertain', ...scope, limit: 1 }),
      findCampaigns(db, user.orgId),
      getOrganization(db, user.orgId),
    ]);
    return { page, totals: { approval: approval.total, blocked: blocked.total, uncertain: uncertain.total }, campaigns, tz: org.timezone };
  });
  const { page, totals, campaigns, tz } = data;
  const href = (k: TKind, extra: Record<string, string> = {}) => {
    const p = new URLSearchParams({ ...(k === 'approval' ? {} : { kind: k }), ...(campaignId ? { campaignId } : {}), ...extra });
    const s = p.toString();
    return `/campaigns/approvals${s ? `?${s}` : ''}`;
  };
  const meta = KINDS.find((k) => k.id === kind)!;
  return (
    <>
      <BackLink href="/campaigns">Campaigns</BackLink>
      <PageHeader
        title="Approval queue"
        description="Emails that wait for a person: approve or edit them before they go out, fix the ones held back by a missing value, and decide about sends whose outcome is unknown."
      />
      <form className="mb-4 flex flex-wrap items-end gap-2" action="/campaigns/approvals">
        {kind !== 'approval' ? <input type="hidden" name="kind" value={kind} /> : null}
        <div className="flex flex-col gap-1">
          <label htmlFor="campaignId" className="text-xs text-muted-foreground">Campaign</label>
          <Select id="campaignId" name="campaignId" defaultValue={campaignId ?? ''} className="h-8 w-64">
            <option value="">All campaigns</option>
            {campaigns.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </Select>
        </div>
        <Button type="submit" size="sm" variant="outline">Show</Button>
      </form>
      <Tabs label="Review queue" overflow="wrap" className="mb-6">
        {KINDS.map((k) => (
          <TabLink key={k.id} href={href(k.id)} active={k.id === kind}>
            {k.label} <span className="text-xs">({totals[k.id].toLocaleString('en')})</span>
          </TabLink>
        ))}
      </Tabs>
      {page.items.length === 0 ? (
        <EmptyState
          title="Nothing here"
          description={meta.empty}
          action={<Link href="/campaigns" className={buttonVariants({ variant: 'outline' })}>Back to campaigns</Link>}
        />
      ) : (
        <>
          <ReviewList
            kind={kind}
            items={page.items}
            campaignId={campaignId}
            total={totals[kind]}
            when={Object.fromEntries(page.items.map((i) => [i.id, `queued ${formatDateTime(i.createdAt, tz)}`]))}
          />
          {page.nextCursor ? (
            <div className="mt-4 flex justify-end">
              <Link href={href(kind, { cursor: page.nextCursor })} className={buttonVariants({ variant: 'outline', size: 'sm' })}>Next page</Link>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { ListChecks, Plus } from 'lucide-react';
import { requireUser, asUser } from '@/lib/auth';
import { Alert, EmptyState, PageHeader, TabLink, Table, Tabs, Td, Th, buttonVariants, formatDateTime } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import { campaignsOverview, findCampaigns, findReviewQueue } from '@/features/sequences';
import { CampaignStatusBadge } from '@/components/sequences/badges';
import { CAMPAIGN_STATUS_LABELS, pct } from '@/components/sequences/labels';

export const metadata: Metadata = { title: 'Campaigns' };

const STATUSES = ['draft', 'active', 'paused', 'completed', 'archived'] as const;

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<{ status?: string; deleted?: string }> }) {
  const sp = await searchParams;
  const status = STATUSES.find((s) => s === sp.status);
  const user = await requireUser();
  const { campaigns, overview, tz, pending } = await asUser(user, async (db) => {
    const [campaigns, overview, org, approvals, uncertain] = await Promise.all([
      findCampaigns(db, user.orgId, status ? { status } : {}),
      campaignsOverview(db, user.orgId),
      getOrganization(db, user.orgId),
      findReviewQueue(db, user.orgId, { kind: 'approval', limit: 1 }),
      findReviewQueue(db, user.orgId, { kind: 'uncertain', limit: 1 }),
    ]);
    return { campaigns, overview, tz: org.timezone, pending: { approval: approvals.total, uncertain: uncertain.total } };
  });
  const totals = new Map(overview.map((o) => [o.campaignId, o.totals]));
  const review = pending.approval + pending.uncertain;
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Sequences sent to an audience from your mailboxes. Open a campaign to build its steps, choose who gets it, and see why each lead is waiting."
        actions={
          <>
            <Link href="/campaigns/approvals" className={buttonVariants({ variant: 'outline' })}>
              <ListChecks className="h-4 w-4" aria-hidden /> Approval queue{review ? ` (${review})` : ''}
            </Link>
            <Link href="/campaigns/new" className={buttonVariants()}><Plus className="h-4 w-4" aria-hidden /> New campaign</Link>
          </>
        }
      />
      {sp.deleted ? <Alert variant="success" className="mb-4">Draft campaign deleted.</Alert> : null}
      {pending.uncertain ? (
        <Alert variant="warning" className="mb-4">
          {pending.uncertain} email{pending.uncertain === 1 ? '' : 's'} may or may not have left (the send was interrupted). They are never re-sent by themselves:{' '}
          <Link className="underline" href="/campaigns/approvals?kind=uncertain">review them</Link>.
        </Alert>
      ) : null}
      <Tabs label="Campaign status" overflow="wrap" className="mb-4">
        {[undefined, ...STATUSES].map((s) => (
          <TabLink key={s ?? 'all'} href={s ? `/campaigns?status=${s}` : '/campaigns'} active={s === status}>
            {s ? CAMPAIGN_STATUS_LABELS[s] : 'All'}
          </TabLink>
        ))}
      </Tabs>
      {campaigns.length === 0 ? (
        <EmptyState
          title={status ? `No ${CAMPAIGN_STATUS_LABELS[status]!.toLowerCase()} campaigns` : 'No campaigns yet'}
          description={status ? 'Campaigns show here when they reach this status.' : 'Start one from a template (a proven sequence) or from a blank sequence, choose the leads, and activate it.'}
          action={
            <div className="flex flex-wrap justify-center gap-2">
              <Link href="/campaigns/new" className={buttonVariants()}>New campaign</Link>
              <Link href="/templates" className={buttonVariants({ variant: 'outline' })}>Browse templates</Link>
            </div>
          }
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Campaign</Th>
              <Th>Status</Th>
              <Th className="text-right">Leads</Th>
              <Th className="text-right">Sent</Th>
              <Th className="text-right">Opened</Th>
              <Th className="text-right">Clicked</Th>
              <Th className="text-right">Replied</Th>
              <Th className="text-right">Bounced</Th>
              <Th>Created</Th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => {
              const m = totals.get(c.id);
              return (
                <tr key={c.id} data-testid="campaign-row" className="hover:bg-muted/40">
                  <Td>
                    <Link href={`/campaigns/${c.id}`} className="font-medium hover:text-primary hover:underline">{c.name}</Link>
                    <div className="text-xs text-muted-foreground">
                      {c.mailboxes.length ? c.mailboxes.map((x) => x.email).join(', ') : 'No mailbox yet'}
                      {c.counts.pendingApproval ? ` · ${c.counts.pendingApproval} awaiting approval` : ''}
                      {c.counts.blocked ? ` · ${c.counts.blocked} held back` : ''}
                    </div>
                  </Td>
                  <Td><CampaignStatusBadge status={c.status} /></Td>
                  <Td className="text-right tabular-nums">
                    {c.counts.enrolled.toLocaleString('en')}
                    <div className="text-xs text-muted-foreground">{c.counts.active.toLocaleString('en')} active</div>
                  </Td>
                  <Td className="text-right tabular-nums">{(m?.sent ?? 0).toLocaleString('en')}</Td>
                  <Td className="text-right tabular-nums">{pct(m?.openRate)}</Td>
                  <Td className="text-right tabular-nums">{pct(m?.clickRate)}</Td>
                  <Td className="text-right tabular-nums">{pct(m?.replyRate)}</Td>
                  <Td className="text-right tabular-nums">{pct(m?.bounceRate)}</Td>
                  <Td className="whitespace-nowrap text-xs text-muted-foreground">{formatDateTime(c.createdAt, tz)}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { CheckCircle2, CircleAlert, XCircle } from 'lucide-react';
import { requireUser, asUser } from '@/lib/auth';
import { nullIfNotFound } from '@/lib/errors';
import { isUuid } from '@/lib/uuid';
import {
  Alert, BackLink, Badge, Button, Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState, NotFoundState, PageHeader, Select, TabLink, Table, Tabs, Td, Th, buttonVariants,
} from '@/components/ui';
import type { TWaitingReason } from '@/db/schema';
import { getOrganization, TIMEZONE_OPTIONS } from '@/features/accounts';
import { findLeadPickers, findLists } from '@/features/leads';
import { actorOf, findMailboxes } from '@/features/mailboxes';
import {
  CAMPAIGN_TRANSITIONS, campaignMetrics, campaignReadiness, findEnrollments, getCampaign, getSequence, type TCampaignView, type TMetrics, type TReadiness,
} from '@/features/sequences';
import { CampaignStatusBadge, EnrollmentStatusBadge, WaitingBadge } from '@/components/sequences/badges';
import { ENROLLMENT_STATUS_LABELS, STEP_TYPE_LABELS, WAITING_LABELS, pct, plural } from '@/components/sequences/labels';
import { MetricsChart } from '@/components/sequences/metrics-chart';
import { builderContext } from '../../sequences/context';
import { readableCursor } from '../cursor';
import { AudiencePicker } from './audience-picker';
import { EnrollmentButtons, LifecycleButtons, YourTime } from './campaign-ui';
import { CampaignSequenceEditor } from './sequence-editor';
import { CampaignSettingsForm } from './settings-form';

export const metadata: Metadata = { title: 'Campaign' };

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'sequence', label: 'Sequence' },
  { id: 'audience', label: 'Audience' },
  { id: 'enrollments', label: 'Enrollments' },
  { id: 'settings', label: 'Settings' },
] as const;
type TTab = (typeof TABS)[number]['id'];

type TSearch = { tab?: string; created?: string; status?: string; waiting?: string; cursor?: string };

export default async function CampaignPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<TSearch> }) {
  const { id } = await params;
  const sp = await searchParams;
  const tab: TTab = TABS.find((t) => t.id === sp.tab)?.id ?? 'overview';
  const user = await requireUser();
  const base = !isUuid(id)
    ? null
    : await asUser(user, (db) =>
        nullIfNotFound(async () => {
          const [campaign, readiness, org] = await Promise.all([getCampaign(db, user.orgId, id), campaignReadiness(db, user.orgId, id), getOrganization(db, user.orgId)]);
          return { campaign, readiness, tz: org.timezone };
        }),
      );
  if (!base) {
    return (
      <NotFoundState title="This campaign does not exist" backHref="/campaigns" backLabel="Back to campaigns" />
    );
  }
  const { campaign: c, readiness, tz } = base;
  const ended = c.status === 'completed' || c.status === 'archived';
  const tabHref = (t: TTab) => `/campaigns/${c.id}${t === 'overview' ? '' : `?tab=${t}`}`;
  return (
    <>
      <BackLink href="/campaigns">Campaigns</BackLink>
      <PageHeader
        title={c.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <CampaignStatusBadge status={c.status} />
            <span>
              {plural(c.counts.enrolled, 'lead')} · sequence version {c.currentVersion.version} ·{' '}
              {c.mailboxes.length ? `from ${c.mailboxes.map((m) => m.email).join(', ')}` : 'no mailbox yet'}
            </span>
            {c.description ? <span>· {c.description}</span> : null}
          </span>
        }
        actions={<LifecycleButtons id={c.id} status={c.status} next={CAMPAIGN_TRANSITIONS[c.status]} canDelete={c.status === 'draft'} name={c.name} />}
      />
      {sp.created ? (
        <Alert variant="success" className="mb-4">
          Campaign created as a draft. Edit its steps here, choose the leads on the Audience tab and the sending rules on Settings, then activate it.
        </Alert>
      ) : null}
      {!ended && (c.status === 'draft' || !readiness.ready) ? <ReadinessLine readiness={readiness} draft={c.status === 'draft'} /> : null}
      {c.counts.pendingApproval || c.counts.uncertain ? (
        <Alert variant="warning" className="mb-4">
          {c.counts.pendingApproval ? `${plural(c.counts.pendingApproval, 'email')} waiting for approval. ` : ''}
          {c.counts.uncertain ? `${plural(c.counts.uncertain, 'email')} with an unknown send outcome. ` : ''}
          <Link className="underline" href={`/campaigns/approvals?campaignId=${c.id}${c.counts.pendingApproval ? '' : '&kind=uncertain'}`}>Open the approval queue</Link>.
        </Alert>
      ) : null}
      <Tabs label="Campaign" className="mb-6">
        {TABS.map((t) => (
          <TabLink key={t.id} href={tabHref(t.id)} active={t.id === tab}>
            {t.label}
            {t.id === 'enrollments' && c.counts.enrolled ? <span className="ml-1 text-xs text-muted-foreground">{c.counts.enrolled.toLocaleString('en')}</span> : null}
          </TabLink>
        ))}
      </Tabs>
      {tab === 'overview' ? <OverviewTab c={c} readiness={readiness} user={user} /> : null}
      {tab === 'sequence' ? <SequenceTab c={c} user={user} ended={ended} /> : null}
      {tab === 'audience' ? <AudienceTab c={c} user={user} ended={ended} /> : null}
      {tab === 'enrollments' ? <EnrollmentsTab c={c} user={user} tz={tz} sp={sp} /> : null}
      {tab === 'settings' ? <SettingsTab c={c} user={user} ended={ended} /> : null}
    </>
  );
}

type TUser = Awaited<ReturnType<typeof requireUser>>;

function ReadinessLine({ readiness, draft }: { readiness: TReadiness; draft: boolean }) {
  return (
    <Alert variant={readiness.ready ? 'info' : 'warning'} className="mb-4" data-testid="readiness">
      <p className="font-medium">{readiness.ready ? (draft ? 'Ready to activate.' : 'Sending. Worth a look:') : 'Before this campaign can send:'}</p>
      <ul className="mt-1 flex flex-col gap-0.5">
        {readiness.problems.map((p) => (
          <li key={p} className="flex items-start gap-1.5"><XCircle className="mt-0.5 h-3.5 w-3.5 shrink-0 text-red-700" aria-hidden /> {p}</li>
        ))}
        {readiness.warnings.map((w) => (
          <li key={w} className="flex items-start gap-1.5"><CircleAlert className="mt-0.5 h-3.5 w-3.5 shrink-0 text-amber-700" aria-hidden /> {w}</li>
        ))}
        {readiness.ready && !readiness.warnings.length ? (
          <li className="flex items-start gap-1.5"><CheckCircle2 className="mt-0.5 h-3.5 w-3.5 shrink-0 text-green-700" aria-hidden /> Steps are valid and a mailbox is active.</li>
        ) : null}
      </ul>
    </Alert>
  );
}

// ---- overview: counts, readiness, metrics ----------------------------------------------------------

async function OverviewTab({ c, readiness, user }: { c: TCampaignView; readiness: TReadiness; user: TUser }) {
  const m = await asUser(user, (db) => campaignMetrics(db, user.orgId, c.id));
  const counts = [
    ['Enrolled', c.counts.enrolled], ['Active', c.counts.active], ['Paused', c.counts.paused], ['Completed', c.counts.completed], ['Stopped', c.counts.stopped],
    ['Scheduled', c.counts.scheduled], ['Awaiting approval', c.counts.pendingApproval], ['Held back', c.counts.blocked], ['Uncertain', c.counts.uncertain],
  ] as const;
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Leads</CardTitle>
          <CardDescription>
            Where the campaign&apos;s leads are. <Link className="text-primary hover:underline" href={`/campaigns/${c.id}?tab=enrollments`}>See each one and why it is waiting</Link>.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-3 gap-4 sm:grid-cols-5 lg:grid-cols-9">
            {counts.map(([label, n]) => (
              <div key={label}>
                <dt className="text-xs text-muted-foreground">{label}</dt>
                <dd className="text-lg font-semibold tabular-nums">{n.toLocaleString('en')}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      {(c.status === 'active' || c.status === 'paused') && readiness.ready && readiness.warnings.length ? <ReadinessLine readiness={readiness} draft={false} /> : null}
      <MetricsCard m={m} />
    </div>
  );
}

const TILES: { key: 'sent' | 'delivered' | 'opened' | 'clicked' | 'replied' | 'bounced' | 'unsubscribed'; label: string; rate?: keyof TMetrics['totals'] }[] = [
  { key: 'sent', label: 'Sent' },
  { key: 'delivered', label: 'Delivered', rate: 'deliveryRate' },
  { key: 'opened', label: 'Opened (people)', rate: 'openRate' },
  { key: 'clicked', label: 'Clicked (people)', rate: 'clickRate' },
  { key: 'replied', label: 'Replied', rate: 'replyRate' },
  { key: 'bounced', label: 'Bounced', rate: 'bounceRate' },
  { key: 'unsubscribed', label: 'Unsubscribed', rate: 'unsubscribeRate' },
];

function MetricsCard({ m }: { m: TMetrics }) {
  const t = m.totals;
  const bots = t.botOpens + t.botClicks;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Results</CardTitle>
        <CardDescription>
          {m.range.from} to {m.range.to}, days in {m.range.timezone.replaceAll('_', ' ')}. Rates are of delivered emails; bounces of sent ones.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-7" data-testid="metrics-totals">
          {TILES.map((tile) => {
            const value = t[tile.key];
            const rate = tile.rate ? (t[tile.rate] as number | null) : null;
            return (
              <div key={tile.key} data-testid={`metric-${tile.key}`} data-value={value}>
                <dt className="text-xs text-muted-foreground">{tile.label}</dt>
                <dd className="text-xl font-semibold tabular-nums">{value.toLocaleString('en')}</dd>
                {tile.rate ? <dd className="text-xs text-muted-foreground">{pct(rate)}</dd> : null}
              </div>
            );
          })}
        </dl>
        <p className="text-xs text-muted-foreground" data-testid="bot-note">
          Opens and clicks count people only: hits from security scanners, link pre-fetchers and mail-privacy proxies (Apple Mail Privacy Protection, Gmail&apos;s image proxy)
          are recorded but excluded{bots ? ` — ${plural(t.botOpens, 'open')} and ${plural(t.botClicks, 'click')} excluded so far` : ' — none so far'}.
        </p>
        <MetricsChart series={m.series} timezone={m.range.timezone} />
        {m.steps.length ? (
          <Table data-testid="metrics-steps">
            <thead>
              <tr>
                <Th>Email step</Th>
                <Th className="text-right">Sent</Th>
                <Th className="text-right">Delivered</Th>
                <Th className="text-right">Opened</Th>
                <Th className="text-right">Clicked</Th>
                <Th className="text-right">Replied</Th>
                <Th className="text-right">Bounced</Th>
                <Th className="text-right">Unsubscribed</Th>
              </tr>
            </thead>
            <tbody>
              {m.steps.flatMap((s) => {
                const rows = [{ key: s.stepId, label: `Step ${s.stepIndex + 1}${s.name ? ` · ${s.name}` : ''}`, line: s.totals, sub: false }];
                if (s.variants.length > 1) for (const v of s.variants) rows.push({ key: `${s.stepId}-${v.variant}`, label: `Variant ${v.variant}`, line: v, sub: true });
                return rows.map((r) => (
                  <tr key={r.key} className={r.sub ? 'text-muted-foreground' : ''}>
                    <Td className={r.sub ? 'pl-8' : 'font-medium'}>{r.label}</Td>
                    <Td className="text-right tabular-nums">{r.line.sent}</Td>
                    <Td className="text-right tabular-nums">{r.line.delivered} <span className="text-xs text-muted-foreground">{pct(r.line.deliveryRate)}</span></Td>
                    <Td className="text-right tabular-nums">{r.line.opened} <span className="text-xs text-muted-foreground">{pct(r.line.openRate)}</span></Td>
                    <Td className="text-right tabular-nums">{r.line.clicked} <span className="text-xs text-muted-foreground">{pct(r.line.clickRate)}</span></Td>
                    <Td className="text-right tabular-nums">{r.line.replied} <span className="text-xs text-muted-foreground">{pct(r.line.replyRate)}</span></Td>
                    <Td className="text-right tabular-nums">{r.line.bounced} <span className="text-xs text-muted-foreground">{pct(r.line.bounceRate)}</span></Td>
                    <Td className="text-right tabular-nums">{r.line.unsubscribed} <span className="text-xs text-muted-foreground">{pct(r.line.unsubscribeRate)}</span></Td>
                  </tr>
                ));
              })}
            </tbody>
          </Table>
        ) : null}
      </CardContent>
    </Card>
  );
}

// ---- sequence --------------------------------------------------------------------------------------

async function SequenceTab({ c, user, ended }: { c: TCampaignView; user: TUser; ended: boolean }) {
  const { seq, ctx } = await asUser(user, async (db) => ({ seq: await getSequence(db, user.orgId, c.sequenceId), ctx: await builderContext(db, user) }));
  const older = seq.versions.filter((v) => v.id !== seq.current.id).reduce((n, v) => n + v.enrolled, 0);
  return (
    <CampaignSequenceEditor
      campaignId={c.id}
      mailboxId={c.mailboxes[0]?.id}
      running={c.status === 'active' || c.status === 'paused'}
      version={seq.current.version}
      steps={seq.current.steps}
      stillOnOlder={older}
      ctx={ctx}
      readOnly={ended}
    />
  );
}

// ---- audience --------------------------------------------------------------------------------------

async function AudienceTab({ c, user, ended }: { c: TCampaignView; user: TUser; ended: boolean }) {
  const { lists, tags } = await asUser(user, async (db) => ({ lists: await findLists(db, user.orgId), tags: (await findLeadPickers(db, user.orgId)).tags }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Enroll leads</CardTitle>
        <CardDescription>
          Pick lists, or search the leads table and enroll the leads you pick — or everything the search matches (up to 10,000 at once). Leads enrolled while the campaign is a draft start when you activate it.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <AudiencePicker campaignId={c.id} lists={lists.map((l) => ({ id: l.id, name: l.name, leadCount: l.leadCount }))} tags={tags.map((t) => ({ id: t.id, name: t.name }))} ended={ended} />
      </CardContent>
    </Card>
  );
}

// ---- enrollments -----------------------------------------------------------------------------------

async function EnrollmentsTab({ c, user, tz, sp }: { c: TCampaignView; user: TUser; tz: string; sp: TSearch }) {
  const status = ['active', 'paused', 'completed', 'stopped'].includes(sp.status ?? '') ? (sp.status as 'active') : undefined;
  const waiting = sp.waiting && sp.waiting in WAITING_LABELS ? sp.waiting : undefined;
  const page = await asUser(user, (db) =>
    findEnrollments(db, user.orgId, { campaignId: c.id, status, waitingReason: waiting as TWaitingReason | undefined, tz, limit: 50, cursor: readableCursor(sp.cursor) }),
  );
  const filtered = Boolean(status || waiting);
  const q = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams({ tab: 'enrollments' });
    for (const [k, v] of Object.entries({ status, waiting, ...extra })) if (v) p.set(k, v);
    return `/campaigns/${c.id}?${p}`;
  };
  return (
    <div className="flex flex-col gap-4">
      <form className="flex flex-wrap items-end gap-3" action={`/campaigns/${c.id}`}>
        <input type="hidden" name="tab" value="enrollments" />
        <div className="flex flex-col gap-1">
          <label htmlFor="e-status" className="text-xs text-muted-foreground">Status</label>
          <Select id="e-status" name="status" defaultValue={status ?? ''} className="h-8 w-40">
            <option value="">Any status</option>
            {Object.entries(ENROLLMENT_STATUS_LABELS).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="e-waiting" className="text-xs text-muted-foreground">Waiting because</label>
          <Select id="e-waiting" name="waiting" defaultValue={waiting ?? ''} className="h-8 w-56">
            <option value="">Any reason</option>
            {[
              'waiting_for_delay', 'outside_window', 'daily_cap_reached', 'campaign_daily_cap', 'mailbox_gap', 'mailbox_paused', 'no_mailbox', 'approval_pending',
              'missing_variable', 'suppressed', 'waiting_for_condition', 'waiting_for_task', 'scheduled', 'retrying', 'uncertain_review',
            ].map((k) => <option key={k} value={k}>{WAITING_LABELS[k]}</option>)}
          </Select>
        </div>
        <Button type="submit" size="sm" variant="outline">Filter</Button>
        {filtered ? <Link href={`/campaigns/${c.id}?tab=enrollments`} className={buttonVariants({ variant: 'ghost', size: 'sm' })}>Clear</Link> : null}
      </form>
      {page.enrollments.length === 0 ? (
        <EmptyState
          title={filtered ? 'No lead matches these filters' : 'No leads in this campaign yet'}
          description={filtered ? 'Clear the filters to see every lead of the campaign.' : 'Enroll leads on the Audience tab: pick lists, search for leads, or take everything a search matches.'}
          action={filtered ? undefined : <Link href={`/campaigns/${c.id}?tab=audience`} className={buttonVariants()}>Enroll leads</Link>}
        />
      ) : (
        <Table data-testid="enrollments">
          <thead>
            <tr>
              <Th>Lead</Th>
              <Th>Status</Th>
              <Th>Step</Th>
              <Th>Next send</Th>
              <Th>Why</Th>
              <Th className="text-right"><span className="sr-only">Actions</span></Th>
            </tr>
          </thead>
          <tbody>
            {page.enrollments.map((e) => (
              <tr key={e.id} data-testid="enrollment-row" data-lead-email={e.leadEmail ?? ''} className="align-top">
                <Td>
                  <Link href={`/leads/${e.leadId}`} className="font-medium hover:text-primary hover:underline">{e.leadName || e.leadEmail || 'Unnamed lead'}</Link>
                  {e.leadEmail && e.leadName ? <div className="text-xs text-muted-foreground">{e.leadEmail}</div> : null}
                </Td>
                <Td>
                  <EnrollmentStatusBadge status={e.status} />
                  {e.version !== c.currentVersion.version ? <div className="mt-1"><Badge variant="muted" title="Started on an older version of the sequence">v{e.version}</Badge></div> : null}
                </Td>
                <Td className="whitespace-nowrap text-sm">
                  {e.currentStep.type ? `${Math.min(e.currentStep.index + 1, e.currentStep.total)} of ${e.currentStep.total} · ${STEP_TYPE_LABELS[e.currentStep.type] ?? e.currentStep.type}` : `${e.currentStep.total} of ${e.currentStep.total}`}
                </Td>
                <Td className="text-xs">
                  {e.nextSendAt ? (
                    <>
                      <div><span className="text-muted-foreground">Lead&apos;s time: </span>{e.nextSendAtLeadTime}</div>
                      <div><span className="text-muted-foreground">Yours: </span><YourTime iso={e.nextSendAt} fallback={e.nextSendAtYourTime} /></div>
                    </>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </Td>
                <Td className="max-w-md text-xs">
                  <WaitingBadge reason={e.waiting.reason} />
                  <p className="mt-1 text-muted-foreground" data-testid="waiting-message">{e.waiting.message}</p>
                </Td>
                <Td className="text-right">
                  <EnrollmentButtons id={e.id} status={e.status} blocked={e.waiting.reason === 'missing_variable'} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <div className="flex justify-between">
        {sp.cursor ? <Link href={q({})} className={buttonVariants({ variant: 'outline', size: 'sm' })}>First page</Link> : <span />}
        {page.nextCursor ? <Link href={q({ cursor: page.nextCursor })} className={buttonVariants({ variant: 'outline', size: 'sm' })}>Next page</Link> : null}
      </div>
    </div>
  );
}

// ---- settings --------------------------------------------------------------------------------------

async function SettingsTab({ c, user, ended }: { c: TCampaignView; user: TUser; ended: boolean }) {
  const mailboxes = await asUser(user, (db) => findMailboxes(db, actorOf(user)));
  return (
    <CampaignSettingsForm
      id={c.id}
      name={c.name}
      description={c.description}
      settings={c.settings}
      mailboxes={mailboxes.map((m) => ({ id: m.id, email: m.email, provider: m.provider, status: m.status, dailyLimit: m.dailyLimit }))}
      chosen={c.mailboxes.map((m) => m.id)}
      timezones={TIMEZONE_OPTIONS}
      ended={ended}
    />
  );
}

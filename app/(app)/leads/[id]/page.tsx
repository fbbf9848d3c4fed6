import type { Metadata } from 'next';
import Link from 'next/link';
import { ShieldBan } from 'lucide-react';
import { requireUser, asUser } from '@/lib/auth';
import { nullIfNotFound } from '@/lib/errors';
import { Alert, BackLink, Badge, Card, CardContent, CardDescription, CardHeader, CardTitle, NotFoundState, PageHeader, formatDateTime } from '@/components/ui';
import { findMembers, getOrganization } from '@/features/accounts';
import { findLeadPickers, getLeadDetail, type TLeadDetail } from '@/features/leads';
import { FitScore, IntentBadge, StatusBadge, SuppressedBadge } from '@/components/leads/badges';
import { SUPPRESSION_REASON_LABELS, leadName } from '@/components/leads/labels';
import { ScoreChart } from '@/components/leads/score-chart';
import { scorePoints } from '@/components/leads/score-points';
import { SignalList } from '@/components/leads/signal-list';
import { Timeline } from '@/components/leads/timeline';
import { DeleteLeadButton, Memberships, ProfileCard, StatusSelect, type TProfileRow } from './lead-detail-ui';
import { LeadCampaigns } from '../../campaigns/lead-campaigns';

export const metadata: Metadata = { title: 'Lead' };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const data = await asUser(user, (db) =>
    nullIfNotFound(async () => {
      const [detail, { lists, tags }, org, members] = await Promise.all([
        getLeadDetail(db, user.orgId, id), findLeadPickers(db, user.orgId), getOrganization(db, user.orgId), findMembers(db, user.orgId),
      ]);
      return { detail, lists, tags, tz: org.timezone, members: new Map(members.map((m) => [m.userId, m.fullName || m.email])) };
    }),
  );
  if (!data) {
    return (
      <NotFoundState
        title="This lead does not exist"
        description="It may have been deleted, or it belongs to another organization. Deleted leads can be restored from the banner on the leads table during the session they were deleted in."
        backHref="/leads"
        backLabel="Back to leads"
      />
    );
  }
  const { detail, tz } = data;
  const { lead, company } = detail;
  const name = leadName(lead);
  const custom = detail.customFieldDefinitions.map((f) => ({ key: f.key, label: f.label, type: f.type }));

  return (
    <>
      <BackLink href="/leads">Leads</BackLink>
      <PageHeader
        title={name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {[lead.title, lead.companyName].filter(Boolean).join(' at ') || lead.email || 'No title or company yet'}
            <StatusBadge status={lead.status} />
            {lead.suppressedAt ? <SuppressedBadge reason={lead.suppressedReason} /> : null}
          </span>
        }
        actions={<DeleteLeadButton id={lead.id} name={name} />}
      />

      {lead.suppressedAt ? (
        <Alert variant="warning" className="mb-6 flex items-start gap-3" data-testid="suppressed-banner">
          <ShieldBan className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
          <div>
            <p className="font-medium">
              Suppressed since {formatDateTime(lead.suppressedAt, tz)} — {SUPPRESSION_REASON_LABELS[lead.suppressedReason ?? ''] ?? lead.suppressedReason ?? 'on the suppression list'}.
            </p>
            <p className="mt-0.5">LeadPilot will never email or message this address. To lift it, an owner or admin removes the entry from the <Link className="underline" href={`/suppression?q=${encodeURIComponent(lead.email ?? '')}`}>suppression list</Link>.</p>
          </div>
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>Profile</CardTitle>
              <CardDescription>Every field and custom field of this lead.</CardDescription>
            </CardHeader>
            <CardContent>
              <ProfileCard
                id={lead.id}
                rows={profileRows(detail)}
                values={{
                  email: lead.email, firstName: lead.firstName, lastName: lead.lastName, title: lead.title, seniority: lead.seniority, department: lead.department,
                  phone: lead.phone, whatsapp: lead.whatsapp, linkedinUrl: lead.linkedinUrl, website: lead.website, city: lead.city, state: lead.state,
                  country: lead.country, timezone: lead.timezone, source: lead.source, companyName: lead.companyName, companyDomain: company?.domain ?? null,
                }}
                currentCompanyDomain={company?.domain ?? ''}
                custom={custom}
                customValues={lead.customFields}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Activity</CardTitle>
              <CardDescription>Newest first. Times in {tz.replaceAll('_', ' ')}.</CardDescription>
            </CardHeader>
            <CardContent>
              <Timeline
                events={detail.timeline.map((e) => ({
                  id: e.id, type: e.type, summary: e.summary, when: formatDateTime(e.occurredAt, tz), iso: e.occurredAt,
                  // Who did it: a member by name; someone who has left the organization as such; the system (imports, jobs) unnamed.
                  by: e.actorId ? (data.members.get(e.actorId) ?? 'a former member') : null,
                }))}
              />
            </CardContent>
          </Card>
        </div>

        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Status</CardTitle>
            </CardHeader>
            <CardContent>
              <StatusSelect id={lead.id} status={lead.status} />
            </CardContent>
          </Card>
          <LeadCampaigns leadId={lead.id} />
          <Card>
            <CardHeader>
              <CardTitle>Lists and tags</CardTitle>
            </CardHeader>
            <CardContent>
              <Memberships
                id={lead.id}
                lists={lead.lists}
                tags={lead.tags}
                allLists={data.lists.map((l) => ({ id: l.id, name: l.name }))}
                allTags={data.tags.map((t) => ({ id: t.id, name: t.name, color: t.color }))}
              />
            </CardContent>
          </Card>
          <CompanyCard detail={detail} tz={tz} />
        </div>
      </div>
    </>
  );
}

function profileRows(d: TLeadDetail): TProfileRow[] {
  const l = d.lead;
  const rows: TProfileRow[] = [
    { label: 'First name', value: l.firstName },
    { label: 'Last name', value: l.lastName },
    { label: 'Email', value: l.email, href: l.email ? `mailto:${l.email}` : undefined },
    { label: 'Phone', value: l.phone, href: l.phone ? `tel:${l.phone}` : undefined },
    { label: 'WhatsApp', value: l.whatsapp },
    { label: 'LinkedIn', value: l.linkedinUrl, href: l.linkedinUrl ?? undefined },
    { label: 'Personal website', value: l.website, href: l.website ?? undefined },
    { label: 'Job title', value: l.title },
    { label: 'Seniority', value: l.seniority },
    { label: 'Department', value: l.department },
    { label: 'Company', value: l.companyName },
    { label: 'Company domain', value: d.company?.domain ?? null },
    { label: 'City', value: l.city },
    { label: 'State / region', value: l.state },
    { label: 'Country', value: l.country },
    { label: 'Time zone', value: l.timezone },
    { label: 'Source', value: [l.source, l.sourceRef].filter(Boolean).join(' · ') || null },
  ];
  if (l.platformUploaded) rows.push({ label: 'Uploaded to', value: l.platformName ?? 'a platform' });
  for (const f of d.customFieldDefinitions) {
    const v = l.customFields[f.key];
    rows.push({ label: f.label, value: v === undefined || v === null ? null : String(v), href: f.type === 'url' && typeof v === 'string' ? v : undefined });
  }
  return rows;
}

function CompanyCard({ detail, tz }: { detail: TLeadDetail; tz: string }) {
  const c = detail.company;
  if (!c) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Company</CardTitle>
          <CardDescription>No company yet. Edit the profile and give a company name or domain: LeadPilot finds it, or creates it.</CardDescription>
        </CardHeader>
      </Card>
    );
  }
  return (
    <>
      <Card data-testid="company-card">
        <CardHeader>
          <CardTitle>
            <Link href={`/companies/${c.id}`} className="hover:text-primary hover:underline">{c.name}</Link>
            {c.deletedAt ? <Badge variant="muted" className="ml-2">Deleted</Badge> : null}
          </CardTitle>
          <CardDescription>{[c.domain, c.industry, c.sizeRange ?? (c.employeeCount ? `${c.employeeCount.toLocaleString('en')} employees` : null), c.country].filter(Boolean).join(' · ') || 'No details yet'}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-wrap items-center gap-4 text-sm">
            <span className="flex items-center gap-2">Intent <IntentBadge tier={c.intentTier} /></span>
            <span className="flex items-center gap-2">Fit <FitScore score={c.fitScore} tier={c.fitTier} trend={c.trend} /></span>
          </div>
          {c.fitReasoning ? <p className="text-sm text-muted-foreground">{c.fitReasoning}</p> : null}
          <div>
            <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">Other contacts ({detail.contacts.length})</h3>
            {detail.contacts.length ? (
              <ul className="flex flex-col gap-1.5" data-testid="other-contacts">
                {detail.contacts.map((p) => (
                  <li key={p.id} className="text-sm">
                    <Link href={`/leads/${p.id}`} className="font-medium hover:text-primary hover:underline">{p.fullName || p.email || 'Unnamed lead'}</Link>
                    {p.title ? <span className="text-muted-foreground"> · {p.title}</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-xs text-muted-foreground">No one else from {c.name} yet.</p>
            )}
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Score history</CardTitle>
          <CardDescription>Fit score at each qualification of {c.name}. Hover a point for the reasoning.</CardDescription>
        </CardHeader>
        <CardContent>
          {detail.scoreHistory.length ? (
            <ScoreChart points={scorePoints(detail.scoreHistory, tz)} />
          ) : (
            <p className="text-sm text-muted-foreground">
              Not qualified yet. <Link className="text-primary hover:underline" href={`/companies/${c.id}#qualify`}>Qualify {c.name}</Link> to start the history.
            </p>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Intent signals</CardTitle>
          <CardDescription>What {c.name} is doing that suggests it is ready to buy.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignalList
            signals={c.signals.map((s) => ({ id: s.id, type: s.signalType, strength: s.strength, source: s.source, when: formatDateTime(s.detectedAt, tz) }))}
            emptyHint={<>No signals yet. <Link className="text-primary hover:underline" href={`/companies/${c.id}#signals`}>Add them on the company page</Link>.</>}
          />
        </CardContent>
      </Card>
    </>
  );
}

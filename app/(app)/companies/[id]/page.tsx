import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser, asUser } from '@/lib/auth';
import { nullIfNotFound } from '@/lib/errors';
import { BackLink, Card, CardContent, CardDescription, CardHeader, CardTitle, NotFoundState, PageHeader, Table, Td, Th, formatDateTime } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import { findCompanySnapshots, findIntentSignals, findLeadsPage, getCompany, type TCompanyRow } from '@/features/leads';
import { FitScore, FitTierBadge, IntentBadge, StatusBadge, SuppressedBadge } from '@/components/leads/badges';
import { leadName, plural } from '@/components/leads/labels';
import { ScoreChart } from '@/components/leads/score-chart';
import { scorePoints } from '@/components/leads/score-points';
import { SignalList } from '@/components/leads/signal-list';
import { AddSignalForm, CompanyFields, DeleteSignalButton, QualifyForm, type TFieldRow } from './company-ui';

export const metadata: Metadata = { title: 'Company' };

const CONTACTS = 50;

export default async function CompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const data = await asUser(user, (db) =>
    nullIfNotFound(async () => {
      const company = await getCompany(db, user.orgId, id);
      const [signals, snapshots, contacts, org] = await Promise.all([
        findIntentSignals(db, user.orgId, id, { limit: 200 }),
        findCompanySnapshots(db, user.orgId, id, { limit: 200 }),
        findLeadsPage(db, user.orgId, { companyId: id, sort: 'name', limit: CONTACTS }),
        getOrganization(db, user.orgId),
      ]);
      return { company, signals, snapshots, contacts, tz: org.timezone };
    }),
  );
  if (!data) {
    return (
      <NotFoundState title="This company does not exist" backHref="/companies" backLabel="Back to companies" />
    );
  }
  const { company: c, signals, snapshots, contacts, tz } = data;
  const high = signals.filter((s) => s.strength === 'high').length;
  const medium = signals.filter((s) => s.strength === 'medium').length;

  return (
    <>
      <BackLink href="/companies">Companies</BackLink>
      <PageHeader
        title={c.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-3">
            {c.domain ? <span>{c.domain}</span> : null}
            <span className="inline-flex items-center gap-1.5">Intent <IntentBadge tier={c.intentTier} /></span>
            <span className="inline-flex items-center gap-1.5">Fit <FitScore score={c.fitScore} tier={c.fitTier} trend={c.trend} /></span>
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>Details</CardTitle>
            </CardHeader>
            <CardContent>
              <CompanyFields id={c.id} rows={fieldRows(c)} values={values(c)} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Contacts ({plural(c.leadCount, 'lead')})</CardTitle>
              <CardDescription>
                People at {c.name}.{' '}
                {c.leadCount > CONTACTS ? (
                  <Link className="text-primary hover:underline" href={`/leads?companyId=${c.id}`}>See all {c.leadCount.toLocaleString('en')} in the leads table</Link>
                ) : c.leadCount ? (
                  <Link className="text-primary hover:underline" href={`/leads?companyId=${c.id}`}>Open them in the leads table</Link>
                ) : null}
              </CardDescription>
            </CardHeader>
            <CardContent>
              {contacts.items.length ? (
                <Table>
                  <thead>
                    <tr>
                      <Th>Name</Th>
                      <Th>Title</Th>
                      <Th>Status</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {contacts.items.map((l) => (
                      <tr key={l.id} data-testid="contact-row">
                        <Td>
                          <Link href={`/leads/${l.id}`} className="font-medium hover:text-primary hover:underline">{leadName(l)}</Link>
                          {l.suppressedAt ? <SuppressedBadge reason={l.suppressedReason} /> : null}
                          {l.email ? <div className="text-xs text-muted-foreground">{l.email}</div> : null}
                        </Td>
                        <Td>{l.title ?? <span className="text-muted-foreground">—</span>}</Td>
                        <Td><StatusBadge status={l.status} /></Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              ) : (
                <p className="text-sm text-muted-foreground">
                  No leads at {c.name} yet. <Link className="text-primary hover:underline" href="/leads/new">Add a lead</Link> with this company, or import a file.
                </p>
              )}
            </CardContent>
          </Card>
          <Card id="history">
            <CardHeader>
              <CardTitle>Score history</CardTitle>
              <CardDescription>Every qualification writes a snapshot: score, tier, the signals seen and the reasoning. Hover a point for the reasoning.</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              {snapshots.length ? (
                <>
                  <ScoreChart points={scorePoints([...snapshots].reverse(), tz)} />
                  <Table>
                    <thead>
                      <tr>
                        <Th>When</Th>
                        <Th>Score</Th>
                        <Th>Reasoning</Th>
                        <Th className="text-right">Signals</Th>
                      </tr>
                    </thead>
                    <tbody>
                      {snapshots.map((s) => (
                        <tr key={s.id} data-testid="snapshot-row">
                          <Td className="whitespace-nowrap text-xs text-muted-foreground">{formatDateTime(s.createdAt, tz)}</Td>
                          <Td className="whitespace-nowrap">
                            <span className="font-medium tabular-nums">{s.score}/10</span>{' '}
                            <FitTierBadge tier={s.tier} />
                          </Td>
                          <Td className="max-w-md text-sm">{s.reasoning ?? <span className="text-muted-foreground">—</span>}</Td>
                          <Td className="text-right tabular-nums" title={signalSummary(s.signals)}>{s.signals.length}</Td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                </>
              ) : (
                <p className="text-sm text-muted-foreground">Not qualified yet. Give {c.name} a fit score with the form on this page to start the history.</p>
              )}
            </CardContent>
          </Card>
        </div>

        <div className="flex flex-col gap-6">
          <Card id="qualify">
            <CardHeader>
              <CardTitle>Fit score</CardTitle>
              <CardDescription>
                {c.fitScore === null ? 'Not scored yet.' : <>Scored {formatDateTime(c.fitScoredAt, tz)}.</>}
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              {c.fitScore !== null ? (
                <div className="flex flex-col gap-1" data-testid="fit-summary">
                  <FitScore score={c.fitScore} tier={c.fitTier} trend={c.trend} />
                  {c.fitReasoning ? <p className="text-sm text-muted-foreground">{c.fitReasoning}</p> : null}
                </div>
              ) : null}
              <QualifyForm companyId={c.id} current={c.fitScore} />
            </CardContent>
          </Card>
          <Card id="signals">
            <CardHeader>
              <CardTitle className="flex items-center gap-2">Intent <IntentBadge tier={c.intentTier} /></CardTitle>
              <CardDescription>
                {plural(high, 'high signal')}, {plural(medium, 'medium signal')}. Hot: 3 high, or 2 high and 3 medium. Warm: 1 high or 4 medium.
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-5">
              <SignalList
                signals={signals.map((s) => ({
                  id: s.id, type: s.signalType, strength: s.strength, source: s.source, when: formatDateTime(s.detectedAt, tz),
                  action: <DeleteSignalButton companyId={c.id} signalId={s.id} label={s.signalType} />,
                }))}
                emptyHint="No intent signals yet. Add what you know below."
              />
              <div className="border-t pt-4">
                <h3 className="mb-3 text-sm font-semibold">Add a signal</h3>
                <AddSignalForm companyId={c.id} />
              </div>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}

function fieldRows(c: TCompanyRow): TFieldRow[] {
  return [
    { label: 'Domain', value: c.domain },
    { label: 'Website', value: c.website, href: c.website ?? undefined },
    { label: 'Industry', value: c.industry },
    { label: 'Size', value: c.sizeRange },
    { label: 'Employees', value: c.employeeCount === null ? null : c.employeeCount.toLocaleString('en') },
    { label: 'Annual revenue', value: c.revenue === null ? null : c.revenue.toLocaleString('en') },
    { label: 'LinkedIn', value: c.linkedinUrl, href: c.linkedinUrl ?? undefined },
    { label: 'Phone', value: c.phone },
    { label: 'City', value: c.city },
    { label: 'State / region', value: c.state },
    { label: 'Country', value: c.country },
  ];
}

function values(c: TCompanyRow) {
  const s = (v: string | number | null) => (v === null ? '' : String(v));
  return {
    name: c.name, domain: s(c.domain), website: s(c.website), industry: s(c.industry), sizeRange: s(c.sizeRange), employeeCount: s(c.employeeCount),
    revenue: s(c.revenue), linkedinUrl: s(c.linkedinUrl), phone: s(c.phone), city: s(c.city), state: s(c.state), country: s(c.country), description: s(c.description),
  };
}

function signalSummary(signals: unknown[]): string {
  return signals
    .slice(0, 10)
    .map((x) => {
      const o = (x ?? {}) as Record<string, unknown>;
      return String(o.signal_type ?? o.signal ?? o.signalType ?? JSON.stringify(o));
    })
    .join('\n');
}

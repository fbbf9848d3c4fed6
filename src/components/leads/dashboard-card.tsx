/** The dashboard's leads card: total, per status, and the intent breakdown (seed 001's view). */
import Link from 'next/link';
import { asUser, type TUserContext } from '@/lib/auth';
import { Card, CardContent, CardDescription, CardHeader, CardTitle, buttonVariants } from '@/components/ui';
import { countLeadsByStatus, getIntentBreakdown } from '@/features/leads';
import { LEAD_STATUS_LABELS, LEAD_STATUS_LIST } from './labels';

export async function LeadsDashboardCard({ user }: { user: TUserContext }) {
  const { byStatus, intent } = await asUser(user, async (db) => ({
    byStatus: await countLeadsByStatus(db, user.orgId),
    intent: await getIntentBreakdown(db, user.orgId),
  }));
  const total = Object.values(byStatus).reduce((a, b) => a + (b ?? 0), 0);
  const max = Math.max(1, ...Object.values(byStatus).map((n) => n ?? 0));
  const tiers = [
    { key: 'hot', label: 'Hot', n: intent.hotCount, className: 'bg-red-500' },
    { key: 'warm', label: 'Warm', n: intent.warmCount, className: 'bg-amber-500' },
    { key: 'cold', label: 'Cold', n: intent.coldCount, className: 'bg-slate-300' },
  ];
  const tierTotal = Math.max(1, tiers.reduce((a, t) => a + t.n, 0));
  return (
    <Card data-testid="leads-card">
      <CardHeader>
        <CardTitle>Leads</CardTitle>
        <CardDescription>
          <span className="text-2xl font-semibold text-foreground tabular-nums" data-testid="leads-total">{total.toLocaleString('en')}</span> in {user.orgName}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {total === 0 ? (
          <div className="flex flex-col items-start gap-3">
            <p className="text-sm text-muted-foreground">No leads yet — import a CSV from Apollo, Sales Navigator, HubSpot or Hunter, or add one by hand.</p>
            <div className="flex gap-2">
              <Link href="/leads/import" className={buttonVariants({ size: 'sm' })}>Import a CSV</Link>
              <Link href="/leads/new" className={buttonVariants({ size: 'sm', variant: 'outline' })}>Add a lead</Link>
            </div>
          </div>
        ) : (
          <>
            <div>
              <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">By status</h3>
              <ul className="flex flex-col gap-1.5">
                {LEAD_STATUS_LIST.filter((s) => byStatus[s]).map((s) => (
                  <li key={s}>
                    <Link href={`/leads?status=${s}`} className="grid grid-cols-[8rem_1fr_3rem] items-center gap-2 text-sm hover:text-primary">
                      <span>{LEAD_STATUS_LABELS[s]}</span>
                      <span className="h-2 rounded-full bg-muted">
                        <span className="block h-2 rounded-full bg-primary" style={{ width: `${(100 * (byStatus[s] ?? 0)) / max}%` }} />
                      </span>
                      <span className="text-right tabular-nums">{(byStatus[s] ?? 0).toLocaleString('en')}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">By company intent</h3>
              <div className="mb-2 flex h-2.5 overflow-hidden rounded-full bg-muted" aria-hidden>
                {tiers.map((t) => <span key={t.key} className={t.className} style={{ width: `${(100 * t.n) / tierTotal}%` }} />)}
              </div>
              <div className="flex flex-wrap gap-4 text-sm">
                {tiers.map((t) => (
                  <Link key={t.key} href={`/leads?intentTier=${t.key}`} className="inline-flex items-center gap-1.5 hover:text-primary" data-testid={`intent-${t.key}`}>
                    <span className={`h-2.5 w-2.5 rounded-full ${t.className}`} aria-hidden />
                    {t.label} <span className="tabular-nums text-muted-foreground">{t.n.toLocaleString('en')}</span>
                  </Link>
                ))}
              </div>
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}

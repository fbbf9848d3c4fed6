import type { Metadata } from 'next';
import Link from 'next/link';
import { Plus, Upload, X } from 'lucide-react';
import { ZodError } from 'zod';
import { requireUser, asUser } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import { Alert, EmptyState, buttonVariants, formatDateTime } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import { findOpenCampaigns } from '@/features/sequences';
import { findCompanyTrends, findCustomFields, findLeadPickers, findLeadsPage, type TTrend } from '@/features/leads';
import { LeadsHeader } from '@/components/leads/leads-header';
import { UndoBanner } from '@/components/leads/undo-banner';
import { FIT_LABELS, INTENT_LABELS, LEAD_STATUS_LABELS, leadName } from '@/components/leads/labels';
import { PageSizeSelect, Pager } from '@/components/leads/pager';
import { restoreLeadsAction } from './actions';
import { FilterBar } from './filter-bar';
import { LeadsTable, type TLeadTableRow } from './leads-table';
import { PAGE_SIZES, leadsHref, readLeadsUrl, withoutCustom, type TSearchParams } from './query';

export const metadata: Metadata = { title: 'Leads' };

export default async function LeadsPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requireUser();
  const url = readLeadsUrl(await searchParams);
  const data = await asUser(user, async (db) => {
    const [{ lists, tags }, fields, org, campaigns] = await Promise.all([
      findLeadPickers(db, user.orgId), findCustomFields(db, user.orgId), getOrganization(db, user.orgId), findOpenCampaigns(db, user.orgId),
    ]);
    try {
      const page = await findLeadsPage(db, user.orgId, { ...url.query, before: url.before });
      const trends = await findCompanyTrends(db, user.orgId, page.items.flatMap((l) => (l.companyId ? [l.companyId] : [])));
      return { lists, tags, campaigns, fields, tz: org.timezone, page, trends, error: null };
    } catch (e) {
      const invalid = (message: string) => ({ lists, tags, campaigns, fields, tz: org.timezone, page: null, trends: {} as Record<string, TTrend | null>, error: message });
      if (e instanceof AppError && e.code === 'INVALID_INPUT') return invalid(e.message);
      if (e instanceof ZodError) {
        const keys = [...new Set(e.issues.map((i) => String(i.path[0] ?? 'filter')))].join(', ');
        return invalid(`The link has a filter LeadPilot cannot read (${keys}).`);
      }
      throw e;
    }
  });

  const sort = url.params.get('sort') ?? 'created';
  const limit = Number(url.params.get('limit')) || 50;
  const paged = url.params.has('cursor') || url.params.has('before');
  const chips = activeFilters(url.params, data);

  const rows: TLeadTableRow[] = (data.page?.items ?? []).map((l) => ({
    id: l.id,
    name: leadName(l),
    email: l.email,
    title: l.title,
    companyId: l.companyId,
    companyName: l.companyName,
    status: l.status,
    intentTier: l.intentTier,
    fitScore: l.fitScore,
    fitTier: l.fitTier,
    trend: l.companyId ? (data.trends[l.companyId] ?? null) : null,
    suppressed: Boolean(l.suppressedAt),
    suppressedReason: l.suppressedReason,
    tags: l.tags,
    country: l.country,
    created: formatDateTime(l.createdAt, data.tz),
  }));

  const empty = data.page && rows.length === 0;
  return (
    <>
      <LeadsHeader
        actions={
          <>
            <Link href="/leads/import" className={buttonVariants({ variant: 'outline' })}>
              <Upload className="h-4 w-4" aria-hidden /> Import
            </Link>
            <Link href="/leads/new" className={buttonVariants()}>
              <Plus className="h-4 w-4" aria-hidden /> Add lead
            </Link>
          </>
        }
      />
      <UndoBanner restore={restoreLeadsAction} />
      <div className="flex flex-col gap-4">
        {empty && !url.hasFilter && !paged ? null : <FilterBar
          key={url.filterParams.toString()}
          values={Object.fromEntries([...url.params].filter(([k]) => k !== 'custom' && k !== 'cursor' && k !== 'before'))}
          custom={url.params.getAll('custom')}
          lists={data.lists.map((l) => ({ id: l.id, name: l.name }))}
          tags={data.tags.map((t) => ({ id: t.id, name: t.name }))}
          fields={data.fields.map((f) => ({ key: f.key, label: f.label, type: f.type }))}
        />}
        {chips.length ? (
          <div className="flex flex-wrap items-center gap-2" data-testid="active-filters">
            {chips.map((c) => (
              <Link key={c.label} href={c.remove} className="inline-flex items-center gap-1 rounded-full border bg-muted/50 px-2.5 py-0.5 text-xs hover:bg-muted" title="Remove this filter">
                {c.label}
                <X className="h-3 w-3" aria-hidden />
                <span className="sr-only">Remove</span>
              </Link>
            ))}
            <Link href={leadsHref(new URLSearchParams([...url.params].filter(([k]) => ['sort', 'dir', 'limit'].includes(k))), {})} className="text-xs text-primary hover:underline">
              Clear all filters
            </Link>
          </div>
        ) : null}

        {data.error ? (
          <Alert variant="error">
            {data.error}{' '}
            <Link href="/leads" className="font-medium underline">Start again from all leads</Link>.
          </Alert>
        ) : empty && !url.hasFilter && !paged ? (
          <EmptyState
            title="No leads yet — import a CSV or add one"
            description="Import a CSV or Excel export from LinkedIn Sales Navigator, Apollo, HubSpot or Hunter (or any spreadsheet with an email or name column), or add a lead by hand."
            action={
              <div className="flex gap-2">
                <Link href="/leads/import" className={buttonVariants()}>
                  <Upload className="h-4 w-4" aria-hidden /> Import a CSV
                </Link>
                <Link href="/leads/new" className={buttonVariants({ variant: 'outline' })}>
                  <Plus className="h-4 w-4" aria-hidden /> Add a lead
                </Link>
              </div>
            }
          />
        ) : empty && paged ? (
          <EmptyState title="No leads on this page" description="The leads that were here have moved or been deleted." action={<Link className={buttonVariants({ variant: 'outline' })} href={leadsHref(url.params, {})}>Go to the first page</Link>} />
        ) : empty ? (
          <EmptyState
            title="No leads match these filters"
            description="Try fewer filters or a shorter search. Leads you deleted are not shown."
            action={<Link className={buttonVariants({ variant: 'outline' })} href="/leads">Clear all filters</Link>}
          />
        ) : data.page ? (
          <>
            <LeadsTable
              key={url.params.toString()}
              rows={rows}
              filter={url.filter}
              filterQuery={url.filterParams.toString()}
              morePages={Boolean(data.page.nextCursor || data.page.prevCursor)}
              lists={data.lists.map((l) => ({ id: l.id, name: l.name }))}
              tags={data.tags.map((t) => ({ id: t.id, name: t.name }))}
              campaigns={data.campaigns.map((c) => ({ id: c.id, name: c.status === 'active' ? c.name : `${c.name} (${c.status})` }))}
              sort={{ current: sort, dir: url.params.get('dir') ?? '', hrefs: sortHrefs(url.params) }}
            />
            <div className="flex flex-wrap items-center justify-between gap-3">
              <PageSizeSelect value={limit} sizes={[...PAGE_SIZES]} hrefs={Object.fromEntries(PAGE_SIZES.map((n) => [n, leadsHref(url.params, { limit: String(n) })]))} />
              <Pager
                prev={data.page.prevCursor ? leadsHref(url.params, { before: data.page.prevCursor, cursor: null }) : null}
                next={data.page.nextCursor ? leadsHref(url.params, { cursor: data.page.nextCursor, before: null }) : null}
                summary={`${rows.length} lead${rows.length === 1 ? '' : 's'} on this page`}
              />
            </div>
          </>
        ) : null}
      </div>
    </>
  );
}

/** Column header links: the first click sorts the column its natural way, the next reverses it. */
function sortHrefs(params: URLSearchParams): Record<string, { asc: string; desc: string }> {
  const out: Record<string, { asc: string; desc: string }> = {};
  for (const s of ['name', 'company', 'status', 'fit_score', 'created', 'updated']) {
    out[s] = { asc: leadsHref(params, { sort: s, dir: 'asc' }), desc: leadsHref(params, { sort: s, dir: 'desc' }) };
  }
  return out;
}

type TChip = { label: string; remove: string };

function activeFilters(params: URLSearchParams, d: { lists: { id: string; name: string }[]; tags: { id: string; name: string }[]; fields: { key: string; label: string }[] }): TChip[] {
  const out: TChip[] = [];
  const rm = (k: string) => leadsHref(params, { [k]: null });
  const list = (v: string) => v.split(',');
  const yes = (v: string) => (v === 'true' ? 'yes' : 'no');
  for (const [k, v] of params) {
    switch (k) {
      case 'q': out.push({ label: `Search: “${v}”`, remove: rm(k) }); break;
      case 'status': out.push({ label: `Status: ${list(v).map((s) => LEAD_STATUS_LABELS[s as keyof typeof LEAD_STATUS_LABELS] ?? s).join(' or ')}`, remove: rm(k) }); break;
      case 'listId': out.push({ label: `List: ${d.lists.find((l) => l.id === v)?.name ?? 'unknown list'}`, remove: rm(k) }); break;
      case 'tagId': out.push({ label: `Tag: ${list(v).map((t) => d.tags.find((x) => x.id === t)?.name ?? 'unknown tag').join(' or ')}`, remove: rm(k) }); break;
      case 'country': out.push({ label: `Country: ${list(v).join(' or ')}`, remove: rm(k) }); break;
      case 'intentTier': out.push({ label: `Intent: ${list(v).map((t) => INTENT_LABELS[t as keyof typeof INTENT_LABELS] ?? t).join(' or ')}`, remove: rm(k) }); break;
      case 'fitTier': out.push({ label: `Fit: ${list(v).map((t) => FIT_LABELS[t as keyof typeof FIT_LABELS] ?? t).join(' or ')}`, remove: rm(k) }); break;
      case 'source': out.push({ label: `Source: ${list(v).join(' or ')}`, remove: rm(k) }); break;
      case 'hasEmail': out.push({ label: `Has email: ${yes(v)}`, remove: rm(k) }); break;
      case 'hasPhone': out.push({ label: `Has phone: ${yes(v)}`, remove: rm(k) }); break;
      case 'suppressed': out.push({ label: `Suppressed: ${yes(v)}`, remove: rm(k) }); break;
      case 'createdFrom': out.push({ label: `Created from ${v}`, remove: rm(k) }); break;
      case 'createdTo': out.push({ label: `Created until ${v}`, remove: rm(k) }); break;
      case 'importId': out.push({ label: 'From one import', remove: rm(k) }); break;
      case 'companyId': out.push({ label: 'One company', remove: rm(k) }); break;
      case 'custom': {
        const i = v.indexOf(':');
        const key = v.slice(0, i);
        out.push({ label: `${d.fields.find((f) => f.key === key)?.label ?? key} = ${v.slice(i + 1)}`, remove: withoutCustom(params, v) });
        break;
      }
    }
  }
  return out;
}

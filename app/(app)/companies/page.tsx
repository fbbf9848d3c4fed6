import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { ArrowDown, ArrowUp, Search } from 'lucide-react';
import { ZodError } from 'zod';
import { requireUser, asUser } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import { Alert, Button, EmptyState, Input, Label, PageHeader, Select, Table, Td, Th, buttonVariants, cn, formatDateTime } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import { findCompaniesPage, findCompanyTrends, type TTrend } from '@/features/leads';
import { FitScore, IntentBadge } from '@/components/leads/badges';
import { Pager } from '@/components/leads/pager';
import { FIT_LABELS, INTENT_LABELS, plural } from '@/components/leads/labels';

export const metadata: Metadata = { title: 'Companies' };

type TSearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const SORTS = { name: 'Name', fit_score: 'Fit', created: 'Added' } as const;

function href(params: Record<string, string | undefined>, change: Record<string, string | undefined>) {
  const p = new URLSearchParams();
  const paging = 'cursor' in change || 'before' in change;
  for (const [k, v] of Object.entries({ ...params, ...(paging ? {} : { cursor: undefined, before: undefined }), ...change })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `/companies?${s}` : '/companies';
}

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const params = {
    q: one(sp.q),
    intentTier: one(sp.intentTier),
    fitTier: one(sp.fitTier),
    sort: one(sp.sort),
    cursor: one(sp.cursor),
    before: one(sp.before),
  };
  const result = await asUser(user, async (db) => {
    try {
      const page = await findCompaniesPage(db, user.orgId, { ...params, limit: 50 } as Parameters<typeof findCompaniesPage>[2]);
      const trends = await findCompanyTrends(db, user.orgId, page.items.map((c) => c.id));
      return { page, trends, tz: (await getOrganization(db, user.orgId)).timezone, error: null };
    } catch (e) {
      if (e instanceof AppError && e.code === 'INVALID_INPUT') return { page: null, trends: {} as Record<string, TTrend | null>, tz: 'UTC', error: e.message };
      if (e instanceof ZodError) return { page: null, trends: {} as Record<string, TTrend | null>, tz: 'UTC', error: 'That filter is not valid.' };
      throw e;
    }
  });
  const sort = params.sort && params.sort in SORTS ? params.sort : 'created';
  const filtered = Boolean(params.q || params.intentTier || params.fitTier);
  const paged = Boolean(params.cursor || params.before);
  const items = result.page?.items ?? [];

  return (
    <>
      <PageHeader title="Companies" description="The organizations your leads work at, with their intent tier and fit score." />
      <div className="flex flex-col gap-4">
        <Form action="/companies" className="flex flex-wrap items-end gap-2" role="search" aria-label="Search and filter companies">
          {params.sort ? <input type="hidden" name="sort" value={params.sort} /> : null}
          <div className="relative min-w-64 flex-1">
            <Search className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-muted-foreground" aria-hidden />
            <Input name="q" type="search" defaultValue={params.q ?? ''} placeholder="Search name or domain" aria-label="Search companies" className="pl-8" maxLength={200} />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="intentTier">Intent</Label>
            <Select id="intentTier" name="intentTier" defaultValue={params.intentTier ?? ''} className="w-36">
              <option value="">Any intent</option>
              {(['hot', 'warm', 'cold'] as const).map((t) => <option key={t} value={t}>{INTENT_LABELS[t]}</option>)}
            </Select>
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="fitTier">Fit</Label>
            <Select id="fitTier" name="fitTier" defaultValue={params.fitTier ?? ''} className="w-36">
              <option value="">Any fit</option>
              {(['hot', 'review', 'rejected'] as const).map((t) => <option key={t} value={t}>{FIT_LABELS[t]}</option>)}
            </Select>
          </div>
          <Button type="submit">Apply</Button>
          {filtered ? <Link href={href({ sort: params.sort }, {})} className={buttonVariants({ variant: 'ghost' })}>Clear</Link> : null}
        </Form>

        {result.error ? (
          <Alert variant="error">{result.error} <Link className="font-medium underline" href="/companies">Show all companies</Link>.</Alert>
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState title="No companies match" description="Try a shorter search or another tier." action={<Link className={buttonVariants({ variant: 'outline' })} href="/companies">Clear the filters</Link>} />
          ) : paged ? (
            <EmptyState title="No companies on this page" description="They may have been deleted since." action={<Link className={buttonVariants({ variant: 'outline' })} href={href(params, {})}>Go to the first page</Link>} />
          ) : (
            <EmptyState
              title="No companies yet"
              description="Companies are created from your leads: import a file or add a lead with a company name or domain, and LeadPilot finds or creates the company."
              action={<Link className={buttonVariants()} href="/leads/import">Import leads</Link>}
            />
          )
        ) : (
          <>
            <Table>
              <thead>
                <tr>
                  <SortTh label="Company" col="name" sort={sort} params={params} />
                  <Th>Industry</Th>
                  <Th>Location</Th>
                  <Th>Intent</Th>
                  <SortTh label="Fit" col="fit_score" sort={sort} params={params} />
                  <Th className="text-right">Leads</Th>
                  <SortTh label="Added" col="created" sort={sort} params={params} />
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} data-testid="company-row" className="hover:bg-muted/40">
                    <Td>
                      <Link href={`/companies/${c.id}`} className="font-medium hover:text-primary hover:underline">{c.name}</Link>
                      {c.domain ? <div className="text-xs text-muted-foreground">{c.domain}</div> : null}
                    </Td>
                    <Td className="max-w-48 truncate">{c.industry ?? <span className="text-muted-foreground">—</span>}</Td>
                    <Td className="text-xs">{[c.city, c.country].filter(Boolean).join(', ') || <span className="text-muted-foreground">—</span>}</Td>
                    <Td><IntentBadge tier={c.intentTier} /></Td>
                    <Td><FitScore score={c.fitScore} tier={c.fitTier} trend={result.trends[c.id] ?? null} /></Td>
                    <Td className="text-right tabular-nums">
                      <Link href={`/leads?companyId=${c.id}`} className="hover:text-primary hover:underline">{plural(c.leadCount, 'lead')}</Link>
                    </Td>
                    <Td className="whitespace-nowrap text-xs text-muted-foreground">{formatDateTime(c.createdAt, result.tz).split(',')[0]}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <div className="flex justify-end">
              <Pager
                prev={result.page?.prevCursor ? href(params, { before: result.page.prevCursor, cursor: undefined }) : null}
                next={result.page?.nextCursor ? href(params, { cursor: result.page.nextCursor, before: undefined }) : null}
                summary={`${items.length} ${items.length === 1 ? 'company' : 'companies'} on this page`}
              />
            </div>
          </>
        )}
      </div>
    </>
  );
}

/** Companies sort one way per column: names A→Z, fit and date high→low. */
function SortTh({ label, col, sort, params }: { label: string; col: keyof typeof SORTS; sort: string; params: Record<string, string | undefined> }) {
  const active = sort === col;
  return (
    <Th aria-sort={active ? (col === 'name' ? 'ascending' : 'descending') : undefined}>
      <Link href={href(params, { sort: col })} className={cn('inline-flex items-center gap-1 hover:text-foreground', active && 'text-foreground')} title={`Sort by ${label.toLowerCase()}`}>
        {label}
        {active ? col === 'name' ? <ArrowUp className="h-3 w-3" aria-hidden /> : <ArrowDown className="h-3 w-3" aria-hidden /> : null}
      </Link>
    </Th>
  );
}

import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { Download, Search } from 'lucide-react';
import { requireUser, asUser } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import { Alert, Button, Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState, Input, PageHeader, Select, buttonVariants, formatDateTime } from '@/components/ui';
import { getOrganization } from '@/features/accounts';
import { findSuppressionsPage } from '@/features/leads';
import { Pager } from '@/components/leads/pager';
import { AddSuppressionsForm, SuppressionTable, UploadSuppressionsForm } from './suppression-ui';

export const metadata: Metadata = { title: 'Suppression list' };

type TSearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

function href(params: Record<string, string | undefined>, change: Record<string, string | undefined>) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, cursor: undefined, before: undefined, ...change })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `/suppression?${s}` : '/suppression';
}

export default async function SuppressionPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const kind = one(sp.kind);
  const params = { q: one(sp.q), kind: kind === 'email' || kind === 'domain' ? (kind as 'email' | 'domain') : undefined, cursor: one(sp.cursor), before: one(sp.before) };
  const r = await asUser(user, async (db) => {
    const tz = (await getOrganization(db, user.orgId)).timezone;
    try {
      return { tz, page: await findSuppressionsPage(db, user.orgId, { ...params, limit: 50 }), error: null };
    } catch (e) {
      if (e instanceof AppError && e.code === 'INVALID_INPUT') return { tz, page: null, error: e.message };
      throw e;
    }
  });
  const canRemove = user.role !== 'member';
  const filtered = Boolean(params.q || params.kind);
  const paged = Boolean(params.cursor || params.before);
  const items = r.page?.items ?? [];

  return (
    <>
      <PageHeader
        title="Suppression list"
        description="Addresses and domains LeadPilot never contacts. Unsubscribes, hard bounces, complaints and opt-outs land here automatically."
        actions={
          <a href="/api/v1/suppressions/export" className={buttonVariants({ variant: 'outline' })} download data-testid="export-suppressions">
            <Download className="h-4 w-4" aria-hidden /> Export CSV
          </a>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-4 lg:col-span-2">
          <Form action="/suppression" className="flex flex-wrap items-center gap-2" role="search" aria-label="Search the suppression list">
            <div className="relative min-w-64 flex-1">
              <Search className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-muted-foreground" aria-hidden />
              <Input name="q" type="search" defaultValue={params.q ?? ''} placeholder="Search addresses and domains" aria-label="Search" className="pl-8" maxLength={200} />
            </div>
            <Select name="kind" defaultValue={params.kind ?? ''} aria-label="Kind" className="w-48">
              <option value="">Emails and domains</option>
              <option value="email">Emails only</option>
              <option value="domain">Domains only</option>
            </Select>
            <Button type="submit">Search</Button>
            {filtered ? <Link className={buttonVariants({ variant: 'ghost' })} href="/suppression">Clear</Link> : null}
          </Form>
          {r.error ? (
            <Alert variant="error">{r.error} <Link className="underline" href="/suppression">Start from the first page</Link>.</Alert>
          ) : (
            <>
              <SuppressionTable
                canRemove={canRemove}
                rows={items.map((s) => ({ id: s.id, kind: s.kind, value: s.value, reason: s.reason, source: s.source, added: formatDateTime(s.createdAt, r.tz) }))}
                empty={
                  filtered ? (
                    <EmptyState title="Nothing matches" description="No address or domain on the list contains that text." action={<Link className={buttonVariants({ variant: 'outline' })} href="/suppression">Clear the search</Link>} />
                  ) : paged ? (
                    <EmptyState title="No entries on this page" description="They may have been removed since." action={<Link className={buttonVariants({ variant: 'outline' })} href="/suppression">Go to the first page</Link>} />
                  ) : (
                    <EmptyState
                      title="No one is suppressed yet"
                      description="Add addresses or whole domains you must never contact (customers, competitors, people who asked) with the form on this page. Unsubscribes and hard bounces will appear here on their own."
                    />
                  )
                }
              />
              {items.length ? (
                <div className="flex items-center justify-between gap-3">
                  {canRemove ? <span /> : <p className="text-xs text-muted-foreground">Only owners and admins can remove entries.</p>}
                  <Pager
                    prev={r.page?.prevCursor ? href(params, { before: r.page.prevCursor }) : null}
                    next={r.page?.nextCursor ? href(params, { cursor: r.page.nextCursor }) : null}
                    summary={`${items.length} on this page`}
                  />
                </div>
              ) : null}
            </>
          )}
        </div>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Add by hand</CardTitle>
              <CardDescription>Matching leads are marked suppressed at once, and so are leads imported later.</CardDescription>
            </CardHeader>
            <CardContent>
              <AddSuppressionsForm />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Upload a CSV</CardTitle>
            </CardHeader>
            <CardContent>
              <UploadSuppressionsForm />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}

'use client';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { ArrowDown, ArrowUp, Download, Trash2 } from 'lucide-react';
import { Alert, Button, Checkbox, Select, Table, Td, Th, buttonVariants, cn } from '@/components/ui';
import { FitScore, IntentBadge, StatusBadge, SuppressedBadge, TagChip } from '@/components/leads/badges';
import { LEAD_STATUS_LABELS, LEAD_STATUS_LIST, plural } from '@/components/leads/labels';
import { rememberDeletion } from '@/components/leads/undo-banner';
import { bulkLeadsAction, countMatchingAction, enrollLeadsAction } from './actions';

export type TLeadTableRow = {
  id: string;
  name: string;
  email: string | null;
  title: string | null;
  companyId: string | null;
  companyName: string | null;
  status: string;
  intentTier: string;
  fitScore: number | null;
  fitTier: string | null;
  trend: 'up' | 'down' | 'stable' | null;
  suppressed: boolean;
  suppressedReason: string | null;
  tags: { id: string; name: string; color: string | null }[];
  country: string | null;
  created: string;
};

type TOption = { id: string; name: string };
type TSort = { current: string; dir: string; hrefs: Record<string, { asc: string; desc: string }> };

/** What the second menu chooses for each bulk action. */
const TARGET_NOUN: Record<TBulkType, { one: string; many: string; href: string }> = {
  enroll: { one: 'a campaign', many: 'campaigns', href: '/campaigns/new' },
  add_to_list: { one: 'a list', many: 'lists', href: '/leads/lists' },
  remove_from_list: { one: 'a list', many: 'lists', href: '/leads/lists' },
  tag: { one: 'a tag', many: 'tags', href: '/leads/settings' },
  untag: { one: 'a tag', many: 'tags', href: '/leads/settings' },
  set_status: { one: 'a status', many: 'statuses', href: '/leads' },
};

const NATURAL: Record<string, 'asc' | 'desc'> = { name: 'asc', company: 'asc', status: 'asc', fit_score: 'desc', created: 'desc', updated: 'desc' };

type TBulkType = 'enroll' | 'add_to_list' | 'remove_from_list' | 'tag' | 'untag' | 'set_status';
const BULK_LABELS: Record<TBulkType, string> = {
  enroll: 'Add to campaign',
  add_to_list: 'Add to list',
  remove_from_list: 'Remove from list',
  tag: 'Add tag',
  untag: 'Remove tag',
  set_status: 'Set status',
};

export function LeadsTable({ rows, filter, filterQuery, morePages, lists, tags, campaigns, sort }: {
  rows: TLeadTableRow[];
  filter: Record<string, unknown>;
  filterQuery: string;
  morePages: boolean;
  lists: TOption[];
  tags: TOption[];
  /** Campaigns leads can still join (draft, active, paused). */
  campaigns: TOption[];
  sort: TSort;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [bulkType, setBulkType] = useState<TBulkType | ''>('');
  const [bulkTarget, setBulkTarget] = useState('');
  const [pending, start] = useTransition();

  const pageIds = rows.map((r) => r.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const someOnPage = pageIds.some((id) => selected.has(id));
  const count = allMatching ?? selected.size;
  const selection = allMatching !== null ? { filter } : { ids: [...selected] };

  const toggleAll = () => {
    setAllMatching(null);
    setSelected(allOnPage ? new Set() : new Set(pageIds));
  };
  const toggle = (id: string) => {
    setAllMatching(null);
    setSelected((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const clear = () => {
    setSelected(new Set());
    setAllMatching(null);
  };

  const selectAllMatching = () =>
    start(async () => {
      const r = await countMatchingAction(null, filter);
      if (r.ok) setAllMatching(r.data as number);
      else setMessage({ ok: false, text: r.error.message });
    });

  const runBulk = () => {
    if (!bulkType) return setMessage({ ok: false, text: 'Choose what to do with the selected leads.' });
    if (!bulkTarget) return setMessage({ ok: false, text: `Choose ${TARGET_NOUN[bulkType].one} first.` });
    if (bulkType === 'enroll') {
      return start(async () => {
        const r = await enrollLeadsAction(null, { campaignId: bulkTarget, selection });
        setMessage(r.ok ? { ok: true, text: r.message ?? 'Done.' } : { ok: false, text: r.error.message });
      });
    }
    const action =
      bulkType === 'set_status'
        ? { type: bulkType, status: bulkTarget as (typeof LEAD_STATUS_LIST)[number] }
        : bulkType === 'add_to_list' || bulkType === 'remove_from_list'
          ? { type: bulkType, listId: bulkTarget }
          : { type: bulkType, tagIds: [bulkTarget] };
    start(async () => {
      const r = await bulkLeadsAction(null, { selection, action });
      setMessage(r.ok ? { ok: true, text: r.message ?? 'Done.' } : { ok: false, text: r.error.message });
    });
  };

  const runDelete = () => {
    const what = allMatching !== null ? `all ${plural(count, 'lead')} matching this filter` : plural(count, 'selected lead');
    if (!window.confirm(`Delete ${what}? They leave the table, their lists and exports. You can undo this from the banner during this session.`)) return;
    start(async () => {
      const r = await bulkLeadsAction(null, { selection, action: { type: 'delete' } });
      if (!r.ok) return setMessage({ ok: false, text: r.error.message });
      const d = r.data as { affected: number; undoToken?: string | null };
      clear();
      setMessage(null);
      if (d.undoToken) rememberDeletion({ token: d.undoToken, count: d.affected, what: `Deleted ${plural(d.affected, 'lead')}.` });
    });
  };

  const targetOptions =
    bulkType === 'set_status'
      ? LEAD_STATUS_LIST.map((s) => ({ id: s, name: LEAD_STATUS_LABELS[s] }))
      : bulkType === 'enroll'
        ? campaigns
        : bulkType === 'add_to_list' || bulkType === 'remove_from_list'
          ? lists
          : bulkType
            ? tags
            : [];

    // Exports stream from the leads API: a link for "everything matching the filter", a POST for a selection.
  const exportHref = (format: 'csv' | 'xlsx') => `/api/v1/exports/leads?format=${format}${filterQuery ? `&${filterQuery}` : ''}`;
  const exportSelected = (format: 'csv' | 'xlsx') =>
    start(async () => {
      const res = await fetch('/api/v1/exports/leads', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ format, selection: { ids: [...selected] } }),
      }).catch(() => null);
      if (!res?.ok) {
        const body = (await res?.json().catch(() => null)) as { error?: { message: string } } | null;
        return setMessage({ ok: false, text: body?.error?.message ?? 'The export did not start. Check your connection and try again.' });
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `leads.${format}`;
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  return (
    <div className="flex flex-col gap-3">
      {message ? (
        <Alert variant={message.ok ? 'success' : 'error'} className="flex items-center justify-between gap-3" data-testid="bulk-result">
          <span>{message.text}</span>
          <Button variant="ghost" size="sm" onClick={() => setMessage(null)}>Dismiss</Button>
        </Alert>
      ) : null}

      {count > 0 ? (
        <div className="flex flex-col gap-2 rounded-lg border bg-secondary/50 p-3" data-testid="bulk-bar">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium" data-testid="selection-count">
              {allMatching !== null ? `All ${plural(count, 'lead')} matching this filter are selected.` : `${plural(count, 'lead')} selected.`}
            </span>
            {allOnPage && morePages && allMatching === null ? (
              <Button variant="link" size="sm" className="h-auto px-0" onClick={selectAllMatching} disabled={pending}>
                Select all leads matching this filter
              </Button>
            ) : null}
            <Button variant="link" size="sm" className="h-auto px-0" onClick={clear}>Clear selection</Button>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Select
              aria-label="Bulk action"
              className="h-8 w-44"
              value={bulkType}
              onChange={(e) => {
                setBulkType(e.target.value as TBulkType | '');
                setBulkTarget('');
              }}
            >
              <option value="">Choose an action…</option>
              {(Object.keys(BULK_LABELS) as TBulkType[]).map((t) => <option key={t} value={t}>{BULK_LABELS[t]}</option>)}
            </Select>
            {bulkType ? (
              targetOptions.length ? (
                <Select aria-label="Apply to" className="h-8 w-48" value={bulkTarget} onChange={(e) => setBulkTarget(e.target.value)}>
                  <option value="">Choose {TARGET_NOUN[bulkType].one}…</option>
                  {targetOptions.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                </Select>
              ) : (
                <span className="text-xs text-muted-foreground">
                  No {TARGET_NOUN[bulkType].many} yet —{' '}
                  <Link className="text-primary hover:underline" href={TARGET_NOUN[bulkType].href}>
                    create one
                  </Link>
                  .
                </span>
              )
            ) : null}
            <Button size="sm" onClick={runBulk} disabled={pending || !bulkType} aria-busy={pending}>
              {pending ? 'Working…' : 'Apply'}
            </Button>
            <span className="mx-1 h-6 w-px bg-border" aria-hidden />
            {allMatching !== null ? (
              <>
                <a className={buttonVariants({ variant: 'outline', size: 'sm' })} href={exportHref('csv')} download>
                  <Download className="h-3.5 w-3.5" aria-hidden /> Export CSV
                </a>
                <a className={buttonVariants({ variant: 'outline', size: 'sm' })} href={exportHref('xlsx')} download>
                  <Download className="h-3.5 w-3.5" aria-hidden /> Export XLSX
                </a>
              </>
            ) : (
              <>
                <Button variant="outline" size="sm" onClick={() => exportSelected('csv')} disabled={pending}>
                  <Download className="h-3.5 w-3.5" aria-hidden /> Export CSV
                </Button>
                <Button variant="outline" size="sm" onClick={() => exportSelected('xlsx')} disabled={pending}>
                  <Download className="h-3.5 w-3.5" aria-hidden /> Export XLSX
                </Button>
              </>
            )}
            <Button size="sm" variant="destructive" onClick={runDelete} disabled={pending}>
              <Trash2 className="h-3.5 w-3.5" aria-hidden /> Delete
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center justify-end gap-2">
          <span className="mr-auto text-xs text-muted-foreground">Select leads to add them to a campaign or a list, tag them, change their status, export or delete them.</span>
          <a className={buttonVariants({ variant: 'outline', size: 'sm' })} href={exportHref('csv')} download data-testid="export-csv">
            <Download className="h-3.5 w-3.5" aria-hidden /> Export CSV
          </a>
          <a className={buttonVariants({ variant: 'outline', size: 'sm' })} href={exportHref('xlsx')} download data-testid="export-xlsx">
            <Download className="h-3.5 w-3.5" aria-hidden /> Export XLSX
          </a>
        </div>
      )}

      <Table>
        <thead>
          <tr>
            <Th className="w-10">
              <input
                type="checkbox"
                className="h-4 w-4 cursor-pointer rounded border-input accent-primary"
                aria-label={allOnPage ? 'Unselect all leads on this page' : 'Select all leads on this page'}
                checked={allOnPage}
                ref={(el) => {
                  if (el) el.indeterminate = someOnPage && !allOnPage;
                }}
                onChange={toggleAll}
              />
            </Th>
            <SortTh sort={sort} col="name">Name</SortTh>
            <SortTh sort={sort} col="company">Company</SortTh>
            <Th>Title</Th>
            <SortTh sort={sort} col="status">Status</SortTh>
            <Th>Intent</Th>
            <SortTh sort={sort} col="fit_score">Fit</SortTh>
            <Th>Tags</Th>
            <SortTh sort={sort} col="created">Created</SortTh>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="lead-row" className={cn(selected.has(r.id) || allMatching !== null ? 'bg-secondary/40' : 'hover:bg-muted/40')}>
              <Td>
                <Checkbox aria-label={`Select ${r.name}`} checked={allMatching !== null || selected.has(r.id)} onChange={() => toggle(r.id)} />
              </Td>
              <Td>
                <div className="flex items-center gap-2">
                  <Link href={`/leads/${r.id}`} className="font-medium text-foreground hover:text-primary hover:underline">{r.name}</Link>
                  {r.suppressed ? <SuppressedBadge reason={r.suppressedReason} /> : null}
                </div>
                {r.email && r.email !== r.name ? <div className="text-xs text-muted-foreground">{r.email}</div> : null}
              </Td>
              <Td>
                {r.companyId ? (
                  <Link href={`/companies/${r.companyId}`} className="hover:text-primary hover:underline">{r.companyName ?? 'Company'}</Link>
                ) : (
                  <span className="text-muted-foreground">{r.companyName ?? '—'}</span>
                )}
              </Td>
              <Td className="max-w-48 truncate" title={r.title ?? undefined}>{r.title ?? <span className="text-muted-foreground">—</span>}</Td>
              <Td><StatusBadge status={r.status} /></Td>
              <Td><IntentBadge tier={r.intentTier} /></Td>
              <Td><FitScore score={r.fitScore} tier={r.fitTier} trend={r.trend} compact /></Td>
              <Td>
                <div className="flex max-w-48 flex-wrap gap-1">
                  {r.tags.map((t) => <TagChip key={t.id} name={t.name} color={t.color} />)}
                </div>
              </Td>
              <Td className="whitespace-nowrap text-xs text-muted-foreground">{r.created}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

function SortTh({ sort, col, children }: { sort: TSort; col: string; children: string }) {
  const active = sort.current === col;
  const dir = active ? (sort.dir === 'asc' || sort.dir === 'desc' ? sort.dir : NATURAL[col]) : null;
  const nextDir = active ? (dir === 'asc' ? 'desc' : 'asc') : NATURAL[col]!;
  const href = sort.hrefs[col]?.[nextDir] ?? '#';
  return (
    <Th aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}>
      <Link href={href} className={cn('inline-flex items-center gap-1 hover:text-foreground', active && 'text-foreground')} title={`Sort by ${children.toLowerCase()}`}>
        {children}
        {dir === 'asc' ? <ArrowUp className="h-3 w-3" aria-hidden /> : dir === 'desc' ? <ArrowDown className="h-3 w-3" aria-hidden /> : null}
      </Link>
    </Th>
  );
}

'use client';
/**
 * Who gets the campaign (S5): whole lists, leads picked from a search, or everything a search matches
 * (up to 10,000 at once). The answer counts every lead that was skipped, by reason.
 */
import Link from 'next/link';
import { useEffect, useRef, useState, useTransition } from 'react';
import { Search, UserPlus } from 'lucide-react';
import { Alert, Badge, Button, Checkbox, Input, Select, Table, Td, Th } from '@/components/ui';
import { LEAD_STATUS_LABELS, LEAD_STATUS_LIST } from '@/components/leads/labels';
import type { TEnrollResult } from '@/features/sequences';
import { enrollAction, findAudienceAction } from '../actions';

type TLeadRow = { id: string; name: string; email: string | null; company: string | null; status: string; suppressed: boolean; timezone: string | null };
type TSearch = { q: string; status: string; listId: string; tagId: string };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const MAX = 10_000;

export function AudiencePicker({ campaignId, lists, tags, ended }: {
  campaignId: string;
  lists: { id: string; name: string; leadCount: number }[];
  tags: { id: string; name: string }[];
  ended: boolean;
}) {
  const [search, setSearch] = useState<TSearch>({ q: '', status: '', listId: '', tagId: '' });
  const [found, setFound] = useState<{ total: number; items: TLeadRow[]; search: TSearch } | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [pickedLists, setPickedLists] = useState<Set<string>>(new Set());
  const [allowElsewhere, setAllowElsewhere] = useState(false);
  const [result, setResult] = useState<{ ok: true; r: TEnrollResult; text: string } | { ok: false; text: string } | null>(null);
  const [searching, startSearch] = useTransition();
  const [enrolling, startEnroll] = useTransition();

  // Only the latest search may fill the table (the first load can answer after a search the user ran).
  const latest = useRef(0);
  const runSearch = (s: TSearch) =>
    startSearch(async () => {
      const ticket = ++latest.current;
      const r = await findAudienceAction(null, s);
      if (ticket !== latest.current) return;
      if (r.ok) setFound({ ...(r.data as { total: number; items: TLeadRow[] }), search: s });
      else setResult({ ok: false, text: r.error.message });
    });
  useEffect(() => {
    runSearch({ q: '', status: '', listId: '', tagId: '' });
    // The first page of leads once; later searches are the user's.
  }, []);

  const enroll = (what: { leadIds?: string[]; listIds?: string[]; filter?: TSearch }, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    startEnroll(async () => {
      const r = await enrollAction(null, { campaignId, ...what, allowActiveElsewhere: allowElsewhere });
      if (!r.ok) return setResult({ ok: false, text: r.error.message });
      setResult({ ok: true, r: r.data as TEnrollResult, text: r.message ?? '' });
      setPicked(new Set());
      setPickedLists(new Set());
      runSearch(found?.search ?? search);
    });
  };

  const toggle = (set: Set<string>, id: string) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };
  const items = found?.items ?? [];
  const allPicked = items.length > 0 && items.every((l) => picked.has(l.id));
  const filtered = Boolean(found && (found.search.q || found.search.status || found.search.listId || found.search.tagId));

  if (ended) return <Alert variant="info">This campaign has ended; leads cannot join it any more.</Alert>;
  return (
    <div className="flex flex-col gap-6" data-testid="audience">
      {result ? <EnrollResult result={result} onDismiss={() => setResult(null)} /> : null}

      <section className="flex flex-col gap-3">
        <h3 className="text-sm font-semibold">Lists</h3>
        {lists.length ? (
          <>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {lists.map((l) => (
                <label key={l.id} className="flex items-center gap-2 text-sm">
                  <Checkbox checked={pickedLists.has(l.id)} onChange={() => setPickedLists((s) => toggle(s, l.id))} />
                  {l.name} <span className="text-xs text-muted-foreground">({plural(l.leadCount, 'lead')})</span>
                </label>
              ))}
            </div>
            <div>
              <Button variant="outline" size="sm" disabled={enrolling || pickedLists.size === 0} onClick={() => enroll({ listIds: [...pickedLists] })}>
                <UserPlus className="h-3.5 w-3.5" aria-hidden /> Enroll every lead of {pickedLists.size === 1 ? 'this list' : `these ${pickedLists.size || ''} lists`}
              </Button>
            </div>
          </>
        ) : (
          <p className="text-sm text-muted-foreground">No lists yet. <Link className="text-primary hover:underline" href="/leads/lists">Create one</Link>, or pick leads below.</p>
        )}
      </section>

      <section className="flex flex-col gap-3">
        <h3 className="text-sm font-semibold">Leads</h3>
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor="aud-q" className="text-xs text-muted-foreground">Search</label>
            <Input
              id="aud-q"
              className="h-8 w-64"
              placeholder="Name, email, company or title"
              value={search.q}
              onChange={(e) => setSearch({ ...search, q: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  runSearch(search);
                }
              }}
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="aud-status" className="text-xs text-muted-foreground">Status</label>
            <Select id="aud-status" className="h-8 w-40" value={search.status} onChange={(e) => setSearch({ ...search, status: e.target.value })}>
              <option value="">Any status</option>
              {LEAD_STATUS_LIST.map((s) => <option key={s} value={s}>{LEAD_STATUS_LABELS[s]}</option>)}
            </Select>
          </div>
          {lists.length ? (
            <div className="flex flex-col gap-1">
              <label htmlFor="aud-list" className="text-xs text-muted-foreground">In list</label>
              <Select id="aud-list" className="h-8 w-40" value={search.listId} onChange={(e) => setSearch({ ...search, listId: e.target.value })}>
                <option value="">Any list</option>
                {lists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
              </Select>
            </div>
          ) : null}
          {tags.length ? (
            <div className="flex flex-col gap-1">
              <label htmlFor="aud-tag" className="text-xs text-muted-foreground">Tag</label>
              <Select id="aud-tag" className="h-8 w-40" value={search.tagId} onChange={(e) => setSearch({ ...search, tagId: e.target.value })}>
                <option value="">Any tag</option>
                {tags.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
              </Select>
            </div>
          ) : null}
          <Button size="sm" variant="outline" onClick={() => runSearch(search)} disabled={searching}>
            <Search className="h-3.5 w-3.5" aria-hidden /> {searching ? 'Searching…' : 'Search'}
          </Button>
        </div>

        {found && found.total === 0 ? (
          <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
            {filtered ? 'No lead matches this search. Change it, or clear the filters.' : <>No leads yet. <Link className="text-primary hover:underline" href="/leads/import">Import a CSV</Link> or <Link className="text-primary hover:underline" href="/leads/new">add a lead</Link> first.</>}
          </p>
        ) : found ? (
          <>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span data-testid="audience-count">
                {plural(found.total, 'lead')} {filtered ? 'match' : 'in total'}{found.total > items.length ? ` — showing the ${items.length} most recently updated` : ''}.
              </span>
              <Button size="sm" disabled={enrolling || picked.size === 0} onClick={() => enroll({ leadIds: [...picked] })} data-testid="enroll-selected">
                <UserPlus className="h-3.5 w-3.5" aria-hidden /> Enroll {picked.size ? plural(picked.size, 'selected lead') : 'selected leads'}
              </Button>
              <Button
                size="sm"
                variant="outline"
                disabled={enrolling || found.total > MAX}
                title={found.total > MAX ? `At most ${MAX.toLocaleString('en')} at once: narrow the search.` : undefined}
                onClick={() => enroll({ filter: found.search }, `Enroll all ${plural(found.total, 'lead')} ${filtered ? 'matching this search' : 'of your organization'}?`)}
                data-testid="enroll-all"
              >
                Enroll all {plural(found.total, 'lead')} {filtered ? 'matching' : ''}
              </Button>
            </div>
            <Table>
              <thead>
                <tr>
                  <Th className="w-10">
                    <Checkbox aria-label="Select every lead shown" checked={allPicked} onChange={() => setPicked(allPicked ? new Set() : new Set(items.map((l) => l.id)))} />
                  </Th>
                  <Th>Lead</Th>
                  <Th>Company</Th>
                  <Th>Status</Th>
                  <Th>Time zone</Th>
                </tr>
              </thead>
              <tbody>
                {items.map((l) => (
                  <tr key={l.id} data-testid="audience-row">
                    <Td><Checkbox aria-label={`Select ${l.name}`} checked={picked.has(l.id)} onChange={() => setPicked((s) => toggle(s, l.id))} /></Td>
                    <Td>
                      <span className="font-medium">{l.name}</span>
                      {l.suppressed ? <Badge variant="warning" className="ml-2">Suppressed</Badge> : null}
                      {l.email ? <div className="text-xs text-muted-foreground">{l.email}</div> : <div className="text-xs text-amber-700">No email address</div>}
                    </Td>
                    <Td>{l.company ?? <span className="text-muted-foreground">—</span>}</Td>
                    <Td>{LEAD_STATUS_LABELS[l.status as keyof typeof LEAD_STATUS_LABELS] ?? l.status}</Td>
                    <Td className="text-xs text-muted-foreground">{l.timezone ?? 'unknown: the campaign’s'}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </>
        ) : (
          <p className="text-sm text-muted-foreground">Loading leads…</p>
        )}
      </section>

      <label className="flex items-center gap-2 text-sm">
        <Checkbox checked={allowElsewhere} onChange={(e) => setAllowElsewhere(e.target.checked)} />
        Also enroll leads that are active in another campaign (otherwise they are skipped)
      </label>
      <p className="text-xs text-muted-foreground">
        Leads without an email address, leads on the suppression list and leads already in this campaign are always skipped, and counted.
      </p>
    </div>
  );
}

function EnrollResult({ result, onDismiss }: { result: { ok: true; r: TEnrollResult; text: string } | { ok: false; text: string }; onDismiss: () => void }) {
  if (!result.ok) return <Alert variant="error" data-testid="enroll-result">{result.text}</Alert>;
  const { r } = result;
  const skipped = [
    [r.skipped.alreadyEnrolled, 'already in this campaign'],
    [r.skipped.activeElsewhere, 'active in another campaign'],
    [r.skipped.suppressed, 'on the suppression list'],
    [r.skipped.noEmail, 'without an email address'],
    [r.skipped.notFound, 'deleted or not found'],
  ].filter(([n]) => Number(n) > 0) as [number, string][];
  return (
    <Alert variant={r.enrolled ? 'success' : 'warning'} data-testid="enroll-result">
      <div className="flex items-start justify-between gap-3">
        <div>
          <p className="font-medium">
            Enrolled {plural(r.enrolled, 'lead')} of {plural(r.considered, 'lead')} considered.
          </p>
          {skipped.length ? (
            <ul className="mt-1 list-disc pl-5" data-testid="enroll-skipped">
              {skipped.map(([n, why]) => <li key={why}>{plural(n, 'lead')} skipped: {why}</li>)}
            </ul>
          ) : null}
          {r.enrolled ? <p className="mt-1">See them on the Enrollments tab, with their next send time and why each is waiting.</p> : null}
        </div>
        <Button variant="ghost" size="sm" onClick={onDismiss}>Dismiss</Button>
      </div>
    </Alert>
  );
}

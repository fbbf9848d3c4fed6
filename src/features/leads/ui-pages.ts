/**
 * What the leads pages need on top of the services: keyset pages in both directions ("Previous" as
 * well as "Next", each an exact cursor, so the URL alone names a page), the trend arrow of each company
 * on a page, the leads count per status for the dashboard, and the first raw rows of an uploaded file
 * for the mapping screen. Reads only; every query is bounded by a page or by the organization.
 */
import { one, rows, sql, type Db } from '@/db';
import type { TLeadStatus } from '@/db/schema';
import { decodeCursor, encodeCursor, defaultDir, ZListLeadsQuery, type TListLeadsQueryInput } from './filters';
import { findCompanies, ZListCompaniesQuery, type TListCompaniesQuery } from './companies';
import { findLeads } from './find-leads';
import { openSheet } from './file-reader';
import { scoreTrend, type TTrend } from './fit';
import { importFile } from './imports';
import { findSuppressions, type TSuppression } from './suppression-list';
import { ZSuppressionQuery } from './schemas';
import { COMPANY_COLUMNS, type TCompany, type TLeadRow } from './types';
import type { z } from 'zod';

export type TPageCursors = { nextCursor: string | null; prevCursor: string | null };

/**
 * The exact cursor of a lead for a sort (the same key find-leads.ts pages on). Name and company keys use
 * Postgres' lower(), which differs from JavaScript's for some letters, so they are read back.
 */
async function leadCursor(db: Db, sort: string, lead: TLeadRow): Promise<string> {
  let v: string | number | null;
  if (sort === 'created') v = lead.createdAt;
  else if (sort === 'updated') v = lead.updatedAt;
  else if (sort === 'status') v = lead.status;
  else if (sort === 'fit_score') v = lead.fitScore ?? 0;
  else {
    const r = await one<{ k: string }>(
      db,
      sort === 'name'
        ? sql`select lower(coalesce(l.full_name, l.email, '')) as k from public.leads l where l.id = ${lead.id}::uuid`
        : sql`select lower(coalesce(l.company_name, '')) as k from public.leads l where l.id = ${lead.id}::uuid`,
    );
    v = r?.k ?? '';
  }
  return encodeCursor({ v, id: lead.id });
}

/**
 * A page of the leads table. `cursor` pages forward from a row, `before` backward (the rows just
 * before it, in the table's order). Never counts.
 */
export async function findLeadsPage(
  db: Db,
  orgId: string,
  raw: TListLeadsQueryInput & { before?: string },
): Promise<{ items: TLeadRow[] } & TPageCursors> {
  const { before, ...rest } = raw;
  const q = ZListLeadsQuery.parse({ ...rest, withCount: false });
  const dir = q.dir ?? defaultDir(q.sort);
  if (before) {
    decodeCursor(before); // a clear error for a damaged link
    const back = await findLeads(db, orgId, { ...q, dir: dir === 'asc' ? 'desc' : 'asc', cursor: before });
    const items = back.items.reverse();
    const first = items[0];
    const last = items[items.length - 1];
    return {
      items,
      prevCursor: back.nextCursor && first ? await leadCursor(db, q.sort, first) : null,
      nextCursor: last ? await leadCursor(db, q.sort, last) : null,
    };
  }
  const page = await findLeads(db, orgId, { ...q, dir });
  const first = page.items[0];
  return { items: page.items, nextCursor: page.nextCursor, prevCursor: q.cursor && first ? await leadCursor(db, q.sort, first) : null };
}

/** The trend arrow (latest snapshot against the one before) of each of these companies. */
export async function findCompanyTrends(db: Db, orgId: string, companyIds: string[]): Promise<Record<string, TTrend | null>> {
  const ids = [...new Set(companyIds)];
  if (!ids.length) return {};
  const r = await rows<{ companyId: string; score: number; createdAt: string }>(
    db,
    sql`select s.company_id as "companyId", s.score::int as score, to_json(s.created_at) #>> '{}' as "createdAt"
        from unnest(${sql.param(ids)}::uuid[]) as x(id)
        cross join lateral (select company_id, score, created_at from public.company_snapshots
                            where company_id = x.id and org_id = ${orgId}::uuid order by created_at desc, id desc limit 2) s`,
  );
  const by = new Map<string, { score: number; createdAt: string }[]>();
  for (const s of r) by.set(s.companyId, [...(by.get(s.companyId) ?? []), s]);
  return Object.fromEntries(ids.map((id) => [id, scoreTrend(by.get(id) ?? [])]));
}

type TCompanyListRow = TCompany & { leadCount: number };

/** A page of the companies table, forward (`cursor`) or backward (`before`). */
export async function findCompaniesPage(
  db: Db,
  orgId: string,
  raw: TListCompaniesQuery & { before?: string },
): Promise<{ items: TCompanyListRow[] } & TPageCursors> {
  const { before, ...rest } = raw;
  const q = ZListCompaniesQuery.parse(rest);
  const key = q.sort === 'name' ? sql`lower(c.name)` : q.sort === 'fit_score' ? sql`coalesce(c.fit_score, 0)::int` : sql`c.created_at`;
  const cast = q.sort === 'name' ? sql`text` : q.sort === 'fit_score' ? sql`int` : sql`timestamptz`;
  const cursorOf = async (c: TCompanyListRow) => {
    if (q.sort === 'created') return encodeCursor({ v: c.createdAt, id: c.id });
    if (q.sort === 'fit_score') return encodeCursor({ v: c.fitScore ?? 0, id: c.id });
    const r = await one<{ k: string }>(db, sql`select lower(c.name) as k from public.companies c where c.id = ${c.id}::uuid`);
    return encodeCursor({ v: r?.k ?? '', id: c.id });
  };
  if (!before) {
    const page = await findCompanies(db, orgId, q);
    const first = page.items[0];
    return { ...page, prevCursor: q.cursor && first ? await cursorOf(first) : null };
  }
  // Backward: the same order reversed (findCompanies sorts names A→Z, dates and scores high→low).
  const asc = q.sort === 'name';
  const cur = decodeCursor(before);
  const esc = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
  const w = [sql`c.org_id = ${orgId}::uuid`, sql`c.deleted_at is null`, sql`(${key}, c.id) ${asc ? sql`<` : sql`>`} (${cur.v}::${cast}, ${cur.id}::uuid)`];
  if (q.q) w.push(sql`(lower(c.name) like ${esc(q.q)} or c.domain like ${esc(q.q)})`);
  if (q.intentTier) w.push(sql`c.intent_tier = ${q.intentTier}`);
  if (q.fitTier) w.push(sql`c.fit_tier = ${q.fitTier}`);
  const dir = asc ? sql`desc` : sql`asc`;
  const page = await rows<TCompanyListRow>(
    db,
    sql`select ${COMPANY_COLUMNS},
               (select count(*)::int from public.leads l where l.company_id = c.id and l.deleted_at is null) as "leadCount"
        from public.companies c where ${sql.join(w, sql` and `)}
        order by ${key} ${dir}, c.id ${dir} limit ${q.limit + 1}`,
  );
  const more = page.length > q.limit;
  const items = page.slice(0, q.limit).reverse();
  const first = items[0];
  const last = items[items.length - 1];
  return { items, prevCursor: more && first ? await cursorOf(first) : null, nextCursor: last ? await cursorOf(last) : null };
}

/** A page of the suppression list (newest first), forward (`cursor`) or backward (`before`). */
export async function findSuppressionsPage(
  db: Db,
  orgId: string,
  raw: z.input<typeof ZSuppressionQuery> & { before?: string },
): Promise<{ items: TSuppression[] } & TPageCursors> {
  const { before, ...rest } = raw;
  const q = ZSuppressionQuery.parse(rest);
  const cursorOf = (s: TSuppression) => encodeCursor({ v: s.createdAt, id: s.id });
  if (!before) {
    const page = await findSuppressions(db, orgId, q);
    const first = page.items[0];
    return { ...page, prevCursor: q.cursor && first ? cursorOf(first) : null };
  }
  const cur = decodeCursor(before);
  const w = [sql`s.org_id = ${orgId}::uuid`, sql`(s.created_at, s.id) > (${cur.v}::timestamptz, ${cur.id}::uuid)`];
  if (q.q) w.push(sql`s.value like ${`%${q.q.toLowerCase().replace(/[\\%_]/g, (x) => `\\${x}`)}%`}`);
  if (q.kind) w.push(sql`s.kind = ${q.kind}`);
  const page = await rows<TSuppression>(
    db,
    sql`select s.id, s.kind, s.value, s.reason, s.source, to_json(s.created_at) #>> '{}' as "createdAt"
        from public.suppressions s where ${sql.join(w, sql` and `)} order by s.created_at asc, s.id asc limit ${q.limit + 1}`,
  );
  const more = page.length > q.limit;
  const items = page.slice(0, q.limit).reverse();
  const first = items[0];
  const last = items[items.length - 1];
  return { items, prevCursor: more && first ? cursorOf(first) : null, nextCursor: last ? cursorOf(last) : null };
}

/** Live leads per status (the dashboard card). */
export async function countLeadsByStatus(db: Db, orgId: string): Promise<Partial<Record<TLeadStatus, number>>> {
  const r = await rows<{ status: TLeadStatus; n: number }>(
    db,
    sql`select status, count(*)::int as n from public.leads where org_id = ${orgId}::uuid and deleted_at is null group by status`,
  );
  return Object.fromEntries(r.map((x) => [x.status, x.n]));
}

/** The first data rows of an uploaded file as they are in the file (sample values on the mapping screen). */
export async function findImportSample(db: Db, orgId: string, importId: string, limit = 3): Promise<string[][]> {
  const file = await importFile(db, orgId, importId);
  const sheet = await openSheet(file.bytes, file.format, { batchSize: Math.max(1, Math.min(limit, 20)) });
  const first = await sheet.batches.next();
  await sheet.batches.return(undefined);
  return first.done ? [] : first.value.map((r) => r.cells);
}

/** Lists and tags by name only, for the table's filter and bulk menus (no member counts: every page load reads these). */
export async function findLeadPickers(db: Db, orgId: string): Promise<{ lists: { id: string; name: string }[]; tags: { id: string; name: string; color: string | null }[] }> {
  const [lists, tags] = await Promise.all([
    rows<{ id: string; name: string }>(db, sql`select id, name from public.lists where org_id = ${orgId}::uuid order by lower(name) limit 1000`),
    rows<{ id: string; name: string; color: string | null }>(db, sql`select id, name, color from public.tags where org_id = ${orgId}::uuid order by lower(name) limit 1000`),
  ]);
  return { lists, tags };
}

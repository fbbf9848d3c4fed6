/**
 * The leads table query (L3): search, filters, sort and keyset pagination. Each sort pages on
 * (key, id) in one direction and has a matching index (org_id, key, id) where deleted_at is null, so
 * a page costs the same at row 100,000 as at row 1.
 */
import type { SQL } from 'drizzle-orm';
import { one, rows, sql, type Db } from '@/db';
import { decodeCursor, defaultDir, encodeCursor, ZListLeadsQuery, type TLeadSort, type TListLeadsQueryInput } from './filters';
import { leadFilterSql } from './lead-filter-sql';
import { LEAD_COLUMNS, type TLeadRow, type TTagRef } from './types';

type TSortSpec = { key: SQL; cast: SQL; out: SQL; joinCompany?: boolean };

const SORTS: Record<TLeadSort, TSortSpec> = {
  created: { key: sql`l.created_at`, cast: sql`timestamptz`, out: sql`to_json(l.created_at) #>> '{}'` },
  updated: { key: sql`l.updated_at`, cast: sql`timestamptz`, out: sql`to_json(l.updated_at) #>> '{}'` },
  name: { key: sql`lower(coalesce(l.full_name, l.email, ''))`, cast: sql`text`, out: sql`lower(coalesce(l.full_name, l.email, ''))` },
  company: { key: sql`lower(coalesce(l.company_name, ''))`, cast: sql`text`, out: sql`lower(coalesce(l.company_name, ''))` },
  status: { key: sql`l.status`, cast: sql`text`, out: sql`l.status` },
  fit_score: { key: sql`coalesce(c.fit_score, 0)`, cast: sql`int`, out: sql`coalesce(c.fit_score, 0)::int`, joinCompany: true },
};

export type TLeadPage = { items: TLeadRow[]; nextCursor: string | null; total?: number };

export async function findLeads(db: Db, orgId: string, raw: TListLeadsQueryInput = {}): Promise<TLeadPage> {
  const q = ZListLeadsQuery.parse(raw);
  const where = await leadFilterSql(db, orgId, q);
  const s = SORTS[q.sort];
  const dir = q.dir ?? defaultDir(q.sort);
  const cmp = dir === 'asc' ? sql`>` : sql`<`;
  const order = dir === 'asc' ? sql`asc` : sql`desc`;
  let keyset = sql``;
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    keyset = sql`and (${s.key}, l.id) ${cmp} (${c.v}::${s.cast}, ${c.id}::uuid)`;
  }
  const page = await rows<TLeadRow & { sortKey: string | number }>(
    db,
    sql`select ${LEAD_COLUMNS}, c.domain as "companyDomain", coalesce(c.intent_tier, 'cold') as "intentTier",
               c.fit_score::int as "fitScore", c.fit_tier as "fitTier", ${s.out} as "sortKey"
        from public.leads l
        left join public.companies c on c.id = l.company_id
        where ${where} ${keyset}
        order by ${s.key} ${order}, l.id ${order}
        limit ${q.limit + 1}`,
  );
  const more = page.length > q.limit;
  const items = page.slice(0, q.limit);
  const last = items[items.length - 1];
  const nextCursor = more && last ? encodeCursor({ v: last.sortKey, id: last.id }) : null;
  const tags = await tagsOf(db, items.map((i) => i.id));
  for (const i of items) {
    i.tags = tags.get(i.id) ?? [];
    delete (i as { sortKey?: unknown }).sortKey;
  }
  const out: TLeadPage = { items, nextCursor };
  if (q.withCount) out.total = await countLeadsWhere(db, where);
  return out;
}

async function countLeadsWhere(db: Db, where: SQL): Promise<number> {
  const r = await one<{ n: number }>(db, sql`select count(*)::int as n from public.leads l where ${where}`);
  return r?.n ?? 0;
}

export async function countLeads(db: Db, orgId: string, filter: Parameters<typeof leadFilterSql>[2] = {}): Promise<number> {
  return countLeadsWhere(db, await leadFilterSql(db, orgId, filter));
}

export async function tagsOf(db: Db, leadIds: string[]): Promise<Map<string, TTagRef[]>> {
  const out = new Map<string, TTagRef[]>();
  if (!leadIds.length) return out;
  const r = await rows<TTagRef & { leadId: string }>(
    db,
    sql`select lt.lead_id as "leadId", t.id, t.name, t.color
        from public.lead_tags lt join public.tags t on t.id = lt.tag_id
        where lt.lead_id = any(${sql.param(leadIds)}::uuid[])
        order by lower(t.name)`,
  );
  for (const { leadId, ...tag } of r) {
    const list = out.get(leadId) ?? [];
    list.push(tag);
    out.set(leadId, list);
  }
  return out;
}

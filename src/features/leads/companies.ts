/**
 * Companies (L1): create (domain normalised, one live company per domain), read with lead count and
 * score trend, edit, soft delete and restore, and the companies table (search, tiers, keyset pages).
 */
import { one, rows, sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import { z } from 'zod';
import { normaliseCountry } from './countries';
import { decodeCursor, encodeCursor } from './filters';
import { scoreTrend } from './fit';
import { normaliseDomain, normaliseLinkedinUrl, normalisePhone, normaliseWebsite } from './normalise';
import { ZCreateCompany, ZUpdateCompany, type TCreateCompany, type TUpdateCompany } from './schemas';
import { COMPANY_COLUMNS, type TActor, type TCompany, type TCompanyRow } from './types';

type TCompanyCols = Partial<Record<'name' | 'domain' | 'website' | 'industry' | 'size_range' | 'linkedin_url' | 'phone' | 'city' | 'state' | 'country' | 'description', string | null>>;

function columnsFrom(input: z.output<typeof ZUpdateCompany> | z.output<typeof ZCreateCompany>, storedCountry: string | null = null): TCompanyCols {
  const fields: Record<string, string[]> = {};
  const out: TCompanyCols = {};
  const fail = (k: string, m: string) => ((fields[k] ??= []).push(m), null);
  if (input.name !== undefined) out.name = input.name;
  if (input.website !== undefined) {
    const w = input.website ? normaliseWebsite(input.website) : { value: null };
    out.website = w.error ? fail('website', w.error) : (w.value?.url ?? null);
    if (w.value && input.domain === undefined) out.domain = w.value.domain;
  }
  if (input.domain !== undefined) {
    const d = input.domain ? normaliseDomain(input.domain) : { value: null };
    out.domain = d.error ? fail('domain', d.error) : (d.value ?? null);
  }
  if (input.linkedinUrl !== undefined) {
    const l = input.linkedinUrl ? normaliseLinkedinUrl(input.linkedinUrl) : { value: null };
    out.linkedin_url = l.error ? fail('linkedinUrl', l.error) : (l.value ?? null);
  }
  if (input.country !== undefined) out.country = input.country ? normaliseCountry(input.country) : null;
  if (input.phone !== undefined) {
    const p = input.phone ? normalisePhone(input.phone, out.country ?? storedCountry) : { value: null };
    out.phone = p.error ? fail('phone', p.error) : (p.value ?? null);
  }
  for (const [k, col] of [['industry', 'industry'], ['sizeRange', 'size_range'], ['city', 'city'], ['state', 'state'], ['description', 'description']] as const) {
    if (input[k] !== undefined) out[col] = input[k] || null;
  }
  if (Object.keys(fields).length) throw new AppError('INVALID_INPUT', Object.values(fields).flat()[0]!, { fields });
  return out;
}

async function assertDomainFree(db: Db, orgId: string, domain: string | null | undefined, exceptId?: string) {
  if (!domain) return;
  const dup = await one<{ id: string; name: string }>(
    db,
    sql`select id, name from public.companies where org_id = ${orgId}::uuid and domain = ${domain} and deleted_at is null
        ${exceptId ? sql`and id <> ${exceptId}::uuid` : sql``} limit 1`,
  );
  if (dup) {
    throw new AppError('CONFLICT', `${dup.name} already has the domain ${domain}.`, { details: { existingCompanyId: dup.id }, fields: { domain: ['Another company has this domain.'] } });
  }
}

export async function getCompany(db: Db, orgId: string, id: string, opts: { includeDeleted?: boolean } = {}): Promise<TCompanyRow> {
  const c = /^[0-9a-f-]{36}$/i.test(id)
    ? await one<TCompany & { leadCount: number }>(
        db,
        sql`select ${COMPANY_COLUMNS},
                   (select count(*)::int from public.leads l where l.company_id = c.id and l.deleted_at is null) as "leadCount"
            from public.companies c
            where c.id = ${id}::uuid and c.org_id = ${orgId}::uuid ${opts.includeDeleted ? sql`` : sql`and c.deleted_at is null`}`,
      )
    : undefined;
  if (!c) throw new AppError('NOT_FOUND', 'That company does not exist.');
  const snaps = await rows<{ score: number; createdAt: string }>(
    db,
    sql`select score::int as score, to_json(created_at) #>> '{}' as "createdAt" from public.company_snapshots
        where company_id = ${id}::uuid order by created_at desc limit 2`,
  );
  return { ...c, trend: scoreTrend(snaps) };
}

export async function createCompany(db: Db, actor: TActor, raw: TCreateCompany): Promise<TCompanyRow> {
  const input = ZCreateCompany.parse(raw);
  const cols = columnsFrom(input);
  await assertDomainFree(db, actor.orgId, cols.domain);
  const c = (k: keyof TCompanyCols) => cols[k] ?? null;
  const row = await one<{ id: string }>(
    db,
    sql`insert into public.companies (org_id, name, domain, website, industry, size_range, employee_count, revenue, linkedin_url, phone,
                                      city, state, country, description, custom_fields)
        values (${actor.orgId}::uuid, ${c('name')}, ${c('domain')}, ${c('website')}, ${c('industry')}, ${c('size_range')},
                ${input.employeeCount ?? null}::int, ${input.revenue ?? null}::bigint, ${c('linkedin_url')}, ${c('phone')}, ${c('city')},
                ${c('state')}, ${c('country')}, ${c('description')}, ${JSON.stringify(input.customFields ?? {})}::jsonb)
        returning id`,
  );
  return getCompany(db, actor.orgId, row!.id);
}

export async function updateCompany(db: Db, actor: TActor, id: string, raw: TUpdateCompany): Promise<TCompanyRow> {
  const input = ZUpdateCompany.parse(raw);
  const current = await getCompany(db, actor.orgId, id);
  const cols = columnsFrom(input, current.country);
  if (cols.domain) await assertDomainFree(db, actor.orgId, cols.domain, id);
  const sets = Object.entries(cols).map(([k, v]) => sql`${sql.identifier(k)} = ${v}`);
  if (input.employeeCount !== undefined) sets.push(sql`employee_count = ${input.employeeCount}::int`);
  if (input.revenue !== undefined) sets.push(sql`revenue = ${input.revenue}::bigint`);
  if (input.customFields) sets.push(sql`custom_fields = custom_fields || ${JSON.stringify(input.customFields)}::jsonb`);
  if (sets.length) await db.execute(sql`update public.companies set ${sql.join(sets, sql`, `)} where id = ${id}::uuid and org_id = ${actor.orgId}::uuid`);
  return getCompany(db, actor.orgId, id);
}

/** Soft delete: the company leaves the table; its leads keep it (and show it) until it is restored. */
export async function deleteCompany(db: Db, actor: TActor, id: string): Promise<{ id: string; deleted: true }> {
  const r = await one<{ id: string }>(
    db,
    sql`update public.companies set deleted_at = now() where id = ${id}::uuid and org_id = ${actor.orgId}::uuid and deleted_at is null returning id`,
  );
  if (!r) throw new AppError('NOT_FOUND', 'That company does not exist.');
  return { id, deleted: true };
}

export async function restoreCompany(db: Db, actor: TActor, id: string): Promise<TCompanyRow> {
  const c = await getCompany(db, actor.orgId, id, { includeDeleted: true });
  if (!c.deletedAt) return c;
  await assertDomainFree(db, actor.orgId, c.domain, id);
  await db.execute(sql`update public.companies set deleted_at = null where id = ${id}::uuid and org_id = ${actor.orgId}::uuid`);
  return getCompany(db, actor.orgId, id);
}

export const ZListCompaniesQuery = z.object({
  q: z.string().trim().max(200).optional(),
  intentTier: z.enum(['hot', 'warm', 'cold']).optional(),
  fitTier: z.enum(['hot', 'review', 'rejected']).optional(),
  sort: z.enum(['created', 'name', 'fit_score']).default('created'),
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListCompaniesQuery = z.input<typeof ZListCompaniesQuery>;

export async function findCompanies(db: Db, orgId: string, raw: TListCompaniesQuery = {}): Promise<{ items: (TCompany & { leadCount: number })[]; nextCursor: string | null }> {
  const q = ZListCompaniesQuery.parse(raw);
  const key = q.sort === 'name' ? sql`lower(c.name)` : q.sort === 'fit_score' ? sql`coalesce(c.fit_score, 0)::int` : sql`c.created_at`;
  const out = q.sort === 'created' ? sql`to_json(c.created_at) #>> '{}'` : key;
  const cast = q.sort === 'name' ? sql`text` : q.sort === 'fit_score' ? sql`int` : sql`timestamptz`;
  const asc = q.sort === 'name';
  const w = [sql`c.org_id = ${orgId}::uuid`, sql`c.deleted_at is null`];
  if (q.q) w.push(sql`(lower(c.name) like ${`%${q.q.toLowerCase().replace(/[\\%_]/g, (x) => `\\${x}`)}%`} or c.domain like ${`%${q.q.toLowerCase().replace(/[\\%_]/g, (x) => `\\${x}`)}%`})`);
  if (q.intentTier) w.push(sql`c.intent_tier = ${q.intentTier}`);
  if (q.fitTier) w.push(sql`c.fit_tier = ${q.fitTier}`);
  if (q.cursor) {
    const cur = decodeCursor(q.cursor);
    w.push(sql`(${key}, c.id) ${asc ? sql`>` : sql`<`} (${cur.v}::${cast}, ${cur.id}::uuid)`);
  }
  const dir = asc ? sql`asc` : sql`desc`;
  const page = await rows<TCompany & { leadCount: number; sortKey: string | number }>(
    db,
    sql`select ${COMPANY_COLUMNS}, ${out} as "sortKey",
               (select count(*)::int from public.leads l where l.company_id = c.id and l.deleted_at is null) as "leadCount"
        from public.companies c where ${sql.join(w, sql` and `)}
        order by ${key} ${dir}, c.id ${dir} limit ${q.limit + 1}`,
  );
  const more = page.length > q.limit;
  const items = page.slice(0, q.limit);
  const last = items[items.length - 1];
  const nextCursor = more && last ? encodeCursor({ v: last.sortKey, id: last.id }) : null;
  for (const i of items) delete (i as { sortKey?: unknown }).sortKey;
  return { items, nextCursor };
}

/**
 * Finds or creates companies in batches: by domain first, then by name (a domain-less candidate matches
 * any company of that name; a candidate with an unknown domain matches a domain-less company of that
 * name). New companies get every field the candidate carries; a fit score given on creation records a
 * snapshot. Set-based: a handful of statements per batch whatever its size. Works as a user (RLS) or
 * inside a service transaction.
 */
import { rows, sql, type Db } from '@/db';
import type { TImportCompany } from './import-row';

export type TCompanyCandidate = Partial<TImportCompany> & { name: string; domain?: string | null };
export type TResolvedCompany = { id: string; name: string };

export const companyKey = (c: { name: string; domain?: string | null }) => (c.domain ? `d:${c.domain}` : `n:${c.name.trim().toLowerCase()}`);
const nameKey = (name: string) => `n:${name.trim().toLowerCase()}`;

const arr = (v: unknown[]) => sql.param(v);

/** Resolves every candidate to a company id. `cache` (key → company) carries results across batches. */
export async function resolveCompanies(
  db: Db,
  orgId: string,
  candidates: TCompanyCandidate[],
  cache: Map<string, TResolvedCompany> = new Map(),
): Promise<Map<string, TResolvedCompany>> {
  const pending = new Map<string, TCompanyCandidate>();
  for (const c of candidates) {
    const k = companyKey(c);
    if (!cache.has(k) && !pending.has(k)) pending.set(k, c);
  }
  if (!pending.size) return cache;

  // 1. by domain
  const domains = [...pending.values()].filter((c) => c.domain).map((c) => c.domain!);
  if (domains.length) {
    const found = await rows<{ id: string; name: string; domain: string }>(
      db,
      sql`select id, name, domain from public.companies
          where org_id = ${orgId}::uuid and deleted_at is null and domain = any(${arr(domains)}::text[])`,
    );
    for (const f of found) {
      cache.set(`d:${f.domain}`, { id: f.id, name: f.name });
      pending.delete(`d:${f.domain}`);
    }
  }
  // 2. by name: domain-less candidates match any company of that name; others only a domain-less one
  if (pending.size) {
    const names = [...new Set([...pending.values()].map((c) => c.name.trim().toLowerCase()))];
    const found = await rows<{ id: string; name: string; lname: string; has_domain: boolean }>(
      db,
      sql`select distinct on (lower(name), domain is not null) id, name, lower(name) as lname, domain is not null as has_domain
          from public.companies
          where org_id = ${orgId}::uuid and deleted_at is null and lower(name) = any(${arr(names)}::text[])
          order by lower(name), domain is not null, created_at, id`,
    );
    const anyByName = new Map<string, TResolvedCompany>();
    const domainlessByName = new Map<string, TResolvedCompany>();
    for (const f of found) {
      if (!anyByName.has(f.lname) || !f.has_domain) anyByName.set(f.lname, { id: f.id, name: f.name });
      if (!f.has_domain) domainlessByName.set(f.lname, { id: f.id, name: f.name });
    }
    for (const [k, c] of pending) {
      const lname = c.name.trim().toLowerCase();
      const hit = c.domain ? domainlessByName.get(lname) : anyByName.get(lname);
      if (hit) {
        cache.set(k, hit);
        pending.delete(k);
      }
    }
  }
  // 3. create the rest (domain conflicts from concurrent writers are re-read)
  if (pending.size) {
    const list = [...pending.entries()];
    const col = <T>(f: (c: TCompanyCandidate) => T | null | undefined) => arr(list.map(([, c]) => f(c) ?? null));
    const created = await rows<{ id: string; name: string; domain: string | null; fit: number | null }>(
      db,
      sql`insert into public.companies (org_id, name, domain, website, industry, size_range, employee_count, revenue,
                                        linkedin_url, phone, city, state, country, description, fit_score, fit_reasoning, fit_scored_at)
          select ${orgId}::uuid, v.name, v.domain, v.website, v.industry, v.size_range, v.employee_count, v.revenue,
                 v.linkedin_url, v.phone, v.city, v.state, v.country, v.description, v.fit_score,
                 case when v.fit_score is not null then 'Imported' end, case when v.fit_score is not null then now() end
          from unnest(${col((c) => c.name.trim())}::text[], ${col((c) => c.domain)}::text[], ${col((c) => c.website)}::text[],
                      ${col((c) => c.industry)}::text[], ${col((c) => c.sizeRange)}::text[], ${col((c) => c.employeeCount)}::int[],
                      ${col((c) => c.revenue)}::bigint[], ${col((c) => c.linkedinUrl)}::text[], ${col((c) => c.phone)}::text[],
                      ${col((c) => c.city)}::text[], ${col((c) => c.state)}::text[], ${col((c) => c.country)}::text[],
                      ${col((c) => c.description)}::text[], ${col((c) => c.fitScore)}::smallint[])
               as v(name, domain, website, industry, size_range, employee_count, revenue, linkedin_url, phone, city, state, country, description, fit_score)
          on conflict (org_id, domain) where domain is not null and deleted_at is null do nothing
          returning id, name, domain, fit_score::int as fit`,
    );
    for (const c of created) {
      const k = c.domain ? `d:${c.domain}` : nameKey(c.name);
      cache.set(k, { id: c.id, name: c.name });
      pending.delete(k);
    }
    const scored = created.filter((c) => c.fit !== null);
    if (scored.length) {
      await db.execute(sql`
        insert into public.company_snapshots (org_id, company_id, score, tier, signals, reasoning)
        select ${orgId}::uuid, v.id, v.score,
               case when v.score >= 8 then 'hot' when v.score >= 5 then 'review' else 'rejected' end, '[]'::jsonb, 'Imported'
        from unnest(${arr(scored.map((c) => c.id))}::uuid[], ${arr(scored.map((c) => c.fit))}::smallint[]) as v(id, score)`);
    }
    const lost = [...pending.values()].filter((c) => c.domain).map((c) => c.domain!);
    if (lost.length) {
      const again = await rows<{ id: string; name: string; domain: string }>(
        db,
        sql`select id, name, domain from public.companies
            where org_id = ${orgId}::uuid and deleted_at is null and domain = any(${arr(lost)}::text[])`,
      );
      for (const f of again) {
        cache.set(`d:${f.domain}`, { id: f.id, name: f.name });
        pending.delete(`d:${f.domain}`);
      }
    }
  }
  return cache;
}

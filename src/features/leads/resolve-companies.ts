/**
 * Finds or creates companies in batches: by domain first, then by name (a domain-less candidate matches
 * any company of that name; a candidate with an unknown domain matches a domain-less company of that
 * name). New companies get every field the candidate carries; a fit score given on creation records a
 * snapshot. Set-based: a handful of statements per batch whatever its size. Works as a user (RLS) or
 * inside a service transaction. Safe under concurrency: a domain is unique per organization (a
 * concurrent creation of the same domain is waited for and read back), and domain-less names are
 * created under a per-name transaction lock.
 */
import { rows, sql, type Db } from '@/db';
import type { TImportCompany } from './import-row';

export type TCompanyCandidate = Partial<TImportCompany> & { name: string; domain?: string | null };
export type TResolvedCompany = { id: string; name: string };

export const companyKey = (c: { name: string; domain?: string | null }) => (c.domain ? `d:${c.domain}` : `n:${c.name.trim().toLowerCase()}`);
const nameKey = (name: string) => `n:${name.trim().toLowerCase()}`;

const arr = (v: unknown[]) => sql.param(v);
/** Name locks per organization: few enough that one transaction never holds many locks. */
const NAME_LOCK_BUCKETS = 256;
const byKey = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

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
    const found = await byDomain(db, orgId, domains);
    for (const f of found) {
      cache.set(`d:${f.domain}`, { id: f.id, name: f.name });
      pending.delete(`d:${f.domain}`);
    }
  }
  // 2. by name: domain-less candidates match any company of that name; others only a domain-less one
  if (pending.size) {
    const names = [...new Set([...pending.values()].map((c) => c.name.trim().toLowerCase()))];
    // No unique index can stop two transactions from both creating a domain-less "Acme": names are
    // looked up and created under a transaction lock per (organization, bucket of the name), taken
    // in bucket order, so the second waits for the first to commit and then finds its company.
    const domainless = [...new Set([...pending.values()].filter((c) => !c.domain).map((c) => c.name.trim().toLowerCase()))];
    if (domainless.length) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${orgId}), x.b)
                           from (select distinct hashtext(n) & ${NAME_LOCK_BUCKETS - 1} as b from unnest(${arr(domainless)}::text[]) n) x
                           order by x.b`);
    }
    const found = await rows<{ id: string; name: string; lname: string; has_domain: boolean }>(
      db,
      sql`select distinct on (c.lname, c.has_domain) c.id, c.name, c.lname, c.has_domain
          from unnest(${arr(names)}::text[]) as k(n)
          cross join lateral (select id, name, lower(name) as lname, domain is not null as has_domain, created_at from public.companies
                              where org_id = ${orgId}::uuid and lower(name) = k.n and deleted_at is null offset 0) c
          order by c.lname, c.has_domain, c.created_at, c.id`,
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
    // In key order: two transactions creating the same companies wait for each other, never deadlock.
    const list = [...pending.entries()].sort(byKey);
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
      const again = await byDomain(db, orgId, lost);
      for (const f of again) {
        cache.set(`d:${f.domain}`, { id: f.id, name: f.name });
        pending.delete(`d:${f.domain}`);
      }
    }
  }
  return cache;
}

/**
 * Live companies with these domains: one probe of the (org_id, domain) unique index per domain
 * (`offset 0` keeps each lookup a parameterized index scan whatever the statistics say).
 */
function byDomain(db: Db, orgId: string, domains: string[]): Promise<{ id: string; name: string; domain: string }[]> {
  return rows<{ id: string; name: string; domain: string }>(
    db,
    sql`select c.id, c.name, c.domain from unnest(${arr(domains)}::text[]) as k(d)
        cross join lateral (select id, name, domain from public.companies
                            where org_id = ${orgId}::uuid and domain = k.d and deleted_at is null offset 0) c`,
  );
}

/**
 * The seed 001 read side: the intent breakdown view and the lead functions, all security invoker so
 * RLS applies (a caller only ever sees their organization), plus marking leads uploaded to a platform.
 */
import { one, rows, sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import type { TIntentTier } from './intent';

export type TIntentBreakdown = { hotCount: number; warmCount: number; coldCount: number; totalCount: number; hotPercentage: number; warmPercentage: number };

export async function getIntentBreakdown(db: Db, orgId: string): Promise<TIntentBreakdown> {
  const r = await one<TIntentBreakdown>(
    db,
    sql`select hot_count as "hotCount", warm_count as "warmCount", cold_count as "coldCount", total_count as "totalCount",
               hot_percentage::float8 as "hotPercentage", warm_percentage::float8 as "warmPercentage"
        from public.lead_intent_breakdown where org_id = ${orgId}::uuid`,
  );
  return r ?? { hotCount: 0, warmCount: 0, coldCount: 0, totalCount: 0, hotPercentage: 0, warmPercentage: 0 };
}

export type TIntentLead = {
  leadId: string; email: string | null; fullName: string | null; title: string | null; companyId: string | null; companyName: string | null;
  domain: string | null; industry: string | null; intentTier: TIntentTier; fitScore: number | null; createdAt: string;
};

export async function findLeadsByIntentScore(db: Db, orgId: string, score: TIntentTier, opts: { limit?: number } = {}): Promise<TIntentLead[]> {
  return rows<TIntentLead>(
    db,
    sql`select lead_id as "leadId", email, full_name as "fullName", title, company_id as "companyId", company_name as "companyName", domain,
               industry, intent_tier as "intentTier", fit_score::int as "fitScore", to_json(created_at) #>> '{}' as "createdAt"
        from public.get_leads_by_intent_score(${orgId}::uuid, ${score}) limit ${Math.min(opts.limit ?? 500, 5000)}`,
  );
}

export type TUploadLead = TIntentLead & {
  seniority: string | null; department: string | null; employeeCount: number | null; revenue: number | null; city: string | null;
  state: string | null; country: string | null; platform: string;
};

export async function findLeadsReadyForUpload(db: Db, orgId: string, minScore: TIntentTier = 'warm', opts: { limit?: number } = {}): Promise<TUploadLead[]> {
  return rows<TUploadLead>(
    db,
    sql`select lead_id as "leadId", email, full_name as "fullName", title, seniority, department, company_id as "companyId",
               company_name as "companyName", domain, industry, employee_count as "employeeCount", revenue::float8 as revenue, city, state, country,
               intent_tier as "intentTier", fit_score::int as "fitScore", platform, to_json(created_at) #>> '{}' as "createdAt"
        from public.get_leads_ready_for_upload(${orgId}::uuid, ${minScore}) limit ${Math.min(opts.limit ?? 500, 5000)}`,
  );
}

/** Records that these leads were uploaded to a platform (seed 001); returns how many were marked. */
export async function markLeadsUploaded(db: Db, orgId: string, leadIds: string[], platformName: string): Promise<number> {
  if (!platformName.trim() || platformName.length > 100) throw new AppError('INVALID_INPUT', 'Name the platform (at most 100 characters).');
  const r = await one<{ n: number }>(
    db,
    sql`with u as (update public.leads set platform_uploaded = true, platform_uploaded_at = now(), platform_name = ${platformName.trim()}
                   where org_id = ${orgId}::uuid and id = any(${sql.param(leadIds)}::uuid[]) and deleted_at is null returning id, org_id),
             e as (insert into public.lead_events (org_id, lead_id, type, summary, data)
                   select org_id, id, 'platform_uploaded', ${`Uploaded to ${platformName.trim()}`}, ${JSON.stringify({ platform: platformName.trim() })}::jsonb from u returning 1)
        select count(*)::int as n from u`,
  );
  return r?.n ?? 0;
}

export async function getPlatformUploadStats(db: Db, orgId: string): Promise<{ platformName: string | null; uploadedCount: number; lastUploadedAt: string | null }[]> {
  return rows(
    db,
    sql`select platform_name as "platformName", uploaded_count as "uploadedCount", to_json(last_uploaded_at) #>> '{}' as "lastUploadedAt"
        from public.get_platform_upload_stats(${orgId}::uuid)`,
  );
}

/**
 * Read models the leads services return (API responses and pages use them as they are). Timestamps
 * are ISO-8601 strings with microseconds, straight from Postgres, so both drivers answer alike.
 */
import { sql } from '@/db';
import type { TLeadStatus } from '@/db/schema';
import type { TFitTier, TTrend } from './fit';
import type { TIntentTier } from './intent';

/** Who acts: the organization and the user (an API key acts as its creator); ip and key id for the audit log. */
export type TActor = { orgId: string; userId: string; via?: 'session' | 'api_key'; apiKeyId?: string; ip?: string };

export type TLead = {
  id: string;
  orgId: string;
  companyId: string | null;
  email: string | null;
  phone: string | null;
  whatsapp: string | null;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  linkedinUrl: string | null;
  companyName: string | null;
  website: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  timezone: string | null;
  status: TLeadStatus;
  source: string;
  sourceRef: string | null;
  customFields: Record<string, string | number>;
  suppressedAt: string | null;
  suppressedReason: string | null;
  meetingBookedAt: string | null;
  platformUploaded: boolean;
  platformUploadedAt: string | null;
  platformName: string | null;
  importId: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

export type TTagRef = { id: string; name: string; color: string | null };
export type TListRef = { id: string; name: string };

/** A row of the leads table: the lead, its company's tiers and its tags. */
export type TLeadRow = TLead & {
  companyDomain: string | null;
  intentTier: TIntentTier;
  fitScore: number | null;
  fitTier: TFitTier | null;
  tags: TTagRef[];
};

export type TCompany = {
  id: string;
  orgId: string;
  name: string;
  domain: string | null;
  website: string | null;
  industry: string | null;
  sizeRange: string | null;
  employeeCount: number | null;
  revenue: number | null;
  linkedinUrl: string | null;
  phone: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  description: string | null;
  customFields: Record<string, unknown>;
  intentTier: TIntentTier;
  intentUpdatedAt: string | null;
  fitScore: number | null;
  fitTier: TFitTier | null;
  fitReasoning: string | null;
  fitScoredAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

export type TCompanyRow = TCompany & { leadCount: number; trend: TTrend | null };

const ts = (col: string) => sql.raw(`to_json(${col}) #>> '{}'`);

/** `select` list of a lead aliased `l`, in TLead's shape. */
export const LEAD_COLUMNS = sql`
  l.id, l.org_id as "orgId", l.company_id as "companyId", l.email, l.phone, l.whatsapp, l.first_name as "firstName",
  l.last_name as "lastName", l.full_name as "fullName", l.title, l.seniority, l.department, l.linkedin_url as "linkedinUrl",
  l.company_name as "companyName", l.website, l.city, l.state, l.country, l.timezone, l.status, l.source,
  l.source_ref as "sourceRef", l.custom_fields as "customFields", ${ts('l.suppressed_at')} as "suppressedAt",
  l.suppressed_reason as "suppressedReason", ${ts('l.meeting_booked_at')} as "meetingBookedAt",
  l.platform_uploaded as "platformUploaded", ${ts('l.platform_uploaded_at')} as "platformUploadedAt",
  l.platform_name as "platformName", l.import_id as "importId", ${ts('l.created_at')} as "createdAt",
  ${ts('l.updated_at')} as "updatedAt", ${ts('l.deleted_at')} as "deletedAt"`;

/** `select` list of a company aliased `c`, in TCompany's shape. */
export const COMPANY_COLUMNS = sql`
  c.id, c.org_id as "orgId", c.name, c.domain, c.website, c.industry, c.size_range as "sizeRange",
  c.employee_count as "employeeCount", c.revenue::float8 as revenue, c.linkedin_url as "linkedinUrl", c.phone, c.city,
  c.state, c.country, c.description, c.custom_fields as "customFields", c.intent_tier as "intentTier",
  ${ts('c.intent_updated_at')} as "intentUpdatedAt", c.fit_score::int as "fitScore", c.fit_tier as "fitTier",
  c.fit_reasoning as "fitReasoning", ${ts('c.fit_scored_at')} as "fitScoredAt", ${ts('c.created_at')} as "createdAt",
  ${ts('c.updated_at')} as "updatedAt", ${ts('c.deleted_at')} as "deletedAt"`;

export const isoColumn = ts;

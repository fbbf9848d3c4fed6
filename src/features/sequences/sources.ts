/**
 * What rendering needs about leads, their companies, the sending mailbox and the organization, read in
 * bulk (works under RLS as a user, or as the service role in jobs).
 */
import { rows, sql, type Db } from '@/db';
import type { TVariableSource } from './variables';

export type TLeadFacts = {
  id: string;
  orgId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  phone: string | null;
  linkedinUrl: string | null;
  website: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  timezone: string | null;
  companyName: string | null;
  companyId: string | null;
  customFields: Record<string, unknown>;
  suppressed: boolean;
  meetingBookedAt: Date | null;
  deleted: boolean;
  updatedAt: Date;
  company: {
    name: string; domain: string | null; website: string | null; industry: string | null; sizeRange: string | null; employeeCount: number | null;
    city: string | null; country: string | null; customFields: Record<string, unknown>; updatedAt: Date;
  } | null;
};

type TRawLead = {
  id: string; org_id: string; email: string | null; first_name: string | null; last_name: string | null; full_name: string | null; title: string | null;
  seniority: string | null; department: string | null; phone: string | null; linkedin_url: string | null; website: string | null; city: string | null;
  state: string | null; country: string | null; timezone: string | null; company_name: string | null; company_id: string | null;
  custom_fields: Record<string, unknown> | null; suppressed: boolean; meeting_booked_at: string | null; deleted: boolean; updated_at: string;
  c_name: string | null; c_domain: string | null; c_website: string | null; c_industry: string | null; c_size_range: string | null; c_employee_count: number | null;
  c_city: string | null; c_country: string | null; c_custom_fields: Record<string, unknown> | null; c_updated_at: string | null;
};

export async function loadLeads(db: Db, ids: string[]): Promise<Map<string, TLeadFacts>> {
  if (!ids.length) return new Map();
  const r = await rows<TRawLead>(
    db,
    sql`select l.id, l.org_id, l.email, l.first_name, l.last_name, l.full_name, l.title, l.seniority, l.department, l.phone, l.linkedin_url, l.website,
               l.city, l.state, l.country, l.timezone, l.company_name, l.company_id, l.custom_fields,
               (l.suppressed_at is not null or (l.email is not null and app.is_suppressed(l.org_id, l.email))) as suppressed,
               l.meeting_booked_at, l.deleted_at is not null as deleted, l.updated_at,
               c.name as c_name, c.domain as c_domain, c.website as c_website, c.industry as c_industry, c.size_range as c_size_range,
               c.employee_count as c_employee_count, c.city as c_city, c.country as c_country, c.custom_fields as c_custom_fields, c.updated_at as c_updated_at
        from public.leads l left join public.companies c on c.id = l.company_id and c.org_id = l.org_id
        where l.id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(
    r.map((x) => [
      x.id,
      {
        id: x.id, orgId: x.org_id, email: x.email, firstName: x.first_name, lastName: x.last_name, fullName: x.full_name, title: x.title,
        seniority: x.seniority, department: x.department, phone: x.phone, linkedinUrl: x.linkedin_url, website: x.website, city: x.city,
        state: x.state, country: x.country, timezone: x.timezone, companyName: x.company_name, companyId: x.company_id,
        customFields: x.custom_fields ?? {}, suppressed: x.suppressed, meetingBookedAt: x.meeting_booked_at ? new Date(x.meeting_booked_at) : null,
        deleted: x.deleted, updatedAt: new Date(x.updated_at),
        company: x.c_name
          ? {
              name: x.c_name, domain: x.c_domain, website: x.c_website, industry: x.c_industry, sizeRange: x.c_size_range, employeeCount: x.c_employee_count,
              city: x.c_city, country: x.c_country, customFields: x.c_custom_fields ?? {}, updatedAt: new Date(x.c_updated_at!),
            }
          : null,
      },
    ]),
  );
}

export type TOrgFacts = { id: string; name: string; companyName: string | null; postalAddress: string | null; senderName: string | null; senderTitle: string | null; timezone: string };

export async function loadOrgs(db: Db, ids: string[]): Promise<Map<string, TOrgFacts>> {
  if (!ids.length) return new Map();
  const r = await rows<{ id: string; name: string; company_name: string | null; postal_address: string | null; sender_name: string | null; sender_title: string | null; timezone: string }>(
    db,
    sql`select id, name, business_context ->> 'company_name' as company_name, postal_address, business_context ->> 'sender_name' as sender_name,
               business_context ->> 'sender_title' as sender_title, timezone
        from public.organizations where id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(r.map((o) => [o.id, { id: o.id, name: o.name, companyName: o.company_name, postalAddress: o.postal_address, senderName: o.sender_name, senderTitle: o.sender_title, timezone: o.timezone }]));
}

export type TSenderFacts = { email: string; displayName: string | null };

/** The variable source of one lead for one sender. */
export function sourceFor(lead: TLeadFacts, sender: TSenderFacts | null, org: TOrgFacts | undefined, extra: Record<string, string | undefined> = {}): TVariableSource {
  return {
    lead,
    company: lead.company,
    sender: sender ? { name: sender.displayName ?? org?.senderName ?? null, email: sender.email, title: org?.senderTitle ?? null } : { name: org?.senderName ?? null, email: null, title: org?.senderTitle ?? null },
    org: org ? { name: org.name, companyName: org.companyName } : null,
    extra,
  };
}

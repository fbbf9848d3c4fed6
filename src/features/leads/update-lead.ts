/** Edits a lead (L4): changed fields, company, custom fields; status changes go on the timeline. */
import { sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import { assertNoDuplicate } from './create-lead';
import { addLeadEvents, type TLeadEventInput } from './timeline';
import { getLead } from './get-lead';
import { leadCompany } from './lead-company';
import { checkCustomFields, customFieldDefs, leadColumnsFrom, type TLeadColumns } from './lead-input';
import { ZUpdateLead, type TUpdateLead } from './schemas';
import type { TActor, TLead } from './types';

const LABELS: Record<keyof TLeadColumns, string> = {
  email: 'email', phone: 'phone', whatsapp: 'WhatsApp', first_name: 'first name', last_name: 'last name', title: 'title', seniority: 'seniority',
  department: 'department', linkedin_url: 'LinkedIn URL', website: 'website', city: 'city', state: 'state', country: 'country',
  timezone: 'time zone', source: 'source', source_ref: 'source reference',
};
const CAMEL: Record<keyof TLeadColumns, keyof TLead> = {
  email: 'email', phone: 'phone', whatsapp: 'whatsapp', first_name: 'firstName', last_name: 'lastName', title: 'title', seniority: 'seniority',
  department: 'department', linkedin_url: 'linkedinUrl', website: 'website', city: 'city', state: 'state', country: 'country',
  timezone: 'timezone', source: 'source', source_ref: 'sourceRef',
};

export async function updateLead(db: Db, actor: TActor, id: string, raw: TUpdateLead): Promise<TLead> {
  const input = ZUpdateLead.parse(raw);
  const current = await getLead(db, actor.orgId, id, { forUpdate: true });
  const cols = leadColumnsFrom(input, current.country);
  const sets: ReturnType<typeof sql>[] = [];
  const changed: string[] = [];
  for (const [col, v] of Object.entries(cols) as [keyof TLeadColumns, string | null][]) {
    if ((current[CAMEL[col]] ?? null) === v) continue;
    sets.push(sql`${sql.identifier(col)} = ${v}`);
    changed.push(LABELS[col]);
  }
  const next = { email: cols.email !== undefined ? cols.email : current.email, linkedin: cols.linkedin_url !== undefined ? cols.linkedin_url : current.linkedinUrl };
  if (!next.email && !(cols.first_name ?? current.firstName) && !(cols.last_name ?? current.lastName) && !next.linkedin) {
    throw new AppError('INVALID_INPUT', 'A lead needs an email address, a name or a LinkedIn URL.');
  }
  if (cols.email || cols.linkedin_url) {
    await assertNoDuplicate(db, actor.orgId, { email: cols.email ? next.email : null, linkedin_url: cols.linkedin_url ? next.linkedin : null }, id);
  }
  if (input.companyId !== undefined || input.companyName !== undefined || input.companyDomain !== undefined) {
    const company = await leadCompany(db, actor.orgId, input, next.email);
    if (company !== undefined && (company?.id ?? null) !== current.companyId) {
      sets.push(sql`company_id = ${company?.id ?? null}::uuid, company_name = ${company?.name ?? null}`);
      changed.push('company');
    }
  }
  if (input.customFields) {
    const { set, remove } = checkCustomFields(await customFieldDefs(db, actor.orgId), input.customFields);
    sets.push(sql`custom_fields = (custom_fields || ${JSON.stringify(set)}::jsonb) - ${sql.param(remove)}::text[]`);
    changed.push(...Object.keys(set), ...remove.filter((k) => k in current.customFields));
  }
  const statusChanged = input.status !== undefined && input.status !== current.status;
  if (statusChanged) sets.push(sql`status = ${input.status}`);
  if (cols.email && cols.email !== current.email && !current.suppressedAt) {
    sets.push(sql`(suppressed_at, suppressed_reason) = (
      select case when s.reason is not null then now() end, s.reason
      from (select (select reason from public.suppressions
                    where org_id = ${actor.orgId}::uuid
                      and ((kind = 'email' and value = ${cols.email}) or (kind = 'domain' and value = split_part(${cols.email}, '@', 2)))
                    order by kind limit 1) as reason) s)`);
  }
  if (!sets.length) return current;
  await db.execute(sql`update public.leads set ${sql.join(sets, sql`, `)} where id = ${id}::uuid and org_id = ${actor.orgId}::uuid`);
  const events: TLeadEventInput[] = [];
  if (statusChanged) {
    events.push({
      orgId: actor.orgId, leadId: id, type: 'status_changed', actorId: actor.userId,
      summary: `Status changed from ${current.status.replace('_', ' ')} to ${input.status!.replace('_', ' ')}`,
      data: { from: current.status, to: input.status },
    });
  }
  if (changed.length) {
    events.push({ orgId: actor.orgId, leadId: id, type: 'updated', actorId: actor.userId, summary: `Edited ${[...new Set(changed)].join(', ')}`, data: { fields: [...new Set(changed)] } });
  }
  await addLeadEvents(db, events);
  return getLead(db, actor.orgId, id);
}

/** Creates one lead (L1): normalised like an import, company found or created, suppression applied. */
import { one, rows, sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import { addLeadEvent } from './timeline';
import { getLead } from './get-lead';
import { leadCompany } from './lead-company';
import { checkCustomFields, customFieldDefs, leadColumnsFrom } from './lead-input';
import { ZCreateLead, type TCreateLead } from './schemas';
import type { TActor, TLead } from './types';

/** Refuses a second live lead with the same email or LinkedIn URL (CONFLICT, with the existing id). */
export async function assertNoDuplicate(db: Db, orgId: string, v: { email?: string | null; linkedin_url?: string | null }, exceptId?: string) {
  if (!v.email && !v.linkedin_url) return;
  const dup = await one<{ id: string; by: 'email' | 'linkedin' }>(
    db,
    sql`select id, case when ${v.email ?? null}::text is not null and email = ${v.email ?? null} then 'email' else 'linkedin' end as by
        from public.leads
        where org_id = ${orgId}::uuid and deleted_at is null ${exceptId ? sql`and id <> ${exceptId}::uuid` : sql``}
          and (email = ${v.email ?? null} or linkedin_url = ${v.linkedin_url ?? null})
        limit 1`,
  );
  if (dup) {
    const what = dup.by === 'email' ? 'email address' : 'LinkedIn URL';
    throw new AppError('CONFLICT', `A lead with this ${what} already exists.`, {
      details: { existingLeadId: dup.id },
      fields: { [dup.by === 'email' ? 'email' : 'linkedinUrl']: [`A lead with this ${what} already exists.`] },
    });
  }
}

/** Lists and tags named by id must be the organization's (NOT_FOUND otherwise). */
export async function assertOwned(db: Db, orgId: string, table: 'lists' | 'tags', ids: string[]) {
  if (!ids.length) return;
  const unique = [...new Set(ids)];
  const found = await rows<{ id: string }>(db, sql`select id from ${sql.raw(`public.${table}`)} where org_id = ${orgId}::uuid and id = any(${sql.param(unique)}::uuid[])`);
  if (found.length !== unique.length) throw new AppError('NOT_FOUND', table === 'lists' ? 'That list does not exist.' : 'That tag does not exist.');
}

export async function createLead(db: Db, actor: TActor, raw: TCreateLead): Promise<TLead> {
  const input = ZCreateLead.parse(raw);
  const cols = leadColumnsFrom(input);
  if (!cols.email && !cols.first_name && !cols.last_name && !cols.linkedin_url) {
    throw new AppError('INVALID_INPUT', 'Give the lead an email address, a name or a LinkedIn URL.', { fields: { email: ['Give an email address, a name or a LinkedIn URL.'] } });
  }
  const defs = input.customFields ? await customFieldDefs(db, actor.orgId) : new Map();
  const custom = input.customFields ? checkCustomFields(defs, input.customFields).set : {};
  await assertNoDuplicate(db, actor.orgId, cols);
  await assertOwned(db, actor.orgId, 'lists', input.listIds ?? []);
  await assertOwned(db, actor.orgId, 'tags', input.tagIds ?? []);
  const company = await leadCompany(db, actor.orgId, input, cols.email ?? null);

  const c = (k: keyof typeof cols) => cols[k] ?? null;
  const row = await one<{ id: string }>(
    db,
    sql`insert into public.leads (org_id, company_id, company_name, email, phone, whatsapp, first_name, last_name, title, seniority, department,
                                  linkedin_url, website, city, state, country, timezone, status, source, source_ref, custom_fields,
                                  suppressed_at, suppressed_reason)
        select ${actor.orgId}::uuid, ${company?.id ?? null}::uuid, ${company?.name ?? null}, ${c('email')}, ${c('phone')}, ${c('whatsapp')},
               ${c('first_name')}, ${c('last_name')}, ${c('title')}, ${c('seniority')}, ${c('department')}, ${c('linkedin_url')}, ${c('website')},
               ${c('city')}, ${c('state')}, ${c('country')}, ${c('timezone')}, ${input.status ?? 'new'}, ${cols.source ?? 'manual'}, ${c('source_ref')},
               ${JSON.stringify(custom)}::jsonb, case when s.reason is not null then now() end, s.reason
        from (select (select reason from public.suppressions
                      where org_id = ${actor.orgId}::uuid and ${c('email')}::text is not null
                        and ((kind = 'email' and value = ${c('email')}) or (kind = 'domain' and value = split_part(${c('email')}, '@', 2)))
                      order by kind limit 1) as reason) s
        returning id`,
  );
  const id = row!.id;
  if (input.listIds?.length) {
    await db.execute(sql`insert into public.list_members (list_id, lead_id, org_id)
                         select x, ${id}::uuid, ${actor.orgId}::uuid from unnest(${sql.param([...new Set(input.listIds)])}::uuid[]) x on conflict do nothing`);
  }
  if (input.tagIds?.length) {
    await db.execute(sql`insert into public.lead_tags (tag_id, lead_id, org_id)
                         select x, ${id}::uuid, ${actor.orgId}::uuid from unnest(${sql.param([...new Set(input.tagIds)])}::uuid[]) x on conflict do nothing`);
  }
  await addLeadEvent(db, {
    orgId: actor.orgId, leadId: id, type: 'created', actorId: actor.userId,
    summary: cols.source && cols.source !== 'manual' ? `Created (source: ${cols.source})` : 'Created by hand',
    data: { source: cols.source ?? 'manual' },
  });
  return getLead(db, actor.orgId, id);
}

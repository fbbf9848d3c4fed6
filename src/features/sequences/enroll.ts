/**
 * Enrollment (S5): one lead or tens of thousands in one set-based statement. Leads without an email,
 * suppressed leads, deleted leads and leads already in this campaign are skipped; so are leads active
 * in another campaign unless the caller allows it. The answer counts every reason.
 */
import { z } from 'zod';
import { one, rows, sql, type Db } from '@/db';
import { findLeads, ZLeadFilter } from '@/features/leads';
import { AppError } from '@/lib/errors';
import { ZUuidList, type TActor } from './common';
import { kickAdvance } from './jobs';
import { getCampaignRow } from './campaigns';
import { latestVersion } from './sequences';

export const MAX_ENROLL_PER_REQUEST = 10_000;

export const ZEnrollInput = z.object({
  leadIds: ZUuidList(MAX_ENROLL_PER_REQUEST, 'leads').optional(),
  /** Every member of these lists (resolved through list_members). */
  listIds: z.array(z.uuid()).max(50).optional(),
  /** Every lead matching a filter of the leads table (its own filter model and query; at most 10,000 matches). */
  filter: ZLeadFilter.optional(),
  /** Enroll leads even when they are active in another campaign. */
  allowActiveElsewhere: z.boolean().default(false),
}).strict().refine((v) => (v.leadIds?.length ?? 0) + (v.listIds?.length ?? 0) > 0 || v.filter !== undefined, { message: 'Choose leads, lists or a filter to enroll.', path: ['leadIds'] });
export type TEnrollInput = z.input<typeof ZEnrollInput>;

export type TEnrollResult = {
  enrolled: number;
  skipped: { noEmail: number; suppressed: number; alreadyEnrolled: number; activeElsewhere: number; notFound: number };
  /** Leads considered (after lists were expanded). */
  considered: number;
};

export async function enrollLeads(db: Db, actor: TActor, campaignId: string, raw: TEnrollInput): Promise<TEnrollResult> {
  const input = ZEnrollInput.parse(raw);
  const c = await getCampaignRow(db, actor.orgId, campaignId);
  if (c.status === 'completed' || c.status === 'archived') throw new AppError('CONFLICT', `Leads cannot join a ${c.status} campaign.`);
  const version = await latestVersion(db, c.sequenceId);
  const firstStep = ((version.steps as { id: string }[])[0])?.id ?? null;
  const leadIds = [...(input.leadIds ?? []), ...(input.filter ? await filteredLeadIds(db, actor.orgId, input.filter) : [])];
  const listIds = input.listIds ?? [];
  if (listIds.length) {
    const found = await one<{ n: number }>(db, sql`select count(*)::int as n from public.lists where org_id = ${actor.orgId}::uuid and id = any(${sql.param(listIds)}::uuid[])`);
    if ((found?.n ?? 0) !== new Set(listIds).size) throw new AppError('NOT_FOUND', 'Some of the lists do not exist.');
  }
  const [r] = await rows<{ considered: number; no_email: number; suppressed: number; already: number; elsewhere: number; not_found: number; enrolled: number }>(
    db,
    sql`with input as (
          select distinct id from (
            select unnest(${sql.param(leadIds)}::uuid[]) as id
            union all
            select lm.lead_id from public.list_members lm where lm.org_id = ${actor.orgId}::uuid and lm.list_id = any(${sql.param(listIds)}::uuid[])
          ) x
        ),
        considered as (
          select i.id, l.id as lead_id, l.email, l.deleted_at,
                 (l.suppressed_at is not null or (l.email is not null and app.is_suppressed(l.org_id, l.email))) as suppressed,
                 exists (select 1 from public.enrollments e where e.campaign_id = ${campaignId}::uuid and e.lead_id = l.id) as already,
                 exists (select 1 from public.enrollments e join public.campaigns oc on oc.id = e.campaign_id
                         where e.lead_id = l.id and e.campaign_id <> ${campaignId}::uuid and e.status in ('active', 'paused')
                           and oc.status in ('draft', 'active', 'paused')) as elsewhere
          from input i left join public.leads l on l.id = i.id and l.org_id = ${actor.orgId}::uuid
        ),
        verdicts as (
          select id, case
              when lead_id is null or deleted_at is not null then 'not_found'
              when email is null then 'no_email'
              when suppressed then 'suppressed'
              when already then 'already'
              when elsewhere and not ${input.allowActiveElsewhere} then 'elsewhere'
              else 'ok' end as verdict
          from considered
        ),
        ins as (
          insert into public.enrollments (org_id, campaign_id, lead_id, sequence_version_id, status, current_step_id, current_step_index, next_step_at, enrolled_by)
          select ${actor.orgId}::uuid, ${campaignId}::uuid, v.id, ${version.id}::uuid, 'active', ${firstStep}, 0, now(), ${actor.userId}::uuid
          from verdicts v where v.verdict = 'ok'
          on conflict (campaign_id, lead_id) do nothing
          returning lead_id
        ),
        events as (
          insert into public.lead_events (org_id, lead_id, type, summary, data, actor_id)
          select ${actor.orgId}::uuid, lead_id, 'enrolled', ${`Enrolled in campaign "${c.name.slice(0, 200)}"`},
                 ${JSON.stringify({ campaignId })}::jsonb, ${actor.userId}::uuid
          from ins
          returning 1
        )
        select (select count(*)::int from verdicts) as considered,
               (select count(*)::int from verdicts where verdict = 'no_email') as no_email,
               (select count(*)::int from verdicts where verdict = 'suppressed') as suppressed,
               (select count(*)::int from verdicts where verdict = 'already') + (select count(*)::int from verdicts where verdict = 'ok') - (select count(*)::int from ins) as already,
               (select count(*)::int from verdicts where verdict = 'elsewhere') as elsewhere,
               (select count(*)::int from verdicts where verdict = 'not_found') as not_found,
               (select count(*)::int from ins) as enrolled`,
  );
  if (r!.enrolled && c.status === 'active') await kickAdvance(db, actor.orgId);
  return {
    enrolled: r!.enrolled,
    considered: r!.considered,
    skipped: { noEmail: r!.no_email, suppressed: r!.suppressed, alreadyEnrolled: r!.already, activeElsewhere: r!.elsewhere, notFound: r!.not_found },
  };
}

/** The ids of the leads a filter matches (the leads feature's own query), refusing more than the per-request limit. */
async function filteredLeadIds(db: Db, orgId: string, filter: z.input<typeof ZLeadFilter>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await findLeads(db, orgId, { ...filter, limit: 500, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((l) => l.id));
    if (ids.length > MAX_ENROLL_PER_REQUEST) {
      throw new AppError('INVALID_INPUT', `The filter matches more than ${MAX_ENROLL_PER_REQUEST.toLocaleString('en-US')} leads; narrow it or enroll in parts.`, { fields: { filter: ['Too many matching leads.'] } });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/** Enrolls one lead; a lead that cannot be enrolled is an error that says why. */
export async function enrollLead(db: Db, actor: TActor, campaignId: string, leadId: string, opts: { allowActiveElsewhere?: boolean } = {}): Promise<TEnrollResult> {
  const r = await enrollLeads(db, actor, campaignId, { leadIds: [leadId], allowActiveElsewhere: opts.allowActiveElsewhere ?? false });
  if (r.enrolled) return r;
  const s = r.skipped;
  if (s.notFound) throw new AppError('NOT_FOUND', 'That lead does not exist.');
  if (s.noEmail) throw new AppError('INVALID_INPUT', 'This lead has no email address; add one to enroll it.', { fields: { leadIds: ['The lead has no email address.'] } });
  if (s.suppressed) throw new AppError('INVALID_INPUT', 'This address is on the suppression list (unsubscribed, bounced or blocked) and is never emailed.');
  if (s.alreadyEnrolled) throw new AppError('CONFLICT', 'This lead is already in the campaign.');
  throw new AppError('CONFLICT', 'This lead is active in another campaign. Allow it explicitly to enroll it here too.');
}

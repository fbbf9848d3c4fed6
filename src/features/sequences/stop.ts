/**
 * Stop rules (S10) as ONE function the rest of the product calls: the inbox on a reply or a bounce,
 * the unsubscribe page, scheduling-tool webhooks and users (meeting booked, manual stop). It stops the
 * lead's enrollments whose campaign settings say so (unsubscribe and manual always), cancels their
 * unsent emails, optionally stops the lead's whole company in those campaigns, and writes the lead's
 * timeline. Works inside a user's RLS transaction or a service transaction.
 */
import { rows, sql, type Db } from '@/db';
import { addLeadEvents } from '@/features/leads';
import { AppError } from '@/lib/errors';
import { readSettings, stopsCompany, stopsEnrollment, STOP_REASON_OF, type TStopEvent } from './settings';

export type TStopInput = {
  orgId: string;
  /** The lead, or an email address (every lead of the organization with it). */
  leadId?: string;
  email?: string;
  reason: TStopEvent;
  /** Also stop the other leads of the same company in each affected campaign (default: the campaign's "stop company on reply"). */
  companyWide?: boolean;
  actorId?: string | null;
};

export type TStopResult = { stopped: number; enrollmentIds: string[]; messagesCancelled: number; companyStopped: number };

type TCandidate = { id: string; campaign_id: string; lead_id: string; settings: unknown; company_id: string | null; domain: string | null; campaign_name: string };

export async function stopEnrollmentsFor(db: Db, input: TStopInput): Promise<TStopResult> {
  if (!input.leadId && !input.email) throw new AppError('INVALID_INPUT', 'Say which lead (leadId) or address (email) to stop.');
  const email = input.email?.trim().toLowerCase();
  const candidates = await rows<TCandidate>(
    db,
    sql`select e.id, e.campaign_id, e.lead_id, c.settings, l.company_id, split_part(l.email, '@', 2) as domain, c.name as campaign_name
        from public.enrollments e
        join public.leads l on l.id = e.lead_id
        join public.campaigns c on c.id = e.campaign_id
        where e.org_id = ${input.orgId}::uuid and e.status in ('active', 'paused')
          and ${input.leadId ? sql`e.lead_id = ${input.leadId}::uuid` : sql`l.email = ${email!}`}
        for update of e`,
  );
  const reason = STOP_REASON_OF[input.reason];
  const chosen = candidates.filter((c) => stopsEnrollment(input.reason, readSettings(c.settings)));
  const ids = new Set(chosen.map((c) => c.id));

  // The same company (by company, else by the address's domain) in campaigns that ask for it.
  let companyStopped = 0;
  const companyScopes = chosen.filter((c) => stopsCompany(input.reason, readSettings(c.settings), input.companyWide));
  for (const c of companyScopes) {
    if (!c.company_id && !c.domain) continue;
    const others = await rows<{ id: string }>(
      db,
      sql`select e.id from public.enrollments e join public.leads l on l.id = e.lead_id
          where e.campaign_id = ${c.campaign_id}::uuid and e.status in ('active', 'paused') and e.lead_id <> ${c.lead_id}::uuid
            and ${c.company_id ? sql`l.company_id = ${c.company_id}::uuid` : sql`split_part(l.email, '@', 2) = ${c.domain}`}
          for update of e`,
    );
    for (const o of others) if (!ids.has(o.id)) {
      ids.add(o.id);
      companyStopped++;
    }
  }
  if (!ids.size) return { stopped: 0, enrollmentIds: [], messagesCancelled: 0, companyStopped: 0 };
  const all = [...ids];
  const stopped = await rows<{ id: string; lead_id: string; campaign_id: string }>(
    db,
    sql`update public.enrollments set status = 'stopped', stop_reason = ${reason}, stopped_at = now(), next_step_at = null, waiting_reason = null, waiting_detail = '{}'::jsonb
        where id = any(${sql.param(all)}::uuid[]) and status in ('active', 'paused')
        returning id, lead_id, campaign_id`,
  );
  const cancelled = await rows<{ id: string }>(
    db,
    sql`update public.messages set status = 'cancelled', last_error = ${`Stopped: ${reason.replace('_', ' ')}`}
        where enrollment_id = any(${sql.param(all)}::uuid[]) and status in ('scheduled', 'pending_approval', 'blocked')
        returning id`,
  );
  const names = new Map(candidates.map((c) => [c.campaign_id, c.campaign_name]));
  const campaignNames = await rows<{ id: string; name: string }>(db, sql`select id, name from public.campaigns where id = any(${sql.param([...new Set(stopped.map((s) => s.campaign_id))])}::uuid[])`);
  for (const c of campaignNames) names.set(c.id, c.name);
  await addLeadEvents(
    db,
    stopped.map((s) => ({
      orgId: input.orgId,
      leadId: s.lead_id,
      type: 'sequence_stopped',
      summary: `Stopped in campaign "${(names.get(s.campaign_id) ?? '').slice(0, 200)}": ${reason.replace('_', ' ')}${chosen.some((c) => c.id === s.id) ? '' : ' (same company)'}`,
      data: { campaignId: s.campaign_id, enrollmentId: s.id, reason },
      actorId: input.actorId ?? null,
    })),
  );
  return { stopped: stopped.length, enrollmentIds: stopped.map((s) => s.id), messagesCancelled: cancelled.length, companyStopped };
}

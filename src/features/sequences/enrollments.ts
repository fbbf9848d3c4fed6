/**
 * Enrollments (S5): lists with each lead's next send time in the lead's local time and the viewer's,
 * and — when nothing is going out — why (the same answer in the UI and the API); one enrollment's
 * progress step by step; pause and resume; retry an email held back by a missing variable.
 */
import { z } from 'zod';
import { rows, sql, type Db } from '@/db';
import { ENROLLMENT_STATUSES, WAITING_REASONS, type TCampaignStatus, type TEnrollmentStatus, type TMailboxPauseReason, type TMailboxStatus, type TStopReason, type TWaitingReason } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { iso, type TActor } from './common';
import { readSettings, zoneFor } from './settings';
import type { TStep } from './steps';
import { isValidTimezone } from './tz';
import { explainWaiting, type TExplanation } from './waiting';

export const ZEnrollmentQuery = z.object({
  campaignId: z.uuid().optional(),
  leadId: z.uuid().optional(),
  status: z.enum(ENROLLMENT_STATUSES).optional(),
  waitingReason: z.enum(WAITING_REASONS).optional(),
  /** The viewer's IANA timezone (the browser's), for the second time shown. */
  tz: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

type TRow = {
  id: string; campaign_id: string; campaign_name: string; campaign_status: TCampaignStatus; campaign_settings: unknown; lead_id: string; lead_name: string | null;
  lead_email: string | null; lead_tz: string | null; lead_suppressed: boolean; status: TEnrollmentStatus; stop_reason: TStopReason | null; current_step_index: number;
  current_step_id: string | null; steps: TStep[]; version: number; sequence_version_id: string; next_step_at: string | null; waiting_reason: TWaitingReason | null;
  waiting_detail: Record<string, unknown>; started_at: string | null; completed_at: string | null; stopped_at: string | null; created_at: string;
  mb_email: string | null; mb_status: TMailboxStatus | null; mb_paused_reason: TMailboxPauseReason | null; mb_paused_detail: Record<string, unknown> | null;
  msg_status: string | null; msg_scheduled_for: string | null; msg_last_error: string | null; msg_problems: { message: string }[] | null;
};

export type TEnrollmentView = {
  id: string; campaignId: string; campaignName: string; leadId: string; leadName: string | null; leadEmail: string | null; leadTimezone: string;
  status: TEnrollmentStatus; stopReason: TStopReason | null; version: number; versionId: string;
  currentStep: { index: number; id: string | null; type: string | null; name: string | null; total: number };
  nextSendAt: string | null; nextSendAtLeadTime: string | null; nextSendAtYourTime: string | null;
  waiting: { reason: TExplanation['reason']; message: string };
  startedAt: string | null; completedAt: string | null; stoppedAt: string | null; createdAt: string;
};

const BASE = sql`
  select e.id, e.campaign_id, c.name as campaign_name, c.status as campaign_status, c.settings as campaign_settings, e.lead_id, l.full_name as lead_name,
         l.email as lead_email, l.timezone as lead_tz, (l.suppressed_at is not null) as lead_suppressed, e.status, e.stop_reason, e.current_step_index,
         e.current_step_id, v.steps, v.version, e.sequence_version_id, e.next_step_at, e.waiting_reason, e.waiting_detail, e.started_at, e.completed_at, e.stopped_at,
         e.created_at, mb.email as mb_email, mb.status as mb_status, mb.paused_reason as mb_paused_reason, mb.paused_detail as mb_paused_detail,
         pm.status as msg_status, pm.scheduled_for as msg_scheduled_for, pm.last_error as msg_last_error, pm.problems as msg_problems
  from public.enrollments e
  join public.campaigns c on c.id = e.campaign_id
  join public.leads l on l.id = e.lead_id
  join public.sequence_versions v on v.id = e.sequence_version_id
  left join lateral (
    select m.status, m.scheduled_for, m.last_error, m.problems, m.mailbox_id from public.messages m
    where m.enrollment_id = e.id and m.step_id = e.current_step_id and m.status in ('pending_approval', 'blocked', 'scheduled', 'sending', 'uncertain')
    limit 1
  ) pm on true
  left join public.mailboxes mb on mb.id = coalesce(pm.mailbox_id, e.mailbox_id)`;

function toView(r: TRow, viewerTz: string, now: Date): TEnrollmentView {
  const leadTz = zoneFor(readSettings(r.campaign_settings), r.lead_tz);
  const explained = explainWaiting({
    now,
    enrollment: { status: r.status, stopReason: r.stop_reason, waitingReason: r.waiting_reason, waitingDetail: r.waiting_detail ?? {}, nextStepAt: r.next_step_at ? new Date(r.next_step_at) : null },
    campaignStatus: r.campaign_status,
    mailbox: r.mb_email ? { email: r.mb_email, status: r.mb_status!, pausedReason: r.mb_paused_reason, pausedDetail: r.mb_paused_detail ?? {} } : null,
    message: r.msg_status ? { status: r.msg_status, scheduledFor: r.msg_scheduled_for ? new Date(r.msg_scheduled_for) : null, lastError: r.msg_last_error, problems: r.msg_problems ?? [] } : null,
    leadSuppressed: r.lead_suppressed,
    leadTimezone: leadTz,
    viewerTimezone: viewerTz,
  });
  const steps = r.steps ?? [];
  const step = steps[r.current_step_index];
  return {
    id: r.id, campaignId: r.campaign_id, campaignName: r.campaign_name, leadId: r.lead_id, leadName: r.lead_name, leadEmail: r.lead_email, leadTimezone: leadTz,
    status: r.status, stopReason: r.stop_reason, version: r.version, versionId: r.sequence_version_id,
    currentStep: { index: r.current_step_index, id: step?.id ?? null, type: step?.type ?? null, name: step?.name ?? null, total: steps.length },
    nextSendAt: explained.nextAt, nextSendAtLeadTime: explained.nextAtLead, nextSendAtYourTime: explained.nextAtViewer,
    waiting: { reason: explained.reason, message: explained.message },
    startedAt: iso(r.started_at), completedAt: iso(r.completed_at), stoppedAt: iso(r.stopped_at), createdAt: iso(r.created_at)!,
  };
}

async function viewerZone(db: Db, orgId: string, tz: string | undefined): Promise<string> {
  if (tz && isValidTimezone(tz)) return tz;
  const [o] = await rows<{ timezone: string }>(db, sql`select timezone from public.organizations where id = ${orgId}::uuid`);
  return o?.timezone ?? 'UTC';
}

export async function findEnrollments(db: Db, orgId: string, raw: z.input<typeof ZEnrollmentQuery>): Promise<{ enrollments: TEnrollmentView[]; nextCursor: string | null }> {
  const q = ZEnrollmentQuery.parse(raw);
  const [cAt, cId] = q.cursor ? (Buffer.from(q.cursor, 'base64url').toString('utf8').split('|') as [string, string]) : [];
  const list = await rows<TRow>(
    db,
    sql`${BASE}
        where e.org_id = ${orgId}::uuid
          ${q.campaignId ? sql`and e.campaign_id = ${q.campaignId}::uuid` : sql``}
          ${q.leadId ? sql`and e.lead_id = ${q.leadId}::uuid` : sql``}
          ${q.status ? sql`and e.status = ${q.status}` : sql``}
          ${q.waitingReason ? sql`and e.waiting_reason = ${q.waitingReason}` : sql``}
          ${cAt && cId ? sql`and (e.created_at, e.id) < (${cAt}::timestamptz, ${cId}::uuid)` : sql``}
        order by e.created_at desc, e.id desc
        limit ${q.limit + 1}`,
  );
  const tz = await viewerZone(db, orgId, q.tz);
  const now = new Date();
  const page = list.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    enrollments: page.map((r) => toView(r, tz, now)),
    nextCursor: list.length > q.limit && last ? Buffer.from(`${String(last.created_at)}|${last.id}`).toString('base64url') : null,
  };
}

export type TEnrollmentDetail = TEnrollmentView & {
  steps: { index: number; id: string; type: string; name: string | null; state: 'done' | 'current' | 'upcoming' | 'skipped'; message?: { id: string; status: string; subject: string; sentAt: string | null; variant: string | null } }[];
};

export async function getEnrollment(db: Db, orgId: string, id: string, opts: { tz?: string } = {}): Promise<TEnrollmentDetail> {
  const [r] = await rows<TRow>(db, sql`${BASE} where e.org_id = ${orgId}::uuid and e.id = ${id}::uuid`);
  if (!r) throw new AppError('NOT_FOUND', 'That enrollment does not exist.');
  const msgs = await rows<{ id: string; step_id: string; status: string; subject: string; sent_at: string | null; variant: string | null }>(
    db,
    sql`select id, step_id, status, subject, sent_at, variant from public.messages where enrollment_id = ${id}::uuid`,
  );
  const byStep = new Map(msgs.map((m) => [m.step_id, m]));
  const view = toView(r, await viewerZone(db, orgId, opts.tz), new Date());
  const done = r.status === 'completed';
  return {
    ...view,
    steps: (r.steps ?? []).map((s, i) => {
      const m = byStep.get(s.id);
      const state = done || i < r.current_step_index ? (s.type === 'email' && !m ? 'skipped' : 'done') : i === r.current_step_index && r.status !== 'stopped' ? 'current' : 'upcoming';
      return {
        index: i, id: s.id, type: s.type, name: s.name ?? null, state,
        ...(m ? { message: { id: m.id, status: m.status, subject: m.subject, sentAt: iso(m.sent_at), variant: m.variant } } : {}),
      };
    }),
  };
}

export async function pauseEnrollment(db: Db, actor: TActor, id: string): Promise<TEnrollmentDetail> {
  const r = await rows<{ id: string }>(db, sql`update public.enrollments set status = 'paused', paused_at = now() where id = ${id}::uuid and org_id = ${actor.orgId}::uuid and status = 'active' returning id`);
  if (!r.length) await conflictOrMissing(db, actor.orgId, id, 'Only an active enrollment can be paused.');
  return getEnrollment(db, actor.orgId, id);
}

export async function resumeEnrollment(db: Db, actor: TActor, id: string): Promise<TEnrollmentDetail> {
  const r = await rows<{ id: string }>(
    db,
    sql`update public.enrollments set status = 'active', paused_at = null, next_step_at = now() where id = ${id}::uuid and org_id = ${actor.orgId}::uuid and status = 'paused' returning id`,
  );
  if (!r.length) await conflictOrMissing(db, actor.orgId, id, 'Only a paused enrollment can be resumed.');
  return getEnrollment(db, actor.orgId, id);
}

/** Composes the held-back email of an enrollment again now (after its lead was fixed). */
export async function retryBlocked(db: Db, actor: TActor, id: string): Promise<TEnrollmentDetail> {
  const r = await rows<{ id: string }>(
    db,
    sql`with gone as (
          delete from public.messages m using public.enrollments e
          where e.id = ${id}::uuid and e.org_id = ${actor.orgId}::uuid and m.enrollment_id = e.id and m.status = 'blocked' returning m.enrollment_id
        )
        update public.enrollments set next_step_at = now() where id in (select enrollment_id from gone) returning id`,
  );
  if (!r.length) await conflictOrMissing(db, actor.orgId, id, 'This enrollment has no email held back by a missing variable.');
  return getEnrollment(db, actor.orgId, id);
}

async function conflictOrMissing(db: Db, orgId: string, id: string, message: string): Promise<never> {
  const [e] = await rows<{ id: string }>(db, sql`select id from public.enrollments where id = ${id}::uuid and org_id = ${orgId}::uuid`);
  throw e ? new AppError('CONFLICT', message) : new AppError('NOT_FOUND', 'That enrollment does not exist.');
}

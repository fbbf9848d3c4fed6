/**
 * The review queue (S13, S15): emails waiting for approval (manual approval mode) — approve, edit,
 * reject, approve in bulk — plus emails held back by a missing variable, and emails whose send outcome
 * is unknown ("uncertain"), which only a person may mark as sent, send again or cancel.
 */
import { z } from 'zod';
import { rows, sql, type Db } from '@/db';
import { recordAudit } from '@/features/accounts';
import { AppError } from '@/lib/errors';
import { auditActorType, iso, type TActor } from './common';
import { htmlToPlainText, sanitizeEmailHtml } from './html';
import { kickAdvance } from './jobs';
import { parseTemplate, variablesOf } from './template';

export const ZReviewQuery = z.object({
  kind: z.enum(['approval', 'blocked', 'uncertain']).default('approval'),
  campaignId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Pass the previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
});

const STATUS_OF = { approval: 'pending_approval', blocked: 'blocked', uncertain: 'uncertain' } as const;

export type TReviewItem = {
  id: string; status: string; campaignId: string; campaignName: string; enrollmentId: string; leadId: string; leadName: string | null; toEmail: string;
  fromEmail: string | null; stepId: string; stepIndex: number; variant: string | null; subject: string; html: string; text: string;
  problems: { code?: string; variable?: string; message: string }[]; lastError: string | null; attempts: number; claimedAt: string | null;
  createdAt: string; editedAt: string | null;
};

type TReviewRow = {
  id: string; status: string; campaign_id: string; campaign_name: string; enrollment_id: string; lead_id: string; lead_name: string | null; to_email: string;
  from_email: string | null; step_id: string; step_index: number; variant: string | null; subject: string; html: string; text: string; problems: TReviewItem['problems'];
  last_error: string | null; attempts: number; claimed_at: string | null; created_at: string; edited_at: string | null;
};

const REVIEW_SELECT = sql`select m.id, m.status, m.campaign_id, c.name as campaign_name, m.enrollment_id, m.lead_id, l.full_name as lead_name, m.to_email, m.from_email,
               m.step_id, m.step_index, m.variant, m.subject, m.html, m.text, m.problems, m.last_error, m.attempts, m.claimed_at, m.created_at, m.edited_at
        from public.messages m join public.campaigns c on c.id = m.campaign_id join public.leads l on l.id = m.lead_id`;

const toItem = (m: TReviewRow): TReviewItem => ({
  id: m.id, status: m.status, campaignId: m.campaign_id, campaignName: m.campaign_name, enrollmentId: m.enrollment_id, leadId: m.lead_id, leadName: m.lead_name,
  toEmail: m.to_email, fromEmail: m.from_email, stepId: m.step_id, stepIndex: m.step_index, variant: m.variant, subject: m.subject, html: m.html, text: m.text,
  problems: m.problems ?? [], lastError: m.last_error, attempts: m.attempts, claimedAt: iso(m.claimed_at), createdAt: iso(m.created_at)!, editedAt: iso(m.edited_at),
});

export async function findReviewQueue(db: Db, orgId: string, q: z.input<typeof ZReviewQuery>): Promise<{ items: TReviewItem[]; nextCursor: string | null; total: number }> {
  const query = ZReviewQuery.parse(q);
  const status = STATUS_OF[query.kind];
  const [cAt, cId] = query.cursor ? (Buffer.from(query.cursor, 'base64url').toString('utf8').split('|') as [string, string]) : [];
  const list = await rows<TReviewRow>(
    db,
    sql`${REVIEW_SELECT}
        where m.org_id = ${orgId}::uuid and m.status = ${status}
          ${query.campaignId ? sql`and m.campaign_id = ${query.campaignId}::uuid` : sql``}
          ${cAt && cId ? sql`and (m.created_at, m.id) > (${cAt}::timestamptz, ${cId}::uuid)` : sql``}
        order by m.created_at, m.id
        limit ${query.limit + 1}`,
  );
  const total = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from public.messages where org_id = ${orgId}::uuid and status = ${status} ${query.campaignId ? sql`and campaign_id = ${query.campaignId}::uuid` : sql``}`,
  );
  const page = list.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    nextCursor: list.length > query.limit && last ? Buffer.from(`${String(last.created_at)}|${last.id}`).toString('base64url') : null,
    total: total[0]?.n ?? 0,
  };
}

export const ZEditMessage = z.object({
  subject: z.string().trim().min(1, 'The subject cannot be empty.').max(500).optional(),
  html: z.string().min(1).max(100_000).optional(),
  text: z.string().max(100_000).optional(),
}).strict();

/** Edits an email waiting for approval (the final text: no variables or spintax left). */
export async function editPendingMessage(db: Db, actor: TActor, id: string, input: z.infer<typeof ZEditMessage>): Promise<{ item: TReviewItem; removed: string[] }> {
  const [m] = await rows<{ status: string; html: string }>(db, sql`select status, html from public.messages where id = ${id}::uuid and org_id = ${actor.orgId}::uuid for update`);
  if (!m) throw new AppError('NOT_FOUND', 'That email does not exist.');
  if (m.status !== 'pending_approval') throw new AppError('CONFLICT', 'Only an email waiting for approval can be edited.');
  const san = input.html !== undefined ? sanitizeEmailHtml(input.html) : undefined;
  const fields: Record<string, string[]> = {};
  for (const [k, v] of [['subject', input.subject], ['html', san?.html], ['text', input.text]] as const) {
    if (v === undefined) continue;
    const p = parseTemplate(v);
    if (variablesOf(p.nodes).length || p.nodes.some((n) => n.kind === 'spin')) fields[k] = ['Write the final text here: variables and {a|b} choices are filled in before approval.'];
  }
  if (Object.keys(fields).length) throw new AppError('INVALID_INPUT', 'The edit still contains template syntax.', { fields });
  const html = san?.html ?? m.html;
  const text = input.text ?? (san ? htmlToPlainText(html) : undefined);
  await db.execute(sql`update public.messages set
      subject = coalesce(${input.subject ?? null}, subject), html = ${html}, text = coalesce(${text ?? null}, text), edited_at = now()
      where id = ${id}::uuid`);
  return { item: await getReviewItem(db, actor.orgId, id), removed: san?.removed ?? [] };
}

/** One email of the review queue. */
export async function getReviewItem(db: Db, orgId: string, id: string): Promise<TReviewItem> {
  const [m] = await rows<TReviewRow>(db, sql`${REVIEW_SELECT} where m.id = ${id}::uuid and m.org_id = ${orgId}::uuid`);
  if (!m) throw new AppError('NOT_FOUND', 'That email does not exist.');
  return toItem(m);
}

export const ZApproveMany = z.object({
  messageIds: z.array(z.uuid()).min(1).max(1000, 'Approve at most 1,000 emails at a time.').optional(),
  /** Approve everything of this campaign that waits (up to 5,000). */
  campaignId: z.uuid().optional(),
}).strict().refine((v) => Boolean(v.messageIds) !== Boolean(v.campaignId), { message: 'Give messageIds or a campaignId.', path: ['messageIds'] });

/** Approves emails: they are slotted and sent by the normal engine. */
export async function approveMessages(db: Db, actor: TActor, input: z.infer<typeof ZApproveMany>): Promise<{ approved: number }> {
  const r = await rows<{ id: string; enrollment_id: string }>(
    db,
    sql`update public.messages set status = 'scheduled', scheduled_for = null, slot_retry_at = null, approved_by = ${actor.userId}::uuid, approved_at = now()
        where org_id = ${actor.orgId}::uuid and status = 'pending_approval'
          and id in (select id from public.messages where org_id = ${actor.orgId}::uuid and status = 'pending_approval'
                     ${input.messageIds ? sql`and id = any(${sql.param(input.messageIds)}::uuid[])` : sql`and campaign_id = ${input.campaignId!}::uuid`}
                     order by created_at limit 5000)
        returning id, enrollment_id`,
  );
  if (r.length) {
    await db.execute(sql`update public.enrollments set waiting_reason = 'scheduled', waiting_detail = '{}'::jsonb where id = any(${sql.param(r.map((x) => x.enrollment_id))}::uuid[]) and status = 'active'`);
    await kickAdvance(db, actor.orgId);
  }
  return { approved: r.length };
}

export const ZReject = z.object({
  /** skip: go on with the next step for this lead; stop: end this lead's enrollment. */
  then: z.enum(['skip', 'stop']).default('stop'),
}).strict();

export async function rejectMessage(db: Db, actor: TActor, id: string, input: z.infer<typeof ZReject>): Promise<{ id: string; rejected: true; enrollment: 'stopped' | 'continues' }> {
  const [m] = await rows<{ enrollment_id: string; lead_id: string }>(
    db,
    sql`update public.messages set status = 'cancelled', last_error = 'Rejected in review.' where id = ${id}::uuid and org_id = ${actor.orgId}::uuid and status in ('pending_approval', 'blocked')
        returning enrollment_id, lead_id`,
  );
  if (!m) throw new AppError('CONFLICT', 'Only an email waiting for approval (or held back) can be rejected.');
  if (input.then === 'stop') {
    await db.execute(sql`update public.enrollments set status = 'stopped', stop_reason = 'manual', stopped_at = now(), next_step_at = null, waiting_reason = null
                         where id = ${m.enrollment_id}::uuid and status in ('active', 'paused')`);
  } else {
    await db.execute(sql`update public.enrollments set next_step_at = now() where id = ${m.enrollment_id}::uuid and status = 'active'`);
  }
  return { id, rejected: true, enrollment: input.then === 'stop' ? 'stopped' : 'continues' };
}

export const ZResolveUncertain = z.object({
  /** mark_sent: it did arrive (the sequence goes on); resend: send it again (your decision); cancel: do not send, go on. */
  action: z.enum(['mark_sent', 'resend', 'cancel']),
}).strict();

/** A person's decision on an email whose send outcome is unknown. */
export async function resolveUncertain(db: Db, actor: TActor, id: string, input: z.infer<typeof ZResolveUncertain>): Promise<{ id: string; status: string }> {
  const set = input.action === 'mark_sent'
    ? sql`status = 'sent', sent_at = coalesce(claimed_at, now()), last_error = null`
    : input.action === 'resend'
      ? sql`status = 'scheduled', scheduled_for = null, slot_retry_at = null, last_error = null, claimed_by = null`
      : sql`status = 'cancelled', last_error = 'Cancelled after an unknown send outcome.'`;
  const [m] = await rows<{ enrollment_id: string; status: string }>(
    db,
    sql`update public.messages set ${set} where id = ${id}::uuid and org_id = ${actor.orgId}::uuid and status = 'uncertain' returning enrollment_id, status`,
  );
  if (!m) throw new AppError('CONFLICT', 'Only an email with an unknown send outcome can be resolved this way.');
  await db.execute(sql`update public.enrollments set next_step_at = ${input.action === 'resend' ? null : sql`now()`}, waiting_reason = ${input.action === 'resend' ? 'scheduled' : null}
                       where id = ${m.enrollment_id}::uuid and status = 'active'`);
  await recordAudit(db, {
    orgId: actor.orgId, actorId: actor.userId, actorType: auditActorType(actor), action: `message.uncertain_${input.action}`,
    targetType: 'message', targetId: id, metadata: {}, ip: actor.ip,
  });
  return { id, status: m.status };
}

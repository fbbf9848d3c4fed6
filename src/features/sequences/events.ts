/**
 * Message events other features report (S10, S11, I2/I3): a reply, a bounce (hard → suppressed), a spam
 * complaint. Each is recorded once as the message's first event of its kind (plus every repeat), stops
 * enrollments by the campaign's rules, and wakes conditions waiting on it. The inbox (a later issue)
 * calls these with the Message-ID it matched. Call inside a service transaction (jobs, webhooks).
 */
import { one, rows, sql, type Db } from '@/db';
import type { TMessageEventKind } from '@/db/schema';
import { addLeadEvent, suppress } from '@/features/leads';
import { checkMailboxHealth } from '@/features/mailboxes';
import { AppError } from '@/lib/errors';
import { stopEnrollmentsFor } from './stop';

type TMessageRef = { messageId?: string; messageIdHeader?: string };
type TMessageFacts = { id: string; org_id: string; lead_id: string; enrollment_id: string; campaign_id: string; mailbox_id: string | null; to_email: string; subject: string; status: string };

/** The outbound message a reply or bounce refers to (by our id, or by its Message-ID header). */
export async function findMessage(db: Db, ref: TMessageRef): Promise<TMessageFacts | undefined> {
  if (ref.messageId) return one<TMessageFacts>(db, sql`select id, org_id, lead_id, enrollment_id, campaign_id, mailbox_id, to_email, subject, status from public.messages where id = ${ref.messageId}::uuid`);
  if (ref.messageIdHeader) {
    const h = ref.messageIdHeader.trim();
    const bracketed = h.startsWith('<') ? h : `<${h}>`;
    return one<TMessageFacts>(db, sql`select id, org_id, lead_id, enrollment_id, campaign_id, mailbox_id, to_email, subject, status from public.messages where message_id_header = ${bracketed}`);
  }
  return undefined;
}

/**
 * Records one event of a message: the first human one of its kind is marked is_first (unique), the
 * rest are kept as hits. Returns whether this was the first.
 */
export async function recordMessageEvent(
  db: Db,
  e: { messageId: string; orgId: string; kind: TMessageEventKind; isBot?: boolean; botReason?: string | null; url?: string | null; ip?: string | null; userAgent?: string | null; detail?: Record<string, unknown>; at?: Date },
): Promise<{ first: boolean }> {
  const at = (e.at ?? new Date()).toISOString();
  const first = e.isBot
    ? []
    : await rows<{ id: string }>(
        db,
        sql`insert into public.message_events (org_id, message_id, kind, is_first, is_bot, url, ip, user_agent, detail, occurred_at)
            values (${e.orgId}, ${e.messageId}, ${e.kind}, true, false, ${e.url ?? null}, ${e.ip ?? null}, ${e.userAgent ?? null}, ${JSON.stringify(e.detail ?? {})}::jsonb, ${at})
            on conflict (message_id, kind) where is_first do nothing returning id`,
      );
  if (!first.length) {
    await db.execute(sql`insert into public.message_events (org_id, message_id, kind, is_first, is_bot, bot_reason, url, ip, user_agent, detail, occurred_at)
                         values (${e.orgId}, ${e.messageId}, ${e.kind}, false, ${e.isBot ?? false}, ${e.botReason ?? null}, ${e.url ?? null}, ${e.ip ?? null},
                                 ${e.userAgent ?? null}, ${JSON.stringify(e.detail ?? {})}::jsonb, ${at})`);
  }
  if (first.length) {
    // A condition waiting on this ("replied within 3 days") can decide now.
    await db.execute(sql`update public.enrollments e set next_step_at = now() from public.messages m
                         where m.id = ${e.messageId}::uuid and e.id = m.enrollment_id and e.status = 'active' and e.waiting_reason = 'waiting_for_condition'`);
  }
  return { first: first.length > 0 };
}

const need = (m: TMessageFacts | undefined): TMessageFacts => {
  if (!m) throw new AppError('NOT_FOUND', 'No email we sent matches that message.');
  return m;
};

/** A reply to one of our emails: stops the lead's enrollments (per campaign rules, company-wide if set). */
export async function recordReply(db: Db, input: TMessageRef & { at?: Date; snippet?: string }): Promise<{ first: boolean; stopped: number }> {
  const m = need(await findMessage(db, input));
  const r = await recordMessageEvent(db, { messageId: m.id, orgId: m.org_id, kind: 'reply', at: input.at, detail: input.snippet ? { snippet: input.snippet.slice(0, 300) } : {} });
  if (!r.first) return { first: false, stopped: 0 };
  await db.execute(sql`update public.leads set status = 'replied' where id = ${m.lead_id}::uuid and status in ('new', 'contacted')`);
  await addLeadEvent(db, { orgId: m.org_id, leadId: m.lead_id, type: 'email_replied', summary: `Replied to "${m.subject.slice(0, 200)}"`, data: { messageId: m.id, campaignId: m.campaign_id } });
  const s = await stopEnrollmentsFor(db, { orgId: m.org_id, leadId: m.lead_id, reason: 'reply' });
  return { first: true, stopped: s.stopped };
}

/**
 * A bounce: the message is marked bounced; a hard bounce suppresses the address (L6) and stops the
 * lead (per campaign rules); the mailbox's health is checked and it pauses itself past its threshold.
 */
export async function recordBounce(db: Db, input: TMessageRef & { hard: boolean; reason?: string; at?: Date }): Promise<{ first: boolean; stopped: number; mailboxPaused: boolean }> {
  const m = need(await findMessage(db, input));
  const r = await recordMessageEvent(db, { messageId: m.id, orgId: m.org_id, kind: 'bounce', at: input.at, detail: { hard: input.hard, reason: input.reason?.slice(0, 500) ?? null } });
  await db.execute(sql`update public.messages set status = 'bounced', last_error = ${input.reason?.slice(0, 2000) ?? (input.hard ? 'Hard bounce' : 'Soft bounce')}
                       where id = ${m.id}::uuid and status in ('sent', 'uncertain')`);
  let stopped = 0;
  if (r.first) {
    await addLeadEvent(db, { orgId: m.org_id, leadId: m.lead_id, type: 'email_bounced', summary: `${input.hard ? 'Hard' : 'Soft'} bounce: "${m.subject.slice(0, 200)}"`, data: { messageId: m.id, reason: input.reason ?? null } });
    if (input.hard) {
      await suppress(db, { orgId: m.org_id, value: m.to_email, kind: 'email', reason: 'hard_bounce', source: `message ${m.id}` });
      await db.execute(sql`update public.leads set status = 'bounced' where id = ${m.lead_id}::uuid and status in ('new', 'contacted')`);
      stopped = (await stopEnrollmentsFor(db, { orgId: m.org_id, leadId: m.lead_id, reason: 'bounce' })).stopped;
    }
  }
  const h = m.mailbox_id ? await checkMailboxHealth(db, m.mailbox_id) : { paused: false };
  return { first: r.first, stopped, mailboxPaused: h.paused };
}

/** A spam complaint (feedback loop): suppressed at once, every enrollment stopped, mailbox health checked. */
export async function recordComplaint(db: Db, input: TMessageRef & { at?: Date }): Promise<{ first: boolean; mailboxPaused: boolean }> {
  const m = need(await findMessage(db, input));
  const r = await recordMessageEvent(db, { messageId: m.id, orgId: m.org_id, kind: 'complaint', at: input.at });
  await suppress(db, { orgId: m.org_id, value: m.to_email, kind: 'email', reason: 'complaint', source: `message ${m.id}` });
  await stopEnrollmentsFor(db, { orgId: m.org_id, leadId: m.lead_id, reason: 'unsubscribe' });
  const h = m.mailbox_id ? await checkMailboxHealth(db, m.mailbox_id) : { paused: false };
  return { first: r.first, mailboxPaused: h.paused };
}

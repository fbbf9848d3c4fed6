/**
 * Mailbox health (M3): bounce and complaint rates over the mailbox's rolling window, the automatic
 * pause when a threshold is reached over the minimum sample, and the pause after a refused login —
 * each with the reason and the numbers stored on the mailbox and its owner (plus the organization's
 * owners and admins) notified. Call these inside a service transaction (jobs, webhooks).
 */
import { one, rows, sql, type Db } from '@/db';
import { notify } from '@/features/notifications';
import { health, pauseDecision, type THealth } from './pacing';
import { MAILBOXES_PATH } from './mailboxes';

type TMailboxFacts = {
  id: string; org_id: string; email: string; user_id: string | null; status: string; health_window_days: number; health_min_sample: number;
  bounce_pause_threshold: string | number; complaint_pause_threshold: string | number;
};

async function facts(tx: Db, mailboxId: string): Promise<TMailboxFacts | undefined> {
  return one<TMailboxFacts>(
    tx,
    sql`select id, org_id, email, user_id, status, health_window_days, health_min_sample, bounce_pause_threshold, complaint_pause_threshold
        from public.mailboxes where id = ${mailboxId}::uuid for update`,
  );
}

/** Sends, bounces and complaints of a mailbox over its window (sent = handed to the server). */
export async function mailboxHealth(tx: Db, mailboxId: string, windowDays: number): Promise<THealth> {
  const r = await one<{ sent: number; bounced: number; complaints: number }>(
    tx,
    sql`select count(*) filter (where m.status in ('sent', 'bounced'))::int as sent,
               count(*) filter (where m.status = 'bounced')::int as bounced,
               count(*) filter (where exists (select 1 from public.message_events e where e.message_id = m.id and e.kind = 'complaint'))::int as complaints
        from public.messages m
        where m.mailbox_id = ${mailboxId}::uuid and m.sent_at >= now() - make_interval(days => ${windowDays})`,
  );
  return health(r?.sent ?? 0, r?.bounced ?? 0, r?.complaints ?? 0);
}

/** Who hears about a mailbox: the member who connected it and the organization's owners and admins. */
async function recipients(tx: Db, orgId: string, ownerId: string | null): Promise<string[]> {
  const r = await rows<{ user_id: string }>(
    tx,
    sql`select user_id from public.memberships where org_id = ${orgId}::uuid and (role in ('owner', 'admin') or user_id = ${ownerId}::uuid)`,
  );
  return r.map((x) => x.user_id);
}

/**
 * Looks at a mailbox's health after a bounce or complaint and pauses it when a threshold is reached.
 * Returns what it decided.
 */
export async function checkMailboxHealth(tx: Db, mailboxId: string): Promise<{ paused: boolean; health: THealth }> {
  const m = await facts(tx, mailboxId);
  if (!m) return { paused: false, health: health(0, 0, 0) };
  const h = await mailboxHealth(tx, mailboxId, m.health_window_days);
  if (m.status !== 'active') return { paused: false, health: h };
  const d = pauseDecision(h, { bounceThreshold: Number(m.bounce_pause_threshold), complaintThreshold: Number(m.complaint_pause_threshold), minSample: m.health_min_sample });
  if (!d.pause) return { paused: false, health: h };
  const detail = { sent: h.sent, bounced: h.bounced, complaints: h.complaints, rate: d.rate, threshold: d.threshold, windowDays: m.health_window_days, minSample: m.health_min_sample };
  await tx.execute(sql`update public.mailboxes set status = 'paused', paused_reason = ${d.reason}, paused_detail = ${JSON.stringify(detail)}::jsonb, paused_at = now()
                       where id = ${mailboxId}::uuid`);
  const what = d.reason === 'bounce_rate' ? `${h.bounced} of ${h.sent} emails bounced` : `${h.complaints} of ${h.sent} emails were reported as spam`;
  await notify(tx, {
    orgId: m.org_id,
    type: 'system',
    title: `Mailbox ${m.email} paused: ${d.reason === 'bounce_rate' ? 'too many bounces' : 'too many spam complaints'}`,
    body: `${what} in the last ${m.health_window_days} days (${(d.rate * 100).toFixed(1)} %, the limit is ${(d.threshold * 100).toFixed(1)} %). Nothing more is sent from it until you resume it. Clean the list (verify addresses) before resuming.`,
    actionUrl: MAILBOXES_PATH,
    userIds: await recipients(tx, m.org_id, m.user_id),
  });
  return { paused: true, health: h };
}

/** The server refused the mailbox's login while sending: stop using it and tell its owner. */
export async function recordMailboxAuthFailure(tx: Db, mailboxId: string, detail: { response: string; code?: string; responseCode?: number }): Promise<boolean> {
  const m = await facts(tx, mailboxId);
  if (!m || m.status === 'error') return false;
  await tx.execute(sql`update public.mailboxes set status = 'error', paused_reason = 'auth_failed', paused_detail = ${JSON.stringify(detail)}::jsonb, paused_at = now()
                       where id = ${mailboxId}::uuid`);
  await notify(tx, {
    orgId: m.org_id,
    type: 'system',
    title: `Mailbox ${m.email} disconnected: the mail server refused the login`,
    body: `The server answered: ${detail.response.slice(0, 300)}. Nothing is sent from this mailbox until you update its password (or reconnect it) and test the connection.`,
    actionUrl: MAILBOXES_PATH,
    userIds: await recipients(tx, m.org_id, m.user_id),
  });
  return true;
}

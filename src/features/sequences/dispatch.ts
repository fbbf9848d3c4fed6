/**
 * The dispatcher (`sequences.dispatch`, every minute; S7, S15): claims due emails atomically, renders
 * the final message (tracked links, open pixel, unsubscribe footer, List-Unsubscribe headers, threading
 * headers), sends it through its mailbox and records the outcome.
 *
 * Exactly once: a claim is one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING that
 * moves the row to 'sending' with this worker's id and a lease, so concurrent or retried dispatchers
 * never hold the same email; the outcome is written only by the claimer. A claim whose lease ran out
 * (the worker died between claiming and recording) becomes 'uncertain' — never re-sent automatically;
 * a person decides in the review queue. SMTP 4xx → slotted again later with backoff; 5xx → failed with
 * the server's answer; a refused login → the mailbox pauses itself and its owner is told; a connection
 * that broke once the message may have been handed over → uncertain.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { asService, rows, sql, type Db } from '@/db';
import { loadSendingMailboxes, recordMailboxAuthFailure, type MailboxTransports, type TSendingMailbox } from '@/features/mailboxes';
import { notify } from '@/features/notifications';
import { classifySmtpError, type TOutboundMail, type TSmtpFailure } from '@/integrations/smtp';
import { STALE_AFTER_MINUTES } from './advance';
import { PATHS } from './common';
import { appendFooter, appendPixel, footerText, rewriteLinks } from './html';
import { clickUrl, openUrl, unsubscribeUrl } from './links';
import { retryDelaySeconds } from './schedule';
import { readSettings, type TCampaignSettings } from './settings';
import { loadOrgs, type TOrgFacts } from './sources';

export type TDispatchDeps = { db: Db; transports: MailboxTransports; now?: () => Date; random?: () => number; log?: Logger };

export type TDispatchOptions = {
  /** Identifies this dispatcher in claims (a job run id). */
  workerId?: string;
  batchSize?: number;
  /** Stop after this many claimed emails. */
  maxMessages?: number;
  /** Keep going (sleeping until the next slot) for up to this long; 0 = return when nothing is due. */
  budgetMs?: number;
  /** How long a claim may stay unrecorded before it turns uncertain. */
  leaseSeconds?: number;
  /** Sends in flight at once (across mailboxes; each mailbox's pool limits its own connections). */
  concurrency?: number;
  /** 4xx answers tried this many times in all before the email fails. */
  maxAttempts?: number;
};

export type TDispatchResult = { claimed: number; sent: number; retried: number; failed: number; uncertain: number; cancelled: number; reaped: number; mailboxesPaused: number };

type TClaimed = {
  id: string; org_id: string; campaign_id: string; enrollment_id: string; lead_id: string; mailbox_id: string; step_id: string; step_index: number;
  to_email: string; from_email: string | null; from_name: string | null; subject: string; html: string; text: string; message_id_header: string | null;
  in_reply_to: string | null; references_header: string | null; attempts: number;
  /** The address was suppressed after the email was slotted (checked again at claim time). */
  suppressed?: boolean;
};

type TOutcome =
  | { id: string; kind: 'sent'; response: string; at: Date }
  | { id: string; kind: 'cancelled'; why: string }
  | { id: string; kind: 'failure'; failure: TSmtpFailure };

const zeroResult = (): TDispatchResult => ({ claimed: 0, sent: 0, retried: 0, failed: 0, uncertain: 0, cancelled: 0, reaped: 0, mailboxesPaused: 0 });

/** Claims whose lease ran out become uncertain (never sent again by themselves); their owners are told. */
export async function reapExpiredClaims(db: Db, now = new Date()): Promise<number> {
  return asService(db, async (tx) => {
    const r = await rows<{ id: string; org_id: string; enrollment_id: string; campaign_id: string }>(
      tx,
      sql`update public.messages set status = 'uncertain', claimed_by = null, claim_expires_at = null,
            last_error = 'The sender stopped after claiming this email and before recording whether the mail server took it. It may or may not have been delivered.'
          where status = 'sending' and claim_expires_at < ${now.toISOString()}::timestamptz
          returning id, org_id, enrollment_id, campaign_id`,
    );
    if (!r.length) return 0;
    await tx.execute(sql`update public.enrollments set waiting_reason = 'uncertain_review', next_step_at = null where id = any(${sql.param(r.map((x) => x.enrollment_id))}::uuid[]) and status = 'active'`);
    await notifyUncertain(tx, r);
    return r.length;
  });
}

async function notifyUncertain(tx: Db, list: { org_id: string; campaign_id: string }[]): Promise<void> {
  const byOrg = new Map<string, number>();
  for (const x of list) byOrg.set(x.org_id, (byOrg.get(x.org_id) ?? 0) + 1);
  for (const [orgId, n] of byOrg) {
    await notify(tx, {
      orgId, type: 'system', roles: ['owner', 'admin'],
      title: `${n} email${n === 1 ? '' : 's'} may or may not have been sent`,
      body: 'Sending stopped half-way, so LeadPilot cannot tell whether the mail server took them. They are never re-sent automatically: mark each as sent, send it again, or cancel it in the review queue.',
      actionUrl: `${PATHS.approvals}?kind=uncertain`,
    });
  }
}

async function claim(db: Db, workerId: string, n: number, leaseSeconds: number, now: Date): Promise<TClaimed[]> {
  const nowIso = now.toISOString();
  return asService(db, (tx) =>
    rows<TClaimed>(
      tx,
      sql`with candidates as (
            select m.id, m.mailbox_id, m.scheduled_for
            from public.messages m
            join public.enrollments e on e.id = m.enrollment_id
            join public.campaigns c on c.id = m.campaign_id
            join public.mailboxes mb on mb.id = m.mailbox_id
            where m.status = 'scheduled' and m.scheduled_for <= ${nowIso}::timestamptz
              and m.scheduled_for > ${nowIso}::timestamptz - make_interval(mins => ${STALE_AFTER_MINUTES})
              and e.status = 'active' and c.status = 'active' and mb.status = 'active'
            order by m.scheduled_for
            limit ${n * 2}
            for update of m skip locked
          ),
          ranked as (
            select cd.id, mb.min_gap_seconds as gap, mb.last_sent_at,
                   row_number() over (partition by cd.mailbox_id order by cd.scheduled_for, cd.id) as per_mailbox,
                   row_number() over (order by cd.scheduled_for, cd.id) as overall
            from candidates cd join public.mailboxes mb on mb.id = cd.mailbox_id
          )
          update public.messages m set status = 'sending', claimed_by = ${workerId}, claimed_at = ${nowIso}::timestamptz,
                 claim_expires_at = ${nowIso}::timestamptz + make_interval(secs => ${leaseSeconds}), attempts = m.attempts + 1
          from ranked r
          where m.id = r.id and r.overall <= ${n}
            and (r.gap = 0 or (r.per_mailbox = 1 and (r.last_sent_at is null or r.last_sent_at <= ${nowIso}::timestamptz - make_interval(secs => r.gap))))
          returning m.id, m.org_id, m.campaign_id, m.enrollment_id, m.lead_id, m.mailbox_id, m.step_id, m.step_index, m.to_email, m.from_email, m.from_name,
                    m.subject, m.html, m.text, m.message_id_header, m.in_reply_to, m.references_header, m.attempts,
                    (app.is_suppressed(m.org_id, m.to_email) or exists (select 1 from public.leads l where l.id = m.lead_id and l.suppressed_at is not null)) as suppressed`,
    ),
  );
}

/** The final email: tracking, footer and headers on the composed content. */
export function renderOutbound(m: TClaimed, mailbox: TSendingMailbox, settings: TCampaignSettings, org: TOrgFacts | undefined, sentAt: Date): TOutboundMail {
  const from = m.from_email ?? mailbox.email;
  const unsub = unsubscribeUrl(m.id, m.org_id, m.to_email);
  let html = m.html;
  let text = m.text;
  if (settings.trackClicks) html = rewriteLinks(html, (url) => (url === unsub ? undefined : clickUrl(m.id, url, sentAt)));
  if (settings.unsubscribeFooter) {
    const f = { orgName: org?.companyName ?? org?.name ?? '', postalAddress: org?.postalAddress ?? null, unsubscribeUrl: unsub };
    html = appendFooter(html, f);
    text = `${text}${footerText(f)}`;
  }
  if (settings.trackOpens) html = appendPixel(html, openUrl(m.id, sentAt));
  const messageId = m.message_id_header ?? `<${m.id}@${from.split('@')[1] ?? 'leadpilot.local'}>`;
  return {
    from: { name: m.from_name ?? mailbox.displayName ?? undefined, address: from },
    to: m.to_email,
    subject: m.subject,
    html,
    text,
    messageId,
    ...(m.in_reply_to ? { inReplyTo: m.in_reply_to } : {}),
    ...(m.references_header ? { references: m.references_header } : {}),
    headers: {
      // RFC 2369 + RFC 8058: an https link (one-click POST) and a mailto, both honoured at once.
      'List-Unsubscribe': `<${unsub}>, <mailto:${from}?subject=${encodeURIComponent(`unsubscribe ${m.id}`)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-LeadPilot-Message': m.id,
    },
  };
}

/** Runs bounded work: claims due emails and sends them until nothing is due (or the budget ends). */
export async function dispatchDue(deps: TDispatchDeps, opts: TDispatchOptions = {}): Promise<TDispatchResult> {
  const res = zeroResult();
  const clock = () => deps.now?.() ?? new Date();
  const started = Date.now();
  const workerId = opts.workerId ?? `dispatch-${randomUUID()}`;
  const batchSize = opts.batchSize ?? 200;
  const budget = opts.budgetMs ?? 0;
  const mailboxCache = new Map<string, TSendingMailbox>();
  const orgCache = new Map<string, TOrgFacts>();
  const settingsCache = new Map<string, TCampaignSettings>();
  res.reaped = await reapExpiredClaims(deps.db, clock());

  for (;;) {
    if (opts.maxMessages !== undefined && res.claimed >= opts.maxMessages) break;
    const want = opts.maxMessages !== undefined ? Math.min(batchSize, opts.maxMessages - res.claimed) : batchSize;
    const batch = await claim(deps.db, workerId, want, opts.leaseSeconds ?? 600, clock());
    if (!batch.length) {
      const remaining = budget - (Date.now() - started);
      if (remaining <= 1000) break;
      const next = await nextDue(deps.db, clock());
      if (!next || next.getTime() - clock().getTime() > remaining) break;
      await new Promise((r) => setTimeout(r, Math.max(200, next.getTime() - clock().getTime())));
      continue;
    }
    res.claimed += batch.length;
    await loadCaches(deps.db, batch, mailboxCache, orgCache, settingsCache);
    const outcomes = await sendBatch(deps, batch, mailboxCache, orgCache, settingsCache, opts.concurrency ?? 32, clock);
    await record(deps, workerId, batch, outcomes, res, opts.maxAttempts ?? 5, mailboxCache, clock());
  }
  deps.transports.sweep();
  return res;
}

async function nextDue(db: Db, now: Date): Promise<Date | undefined> {
  const r = await asService(db, (tx) =>
    rows<{ at: string | null }>(tx, sql`select min(scheduled_for) as at from public.messages where status = 'scheduled' and scheduled_for > ${now.toISOString()}::timestamptz - make_interval(mins => ${STALE_AFTER_MINUTES})`),
  );
  return r[0]?.at ? new Date(r[0].at) : undefined;
}

async function loadCaches(db: Db, batch: TClaimed[], mailboxes: Map<string, TSendingMailbox>, orgs: Map<string, TOrgFacts>, settings: Map<string, TCampaignSettings>) {
  const needMb = [...new Set(batch.map((m) => m.mailbox_id))].filter((id) => !mailboxes.has(id));
  if (needMb.length) for (const [id, m] of await loadSendingMailboxes(db, needMb)) mailboxes.set(id, m);
  const needOrg = [...new Set(batch.map((m) => m.org_id))].filter((id) => !orgs.has(id));
  if (needOrg.length) for (const [id, o] of await asService(db, (tx) => loadOrgs(tx, needOrg))) orgs.set(id, o);
  const needC = [...new Set(batch.map((m) => m.campaign_id))].filter((id) => !settings.has(id));
  if (needC.length) {
    const r = await asService(db, (tx) => rows<{ id: string; settings: unknown }>(tx, sql`select id, settings from public.campaigns where id = any(${sql.param(needC)}::uuid[])`));
    for (const c of r) settings.set(c.id, readSettings(c.settings));
  }
}

async function sendBatch(
  deps: TDispatchDeps, batch: TClaimed[], mailboxes: Map<string, TSendingMailbox>, orgs: Map<string, TOrgFacts>, settings: Map<string, TCampaignSettings>,
  concurrency: number, clock: () => Date,
): Promise<TOutcome[]> {
  const outcomes: TOutcome[] = [];
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= batch.length) return;
      const m = batch[i]!;
      // Suppression is checked once more at claim time (an unsubscribe may have landed since slotting).
      if (m.suppressed) {
        outcomes.push({ id: m.id, kind: 'cancelled', why: 'The address was suppressed before sending.' });
        continue;
      }
      const mailbox = mailboxes.get(m.mailbox_id);
      if (!mailbox) {
        outcomes.push({ id: m.id, kind: 'failure', failure: { kind: 'temporary', message: 'The mailbox was removed before sending.' } });
        continue;
      }
      try {
        const sentAt = clock();
        const mail = renderOutbound(m, mailbox, settings.get(m.campaign_id) ?? readSettings({}), orgs.get(m.org_id), sentAt);
        const sender = await deps.transports.senderFor(mailbox);
        const r = await sender.send(mail);
        if (r.rejected.length && !r.accepted.length) outcomes.push({ id: m.id, kind: 'failure', failure: { kind: 'permanent', message: `The server refused the recipient: ${r.response}` } });
        else outcomes.push({ id: m.id, kind: 'sent', response: r.response, at: sentAt });
      } catch (e) {
        outcomes.push({ id: m.id, kind: 'failure', failure: classifySmtpError(e) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
  return outcomes;
}

async function record(
  deps: TDispatchDeps, workerId: string, batch: TClaimed[], outcomes: TOutcome[], res: TDispatchResult, maxAttempts: number,
  mailboxes: Map<string, TSendingMailbox>, now: Date,
): Promise<void> {
  const byId = new Map(batch.map((m) => [m.id, m]));
  const random = deps.random ?? Math.random;
  const sent: { id: string; sent_at: string; response: string }[] = [];
  const retry: { id: string; not_before: string; error: string; code: string | null }[] = [];
  const failed: { id: string; error: string; code: string | null }[] = [];
  const uncertain: { id: string; error: string }[] = [];
  const cancelled: { id: string; why: string }[] = [];
  const authFailed = new Map<string, TSmtpFailure>();
  const unclaimAuth: string[] = [];
  for (const o of outcomes) {
    const m = byId.get(o.id)!;
    if (o.kind === 'sent') sent.push({ id: o.id, sent_at: o.at.toISOString(), response: o.response.slice(0, 1000) });
    else if (o.kind === 'cancelled') cancelled.push({ id: o.id, why: o.why });
    else {
      const f = o.failure;
      const code = f.responseCode ? String(f.responseCode) : (f.code ?? null);
      if (f.kind === 'auth') {
        authFailed.set(m.mailbox_id, f);
        unclaimAuth.push(o.id);
      } else if (f.kind === 'temporary' && m.attempts < maxAttempts) {
        retry.push({ id: o.id, not_before: new Date(now.getTime() + retryDelaySeconds(m.attempts, random) * 1000).toISOString(), error: f.message.slice(0, 2000), code });
      } else if (f.kind === 'unknown') uncertain.push({ id: o.id, error: `The connection broke while sending: ${f.message}`.slice(0, 2000) });
      else failed.push({ id: o.id, error: (f.kind === 'temporary' ? `Gave up after ${m.attempts} attempts: ${f.message}` : f.message).slice(0, 2000), code });
    }
  }
  await asService(deps.db, async (tx) => {
    const mine = sql`m.claimed_by = ${workerId} and m.status in ('sending', 'uncertain')`;
    if (sent.length) {
      // One statement: mark sent, wake the enrollments, mark new leads contacted, move the mailboxes'
      // last send, write the lead timeline.
      const [r] = await rows<{ n: number }>(
        tx,
        sql`with done as (
              update public.messages m set status = 'sent', sent_at = x.sent_at, smtp_response = x.response, last_error = null, last_error_code = null,
                     claimed_by = null, claim_expires_at = null
              from jsonb_to_recordset(${JSON.stringify(sent)}::jsonb) as x(id uuid, sent_at timestamptz, response text)
              where m.id = x.id and ${mine}
              returning m.id, m.org_id, m.lead_id, m.enrollment_id, m.mailbox_id, m.campaign_id, m.step_id, m.step_index, m.subject, m.from_email, m.sent_at
            ),
            woke as (
              update public.enrollments e set next_step_at = now(), waiting_reason = null, waiting_detail = '{}'::jsonb
              from done d where e.id = d.enrollment_id and e.status = 'active' returning 1
            ),
            contacted as (
              update public.leads l set status = 'contacted' where l.id in (select lead_id from done) and l.status = 'new' returning 1
            ),
            last_send as (
              update public.mailboxes mb set last_sent_at = greatest(coalesce(mb.last_sent_at, x.at), x.at)
              from (select mailbox_id, max(sent_at) as at from done group by mailbox_id) x where mb.id = x.mailbox_id returning 1
            ),
            timeline as (
              insert into public.lead_events (org_id, lead_id, type, summary, data, occurred_at)
              select d.org_id, d.lead_id, 'email_sent',
                     'Email sent: "' || left(d.subject, 150) || '" (' || left(c.name, 100) || ', step ' || (d.step_index + 1) || ')',
                     jsonb_build_object('messageId', d.id, 'campaignId', d.campaign_id, 'stepId', d.step_id, 'from', d.from_email), d.sent_at
              from done d join public.campaigns c on c.id = d.campaign_id
              returning 1
            )
            select count(*)::int as n from done`,
      );
      res.sent += r?.n ?? 0;
    }
    if (retry.length) {
      const r = await rows<{ id: string; enrollment_id: string }>(
        tx,
        sql`update public.messages m set status = 'scheduled', scheduled_for = null, slot_retry_at = null, not_before = x.not_before, last_error = x.error,
                   last_error_code = x.code, claimed_by = null, claim_expires_at = null
            from jsonb_to_recordset(${JSON.stringify(retry)}::jsonb) as x(id uuid, not_before timestamptz, error text, code text)
            where m.id = x.id and ${mine} returning m.id, m.enrollment_id`,
      );
      res.retried += r.length;
      await tx.execute(sql`update public.enrollments set waiting_reason = 'retrying' where id = any(${sql.param(r.map((x) => x.enrollment_id))}::uuid[]) and status = 'active'`);
    }
    if (failed.length) {
      const r = await rows<{ id: string; enrollment_id: string }>(
        tx,
        sql`update public.messages m set status = 'failed', last_error = x.error, last_error_code = x.code, claimed_by = null, claim_expires_at = null
            from jsonb_to_recordset(${JSON.stringify(failed)}::jsonb) as x(id uuid, error text, code text)
            where m.id = x.id and ${mine} returning m.id, m.enrollment_id`,
      );
      res.failed += r.length;
      // The advance job stops these enrollments (send_failed) and writes the timeline.
      await tx.execute(sql`update public.enrollments set next_step_at = now() where id = any(${sql.param(r.map((x) => x.enrollment_id))}::uuid[]) and status = 'active'`);
    }
    if (uncertain.length) {
      const r = await rows<{ id: string; org_id: string; enrollment_id: string; campaign_id: string }>(
        tx,
        sql`update public.messages m set status = 'uncertain', last_error = x.error, claimed_by = null, claim_expires_at = null
            from jsonb_to_recordset(${JSON.stringify(uncertain)}::jsonb) as x(id uuid, error text)
            where m.id = x.id and ${mine} returning m.id, m.org_id, m.enrollment_id, m.campaign_id`,
      );
      res.uncertain += r.length;
      await tx.execute(sql`update public.enrollments set waiting_reason = 'uncertain_review', next_step_at = null where id = any(${sql.param(r.map((x) => x.enrollment_id))}::uuid[]) and status = 'active'`);
      if (r.length) await notifyUncertain(tx, r);
    }
    if (cancelled.length) {
      const r = await rows<{ id: string; enrollment_id: string }>(
        tx,
        sql`update public.messages m set status = 'cancelled', last_error = x.why, claimed_by = null, claim_expires_at = null
            from jsonb_to_recordset(${JSON.stringify(cancelled)}::jsonb) as x(id uuid, why text)
            where m.id = x.id and ${mine} returning m.id, m.enrollment_id`,
      );
      res.cancelled += r.length;
      // The advance job sees the suppressed lead and stops the enrollment.
      await tx.execute(sql`update public.enrollments set next_step_at = now() where id = any(${sql.param(r.map((x) => x.enrollment_id))}::uuid[]) and status = 'active'`);
    }
    if (unclaimAuth.length) {
      // Not sent: the login failed. Back to slotting; the paused mailbox holds them until it is fixed.
      await tx.execute(sql`update public.messages m set status = 'scheduled', scheduled_for = null, attempts = greatest(0, m.attempts - 1), claimed_by = null, claim_expires_at = null,
                                  last_error = 'The mailbox login was refused.'
                           where m.id = any(${sql.param(unclaimAuth)}::uuid[]) and ${mine}`);
    }
    for (const [mailboxId, f] of authFailed) {
      if (await recordMailboxAuthFailure(tx, mailboxId, { response: f.message, code: f.code, responseCode: f.responseCode })) res.mailboxesPaused++;
      deps.transports.drop(mailboxId);
      mailboxes.delete(mailboxId);
    }
  });
}

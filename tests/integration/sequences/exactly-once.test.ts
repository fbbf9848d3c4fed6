/**
 * Exactly once (S15) against real Postgres and a real SMTP server: four dispatchers in parallel send
 * 10,000 due emails with zero duplicates; a dispatcher that claims and dies loses nothing and sends
 * nothing twice (its emails turn uncertain and are never re-sent by themselves); SMTP 4xx / 5xx /
 * refused logins / broken connections each end the way they should.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, rows, sql, withUser, type Db } from '../../../src/db';
import { createMailbox, MailboxTransports } from '../../../src/features/mailboxes';
import { advanceEnrollments, dispatchDue, enrollLeads, findEnrollments, findReviewQueue, reapExpiredClaims, resolveUncertain } from '../../../src/features/sequences';
import { testDb, type TTestDb } from '../../support/db';
import type { TPerson } from '../../support/world';
import { startSmtpSink, type TSmtpSink } from '../../support/peers/smtp';
import { actorOf, addLeads, campaign, person } from '../data/sequences/fixtures';

let h: TTestDb;
let me: TPerson;
let sink: TSmtpSink;

const asMe = <T>(fn: (tx: Db) => Promise<T>) => withUser(h.db, me.claims, fn);

async function mailbox(port: number, email: string, pass = 'secret'): Promise<string> {
  const mb = await asMe((tx) =>
    createMailbox(tx, actorOf(me), { email, displayName: 'Sam', smtp: { host: '127.0.0.1', port, security: 'none', username: email, password: pass }, dailyLimit: 100_000, minGapSeconds: 0, gapJitterSeconds: 0 }),
  );
  return mb.id;
}

/** n due emails (enrolled, composed, slotted into the past minute) on a mailbox; returns the campaign id. */
async function dueEmails(mailboxId: string, n: number, prefix: string): Promise<string> {
  const c = await campaign(h.db, me, { mailboxIds: [mailboxId], steps: [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi {{first_name}}', html: '<p>Hello <a href="https://example.com/a">a</a></p>' }] }] });
  const leads = await addLeads(h.db, me, n, { prefix, domain: 'bulk.test' });
  for (let i = 0; i < leads.length; i += 10_000) await asMe((tx) => enrollLeads(tx, actorOf(me), c.id, { leadIds: leads.slice(i, i + 10_000) }));
  await advanceEnrollments({ db: h.db }, { batchSize: 2000, maxBatches: 100 });
  // Spread the slots over the last minute so every one is due now.
  await asService(h.db, (tx) => tx.execute(sql`update public.messages set scheduled_for = now() - random() * interval '60 seconds' where campaign_id = ${c.id}::uuid and status = 'scheduled'`));
  const r = await asService(h.db, (tx) => one<{ n: number }>(tx, sql`select count(*)::int as n from public.messages where campaign_id = ${c.id}::uuid and status = 'scheduled' and scheduled_for <= now()`));
  expect(r?.n).toBe(n);
  return c.id;
}

beforeAll(async () => {
  h = await testDb({ max: 20 });
  me = await person(h.db, 'Bulk Co');
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  await h?.close();
});

describe('exactly once', () => {
  it('four dispatchers in parallel send 10,000 due emails, each exactly once', async () => {
    const port = sink.port;
    const mb = await mailbox(port, 'bulk@sender.test');
    const campaignId = await dueEmails(mb, 10_000, 'par');
    sink.clear();
    const transports = Array.from({ length: 4 }, () => new MailboxTransports(h.db, { maxConnections: 4 }));
    const results = await Promise.all(transports.map((t, i) => dispatchDue({ db: h.db, transports: t }, { workerId: `parallel-${i}`, batchSize: 250 })));
    transports.forEach((t) => t.close());
    const claimed = results.reduce((n, r) => n + r.claimed, 0);
    const sent = results.reduce((n, r) => n + r.sent, 0);
    expect(claimed).toBe(10_000);
    expect(sent).toBe(10_000);
    expect(results.filter((r) => r.claimed > 0).length).toBeGreaterThan(1); // the work really was shared
    await sink.waitFor(10_000);
    const idOf = (raw: Buffer) => {
      const id = /^X-LeadPilot-Message: (\S+)/im.exec(raw.toString('utf8'))?.[1];
      if (!id) throw new Error(`no X-LeadPilot-Message in: ${raw.toString('utf8').slice(0, 600)}`);
      return id;
    };
    const ids = sink.messages.map((m) => idOf(m.raw));
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
    const db = await asService(h.db, (tx) => rows<{ status: string; n: number }>(tx, sql`select status, count(*)::int as n from public.messages where campaign_id = ${campaignId}::uuid group by 1`));
    expect(db).toEqual([{ status: 'sent', n: 10_000 }]);
  }, 240_000);

  it('a dispatcher that claims and dies loses nothing and duplicates nothing', async () => {
    const mb = await mailbox(sink.port, 'crash@sender.test');
    const campaignId = await dueEmails(mb, 50, 'crash');
    sink.clear();
    // The "dead" worker: claims 20 with a 1-second lease and never records anything.
    const dead = await asService(h.db, (tx) =>
      rows<{ id: string }>(
        tx,
        sql`update public.messages m set status = 'sending', claimed_by = 'dead-worker', claimed_at = now(), claim_expires_at = now() + interval '1 second', attempts = attempts + 1
            where m.id in (select id from public.messages where campaign_id = ${campaignId}::uuid and status = 'scheduled' order by scheduled_for limit 20 for update skip locked)
            returning m.id`,
      ),
    );
    expect(dead).toHaveLength(20);
    const t = new MailboxTransports(h.db);
    const first = await dispatchDue({ db: h.db, transports: t }, { workerId: 'alive-1' });
    expect(first.sent).toBe(30);
    await new Promise((r) => setTimeout(r, 1200));
    expect(await reapExpiredClaims(h.db)).toBe(20);
    const second = await dispatchDue({ db: h.db, transports: t }, { workerId: 'alive-2' });
    expect(second.claimed).toBe(0); // uncertain emails are never sent again by themselves
    t.close();
    expect(sink.count).toBe(30);
    const statuses = await asService(h.db, (tx) => rows<{ status: string; n: number }>(tx, sql`select status, count(*)::int as n from public.messages where campaign_id = ${campaignId}::uuid group by 1 order by 1`));
    expect(statuses).toEqual([{ status: 'sent', n: 30 }, { status: 'uncertain', n: 20 }]);
    const q = await asMe((tx) => findReviewQueue(tx, me.orgId, { kind: 'uncertain', campaignId }));
    expect(q.total).toBe(20);
    expect(q.items[0]!.lastError).toMatch(/may or may not have been delivered/);
    const list = await asMe((tx) => findEnrollments(tx, me.orgId, { campaignId, waitingReason: 'uncertain_review' }));
    expect(list.enrollments).toHaveLength(20);
    expect(list.enrollments[0]!.waiting.message).toMatch(/never re-sent automatically/);
    // A person decides: one is marked sent, one is sent again (explicitly).
    await asMe((tx) => resolveUncertain(tx, actorOf(me), q.items[0]!.id, { action: 'mark_sent' }));
    await asMe((tx) => resolveUncertain(tx, actorOf(me), q.items[1]!.id, { action: 'resend' }));
    await advanceEnrollments({ db: h.db });
    const t2 = new MailboxTransports(h.db);
    const third = await dispatchDue({ db: h.db, transports: t2 }, { workerId: 'alive-3' });
    t2.close();
    expect(third.sent).toBe(1);
    const notes = await asService(h.db, (tx) => one<{ n: number }>(tx, sql`select count(*)::int as n from public.notifications where org_id = ${me.orgId}::uuid and title like '20 emails may or may not%'`));
    expect(notes?.n).toBeGreaterThan(0);
  }, 120_000);
});

describe('SMTP answers', () => {
  it('4xx → slotted again with backoff; 5xx → failed with the answer, lead stopped', async () => {
    const local = await startSmtpSink();
    try {
      const mb = await mailbox(local.port, 'answers@sender.test');
      const campaignId = await dueEmails(mb, 2, 'answers');
      local.behave({ rejectRcpt: { code: 451, message: '4.7.1 Try again later' } });
      const t = new MailboxTransports(h.db);
      const r = await dispatchDue({ db: h.db, transports: t }, { workerId: 'w-4xx' });
      expect(r).toMatchObject({ claimed: 2, retried: 2, sent: 0 });
      const retried = await asService(h.db, (tx) => rows<{ status: string; scheduled_for: string | null; not_before: string; last_error: string; last_error_code: string }>(
        tx, sql`select status, scheduled_for, not_before, last_error, last_error_code from public.messages where campaign_id = ${campaignId}::uuid`));
      for (const m of retried) {
        expect(m).toMatchObject({ status: 'scheduled', scheduled_for: null, last_error_code: '451' });
        expect(m.last_error).toMatch(/Try again later/);
        expect(new Date(m.not_before).getTime()).toBeGreaterThan(Date.now() + 3 * 60_000);
      }
      const list = await asMe((tx) => findEnrollments(tx, me.orgId, { campaignId }));
      expect(list.enrollments.every((e) => e.waiting.reason === 'retrying')).toBe(true);
      // Five minutes later they are slotted and sent; this time the server refuses them for good.
      const later = new Date(Date.now() + 10 * 60_000);
      await advanceEnrollments({ db: h.db, now: () => later });
      local.behave({ rejectRcpt: { code: 550, message: '5.1.1 No such user here' } });
      const r2 = await dispatchDue({ db: h.db, transports: t, now: () => later }, { workerId: 'w-5xx' });
      expect(r2).toMatchObject({ claimed: 2, failed: 2 });
      const failed = await asService(h.db, (tx) => rows<{ status: string; last_error: string }>(tx, sql`select status, last_error from public.messages where campaign_id = ${campaignId}::uuid`));
      expect(failed.every((m) => m.status === 'failed' && /5\.1\.1 No such user here/.test(m.last_error))).toBe(true);
      await advanceEnrollments({ db: h.db, now: () => later });
      const stopped = await asMe((tx) => findEnrollments(tx, me.orgId, { campaignId }));
      expect(stopped.enrollments.map((e) => e.stopReason)).toEqual(['send_failed', 'send_failed']);
      t.close();
    } finally {
      await local.close();
    }
  });

  it('a refused login pauses the mailbox, tells its owner, and sends nothing more', async () => {
    const strict = await startSmtpSink({ auth: { user: 'login@sender.test', pass: 'right' } });
    try {
      const mb = await mailbox(strict.port, 'login@sender.test', 'wrong');
      const campaignId = await dueEmails(mb, 3, 'login');
      const t = new MailboxTransports(h.db);
      const r = await dispatchDue({ db: h.db, transports: t }, { workerId: 'w-auth' });
      t.close();
      expect(r.mailboxesPaused).toBe(1);
      expect(r.sent).toBe(0);
      expect(strict.count).toBe(0);
      const m = await asService(h.db, (tx) => one<{ status: string; paused_reason: string; paused_detail: { response: string } }>(tx, sql`select status, paused_reason, paused_detail from public.mailboxes where id = ${mb}::uuid`));
      expect(m).toMatchObject({ status: 'error', paused_reason: 'auth_failed' });
      expect(m!.paused_detail.response).toMatch(/535/);
      const n = await asService(h.db, (tx) => rows<{ title: string; user_id: string }>(tx, sql`select title, user_id from public.notifications where org_id = ${me.orgId}::uuid and title like 'Mailbox login@sender.test disconnected%'`));
      expect(n.map((x) => x.user_id)).toEqual([me.userId]);
      const back = await asService(h.db, (tx) => rows<{ status: string; attempts: number }>(tx, sql`select status, attempts from public.messages where campaign_id = ${campaignId}::uuid`));
      expect(back.every((x) => x.status === 'scheduled' && x.attempts === 0)).toBe(true);
      const list = await asMe((tx) => findEnrollments(tx, me.orgId, { campaignId }));
      expect(list.enrollments[0]!.waiting).toMatchObject({ reason: 'mailbox_paused', message: expect.stringContaining('refused the login') });
    } finally {
      await strict.close();
    }
  });

  it('a connection that breaks after the message was handed over leaves it uncertain, never resent', async () => {
    const flaky = await startSmtpSink();
    try {
      const mb = await mailbox(flaky.port, 'flaky@sender.test');
      const campaignId = await dueEmails(mb, 1, 'flaky');
      flaky.behave({ dropAfterData: true });
      const t = new MailboxTransports(h.db);
      const r = await dispatchDue({ db: h.db, transports: t }, { workerId: 'w-drop' });
      expect(r).toMatchObject({ claimed: 1, uncertain: 1, sent: 0 });
      flaky.behave({});
      const again = await dispatchDue({ db: h.db, transports: t }, { workerId: 'w-drop-2' });
      expect(again.claimed).toBe(0);
      t.close();
      const [m] = await asService(h.db, (tx) => rows<{ status: string }>(tx, sql`select status from public.messages where campaign_id = ${campaignId}::uuid`));
      expect(m!.status).toBe('uncertain');
    } finally {
      await flaky.close();
    }
  });

  it('never sends to an address suppressed after the email was slotted', async () => {
    const mb = await mailbox(sink.port, 'late@sender.test');
    const campaignId = await dueEmails(mb, 2, 'late');
    const [victim] = await asService(h.db, (tx) => rows<{ to_email: string }>(tx, sql`select to_email from public.messages where campaign_id = ${campaignId}::uuid limit 1`));
    await asService(h.db, (tx) => tx.execute(sql`insert into public.suppressions (org_id, kind, value, reason) values (${me.orgId}, 'email', ${victim!.to_email}, 'manual')`));
    sink.clear();
    const t = new MailboxTransports(h.db);
    const r = await dispatchDue({ db: h.db, transports: t }, { workerId: `w-supp-${randomUUID()}` });
    t.close();
    expect(r).toMatchObject({ sent: 1, cancelled: 1 });
    expect(sink.messages.map((m) => m.to[0])).not.toContain(victim!.to_email);
  });
});

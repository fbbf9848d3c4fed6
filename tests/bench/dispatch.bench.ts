/**
 * The send engine's dispatcher (S7, S15) on the local Postgres server with an SMTP sink in a process of
 * its own:
 *   1. 10,000 due emails (enrolled and composed by the real services) claimed, rendered (tracked links,
 *      pixel, footer, List-Unsubscribe) and handed to the sink — messages/s, beside raw nodemailer
 *      (pooled, same connections and concurrency) sending the same rendered messages to the same sink
 *      in the same run;
 *   2. a backlog of 100,000 due emails drained by four dispatchers at once — how many the sink got, how
 *      many distinct ones (duplicates = the difference), and how many the database records as sent.
 */
import { rows, sql, withUser } from '../../src/db';
import { createMailbox, loadSendingMailboxes, MailboxTransports } from '../../src/features/mailboxes';
import { advanceEnrollments, createCampaign, dispatchDue, enrollLeads, renderOutbound, transitionCampaign, type TCampaignSettings } from '../../src/features/sequences';
import { createSmtpPool, sendMail } from '../../src/integrations/smtp';
import { createPerson } from '../support/world';
import { forkSmtpSink } from '../support/peers/smtp-sink-process';
import type { TBenchReport } from './lib';
import { scratchDb } from './scratch-db';

const N = Number(process.env.BENCH_DISPATCH_MESSAGES ?? 10_000);
const BACKLOG = Number(process.env.BENCH_DISPATCH_BACKLOG ?? 100_000);
const DISPATCHERS = 4;
const CONNECTIONS = 6; // per dispatcher (each has its own pool)
const CONCURRENCY = 48; // sends in flight per dispatcher


const ALL_DAY: Partial<TCampaignSettings> = { windowStart: '00:00', windowEnd: '24:00', days: [1, 2, 3, 4, 5, 6, 7], skipWeekends: false };
const STEP = {
  id: 's1', type: 'email',
  variants: [{ key: 'A', subject: '{Hi|Hello} {{first_name}}, a question about {{company}}', html: '<p>Hi {{first_name}},</p><p>We help teams like {{company}} ship faster. <a href="https://example.com/case-study?ref=bench">Read the case study</a> or <a href="https://example.com/book">book a call</a>.</p><p>{{sender_name}}</p>' }],
};

export default async function bench(): Promise<TBenchReport> {
  const { h, drop } = await scratchDb('dispatch', 24);
  const sink = await forkSmtpSink();
  const db = h.db;
  try {
    const p = await createPerson(db, { orgName: 'Bench Co', fullName: 'Sam Seller' });
    const actor = { orgId: p.orgId, userId: p.userId };
    const as = <T>(fn: Parameters<typeof withUser<T>>[2]) => withUser(db, p.claims, fn);
    await db.execute(sql`update public.organizations set postal_address = '1 Bench Street' where id = ${p.orgId}::uuid`);
    const mb = await as((tx) =>
      createMailbox(tx, actor, { email: 'sam@bench.test', displayName: 'Sam Seller', smtp: { host: '127.0.0.1', port: sink.port, security: 'none', username: 'sam', password: 'x' }, dailyLimit: 100_000, minGapSeconds: 0, gapJitterSeconds: 0 }),
    );
    const campaign = await as((tx) => createCampaign(tx, actor, { name: 'Bench', mailboxIds: [mb.id], settings: ALL_DAY, steps: [STEP] }));
    await as((tx) => transitionCampaign(tx, actor, campaign.id, 'active'));

    // 1. 10,000 due emails through the real services: enroll, compose, slot.
    const leads = await as((tx) =>
      rows<{ id: string }>(tx, sql`insert into public.leads (org_id, email, first_name, company_name)
        select ${p.orgId}::uuid, 'lead-' || i || '@client' || (i % 500) || '.test', 'Ada' || i, 'Company ' || (i % 500) from generate_series(1, ${N}) i returning id`),
    );
    for (let i = 0; i < leads.length; i += 10_000) await as((tx) => enrollLeads(tx, actor, campaign.id, { leadIds: leads.slice(i, i + 10_000).map((l) => l.id) }));
    const tCompose = performance.now();
    await advanceEnrollments({ db }, { batchSize: 2000, maxBatches: 1000 });
    const composeMs = performance.now() - tCompose;
    await db.execute(sql`update public.messages set scheduled_for = now() - random() * interval '60 seconds' where campaign_id = ${campaign.id}::uuid and status = 'scheduled'`);
    await sink.reset();

    const pools = Array.from({ length: DISPATCHERS }, () => new MailboxTransports(db, { maxConnections: CONNECTIONS }));
    const t0 = performance.now();
    const results = await Promise.all(pools.map((t, i) => dispatchDue({ db, transports: t }, { workerId: `bench-${i}`, batchSize: 250, concurrency: CONCURRENCY })));
    const dispatchMs = performance.now() - t0;
    pools.forEach((t) => t.close());
    const sent = results.reduce((n, r) => n + r.sent, 0);
    const s1 = await sink.stats();

    // Baseline: raw nodemailer, pooled, the same rendered messages, the same connections and concurrency.
    const claimed = await rows<Parameters<typeof renderOutbound>[0]>(
      db,
      sql`select id, org_id, campaign_id, enrollment_id, lead_id, mailbox_id, step_id, step_index, to_email, from_email, from_name, subject, html, text,
                 message_id_header, in_reply_to, references_header, attempts from public.messages where campaign_id = ${campaign.id}::uuid`,
    );
    const box = (await loadSendingMailboxes(db, [mb.id])).get(mb.id)!;
    const settings = { ...campaign.settings };
    const org = { id: p.orgId, name: 'Bench Co', companyName: null, postalAddress: '1 Bench Street', senderName: null, senderTitle: null, timezone: 'UTC' };
    const prerendered = claimed.map((m) => renderOutbound(m, box, settings, org, new Date()));
    await sink.reset();
    const raw = createSmtpPool({ host: '127.0.0.1', port: sink.port, security: 'none', auth: { user: 'sam', pass: 'x' } }, { maxConnections: CONNECTIONS * DISPATCHERS });
    const t2 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY * DISPATCHERS }, async () => {
      for (let i = next++; i < prerendered.length; i = next++) await sendMail(raw, prerendered[i]!);
    }));
    const rawMs = performance.now() - t2;
    raw.close();
    const s2 = await sink.stats();

    // 2. A backlog of 100,000 due emails (made set-based: the compose path is measured above), drained by four dispatchers.
    await sink.reset();
    const version = await rows<{ id: string }>(db, sql`select id from public.sequence_versions where sequence_id = ${campaign.sequenceId}::uuid`);
    await db.execute(sql`
      with l as (
        insert into public.leads (org_id, email, first_name, company_name)
        select ${p.orgId}::uuid, 'backlog-' || i || '@client' || (i % 1000) || '.test', 'Bo' || i, 'Company ' || (i % 1000) from generate_series(1, ${BACKLOG}) i
        returning id, email, first_name, company_name),
      e as (
        insert into public.enrollments (org_id, campaign_id, lead_id, sequence_version_id, current_step_id, mailbox_id, started_at, waiting_reason)
        select ${p.orgId}::uuid, ${campaign.id}::uuid, l.id, ${version[0]!.id}::uuid, 's1', ${mb.id}::uuid, now(), 'scheduled' from l
        returning id, lead_id)
      insert into public.messages (id, org_id, campaign_id, enrollment_id, lead_id, mailbox_id, step_id, status, scheduled_for, to_email, from_email, from_name,
                                   subject, html, text, message_id_header)
      select g.id, ${p.orgId}::uuid, ${campaign.id}::uuid, g.eid, g.lid, ${mb.id}::uuid, 's1', 'scheduled', now() - random() * interval '60 seconds', g.email,
             'sam@bench.test', 'Sam Seller', 'Hi ' || g.first_name || ', a question about ' || g.company_name,
             '<p>Hi ' || g.first_name || ',</p><p>We help teams like ' || g.company_name || ' ship faster. <a href="https://example.com/case-study?ref=bench">Read the case study</a>.</p>',
             'Hi ' || g.first_name, '<' || g.id || '@bench.test>'
      from (select gen_random_uuid() as id, e.id as eid, l.id as lid, l.email, l.first_name, l.company_name from e join l on l.id = e.lead_id) g`);
    const backlogPools = Array.from({ length: DISPATCHERS }, () => new MailboxTransports(db, { maxConnections: CONNECTIONS }));
    const t4 = performance.now();
    const drained = await Promise.all(backlogPools.map((t, i) => dispatchDue({ db, transports: t }, { workerId: `backlog-${i}`, batchSize: 500, concurrency: CONCURRENCY })));
    const backlogMs = performance.now() - t4;
    backlogPools.forEach((t) => t.close());
    const s3 = await sink.stats();
    const [inDb] = await rows<{ sent: number; other: number }>(
      db,
      sql`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status <> 'sent')::int as other
          from public.messages where campaign_id = ${campaign.id}::uuid and to_email like 'backlog-%'`,
    );

    const rate = (n: number, ms: number) => n / (ms / 1000);
    return {
      title: `Dispatch: ${N.toLocaleString('en-US')} due emails, ${DISPATCHERS} dispatchers × ${CONNECTIONS} SMTP connections, sink in its own process; backlog of ${BACKLOG.toLocaleString('en-US')}`,
      figures: [
        { name: 'claimed, rendered and sent', value: rate(sent, dispatchMs), unit: 'msg/s', baseline: { name: 'raw nodemailer (pooled, same messages)', value: rate(s2.count, rawMs) }, target: { value: 500, better: 'higher' } },
        { name: 'sink received (first run)', value: s1.count, unit: 'messages' },
        { name: 'duplicates (first run)', value: s1.count - s1.unique, unit: 'messages', target: { value: 0, better: 'lower' } },
        { name: 'backlog drained', value: rate(s3.count, backlogMs), unit: 'msg/s' },
        { name: 'backlog received by the sink', value: s3.count, unit: 'messages', target: { value: BACKLOG, better: 'higher' } },
        { name: 'backlog duplicates', value: s3.count - s3.unique, unit: 'messages', target: { value: 0, better: 'lower' } },
        { name: 'backlog recorded as sent', value: inDb!.sent, unit: 'messages', target: { value: BACKLOG, better: 'higher' } },
        { name: 'composing (advance job) for the first run', value: rate(N, composeMs), unit: 'msg/s' },
      ],
      notes: [
        `first run: ${sent} sent in ${(dispatchMs / 1000).toFixed(1)} s; raw nodemailer: ${s2.count} in ${(rawMs / 1000).toFixed(1)} s`,
        `backlog: ${drained.reduce((n, r) => n + r.claimed, 0)} claimed, ${inDb!.other} not sent, ${(backlogMs / 1000).toFixed(1)} s`,
        'sending = claim (UPDATE … FOR UPDATE SKIP LOCKED) + suppression check + render + SMTP + record (bulk UPDATE, lead events, enrollment wake-up)',
      ],
    };
  } finally {
    await sink.close();
    await drop();
  }
}

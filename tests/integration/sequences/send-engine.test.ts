/**
 * The send engine end to end against real Postgres and a real SMTP server on loopback: enroll, advance,
 * slot, dispatch; headers and MIME checked on what the server received; threading; blocked variables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, rows, sql, withUser, type Db } from '../../../src/db';
import { createMailbox, MailboxTransports } from '../../../src/features/mailboxes';
import {
  advanceEnrollments, advanceTask, createCampaign, dispatchDue, enrollLeads, findEnrollments, transitionCampaign,
} from '../../../src/features/sequences';
import { logger } from '../../../src/lib/log';
import { testDb, type TTestDb } from '../../support/db';
import { createPerson, type TPerson } from '../../support/world';
import { startSmtpSink, type TSmtpSink } from '../../support/peers/smtp';

let h: TTestDb;
let me: TPerson;
let sink: TSmtpSink;
let transports: MailboxTransports;
let mailboxId: string;

const actor = () => ({ orgId: me.orgId, userId: me.userId });
const asMe = <T>(fn: (tx: Db) => Promise<T>) => withUser(h.db, me.claims, fn);

async function addLead(values: { email: string | null; first?: string | null; company?: string; tz?: string | null; custom?: Record<string, unknown> }): Promise<string> {
  const [r] = await asMe((tx) =>
    rows<{ id: string }>(
      tx,
      sql`insert into public.leads (org_id, email, first_name, company_name, timezone, custom_fields)
          values (${me.orgId}, ${values.email}, ${values.first ?? null}, ${values.company ?? 'Acme'}, ${values.tz ?? null}, ${JSON.stringify(values.custom ?? {})}::jsonb)
          returning id`,
    ),
  );
  return r!.id;
}

beforeAll(async () => {
  h = await testDb();
  me = await createPerson(h.db, { orgName: 'Sender Co', fullName: 'Sam Seller' });
  await asService(h.db, (tx) => tx.execute(sql`update public.organizations set postal_address = '1 Main Street, Springfield' where id = ${me.orgId}::uuid`));
  sink = await startSmtpSink({ auth: { user: 'sam@sender.test', pass: 'secret' } });
  transports = new MailboxTransports(h.db);
  const mb = await asMe((tx) =>
    createMailbox(tx, actor(), {
      email: 'sam@sender.test', displayName: 'Sam Seller', smtp: { host: '127.0.0.1', port: sink.port, security: 'none', username: 'sam@sender.test', password: 'secret' },
      dailyLimit: 1000, minGapSeconds: 0, gapJitterSeconds: 0,
    }),
  );
  mailboxId = mb.id;
});

afterAll(async () => {
  transports?.close();
  await sink?.close();
  await h?.close();
});

const ALL_DAY = { windowStart: '00:00', windowEnd: '24:00', days: [1, 2, 3, 4, 5, 6, 7], skipWeekends: false };

describe('the send engine', () => {
  it('sends the first email with the right headers, then a threaded follow-up', async () => {
    const leadId = await addLead({ email: 'ada@client.test', first: 'Ada', company: 'Client Inc', tz: 'Asia/Kathmandu' });
    const campaign = await asMe((tx) =>
      createCampaign(tx, actor(), {
        name: 'Launch',
        mailboxIds: [mailboxId],
        settings: ALL_DAY,
        steps: [
          { id: 's1', type: 'email', variants: [{ key: 'A', subject: '{Hi|Hello} {{first_name}}', html: '<p>Hi {{first_name}} at {{company}}, see <a href="https://example.com/pricing?a=1&amp;b=2">pricing</a>.</p><p>{{sender_name}}</p>' }] },
          { id: 'w1', type: 'wait', hours: 1 },
          { id: 's2', type: 'email', thread: true, variants: [{ key: 'A', subject: '', html: '<p>Following up, {{first_name}}.</p>' }] },
        ],
      }),
    );
    await asMe((tx) => transitionCampaign(tx, actor(), campaign.id, 'active'));
    const enrolled = await asMe((tx) => enrollLeads(tx, actor(), campaign.id, { leadIds: [leadId] }));
    expect(enrolled.enrolled).toBe(1);

    const adv = await advanceEnrollments({ db: h.db });
    expect(adv).toMatchObject({ processed: 1, emailsCreated: 1, slotted: 1 });
    const sent = await dispatchDue({ db: h.db, transports }, { workerId: 'test-1' });
    expect(sent).toMatchObject({ claimed: 1, sent: 1 });
    await sink.waitFor(1);
    const [first] = await sink.parsed();
    expect(first!.subject).toMatch(/^(Hi|Hello) Ada$/);
    expect(first!.from?.value[0]).toMatchObject({ address: 'sam@sender.test', name: 'Sam Seller' });
    expect(first!.to && 'value' in first!.to ? first!.to.value[0]!.address : '').toBe('ada@client.test');
    expect(first!.messageId).toMatch(/^<[0-9a-f-]{36}@sender\.test>$/);
    const rawHead = sink.messages[0]!.raw.toString('utf8').split('\r\n\r\n')[0]!.replace(/\r\n\s+/g, ' ');
    const lu = /^List-Unsubscribe: (.*)$/m.exec(rawHead)?.[1];
    expect(lu).toMatch(/^<http:\/\/localhost:3000\/u\/[^>]+>, <mailto:sam@sender\.test\?subject=unsubscribe%20[0-9a-f-]{36}>$/);
    expect(rawHead).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(first!.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(first!.text).toContain('Hi Ada at Client Inc');
    expect(first!.text).toContain('1 Main Street, Springfield');
    expect(first!.text).toMatch(/Unsubscribe: http:\/\/localhost:3000\/u\//);
    const html = String(first!.html);
    expect(html).toMatch(/href="http:\/\/localhost:3000\/t\/c\/[^"]+"/);
    expect(html).not.toContain('https://example.com/pricing');
    expect(html).toMatch(/<img src="http:\/\/localhost:3000\/t\/o\/[^"]+" width="1" height="1"/);
    expect(html).toContain('Sender Co · 1 Main Street, Springfield');
    expect(sink.messages[0]!.user).toBe('sam@sender.test');

    // Nothing more until the wait is over.
    const early = await advanceEnrollments({ db: h.db });
    expect(early.emailsCreated).toBe(0);
    const later = new Date(Date.now() + 61 * 60_000);
    const adv2 = await advanceEnrollments({ db: h.db, now: () => later });
    expect(adv2.emailsCreated).toBe(1);
    const sent2 = await dispatchDue({ db: h.db, transports, now: () => later }, { workerId: 'test-2' });
    expect(sent2.sent).toBe(1);
    await sink.waitFor(2);
    const [, second] = await sink.parsed();
    expect(second!.subject).toBe(`Re: ${first!.subject}`);
    expect(second!.inReplyTo).toBe(first!.messageId);
    expect(second!.references).toBe(first!.messageId);
    const list = await asMe((tx) => findEnrollments(tx, me.orgId, { campaignId: campaign.id }));
    expect(list.enrollments[0]).toMatchObject({ status: 'active', leadTimezone: 'Asia/Kathmandu' });
  });

  it('holds back an email with a variable it cannot fill, saying which and why', async () => {
    const leadId = await addLead({ email: 'nofirst@client.test', first: null });
    const campaign = await asMe((tx) =>
      createCampaign(tx, actor(), { name: 'Blocked', mailboxIds: [mailboxId], settings: ALL_DAY, steps: [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi {{first_name}}', html: '<p>{{pain_point}}</p>' }] }] }),
    );
    await asMe((tx) => transitionCampaign(tx, actor(), campaign.id, 'active'));
    await asMe((tx) => enrollLeads(tx, actor(), campaign.id, { leadIds: [leadId] }));
    const adv = await advanceEnrollments({ db: h.db });
    expect(adv.blocked).toBe(1);
    const before = sink.count;
    await dispatchDue({ db: h.db, transports }, { workerId: 'test-3' });
    expect(sink.count).toBe(before);
    const list = await asMe((tx) => findEnrollments(tx, me.orgId, { campaignId: campaign.id }));
    expect(list.enrollments[0]!.waiting.reason).toBe('missing_variable');
    expect(list.enrollments[0]!.waiting.message).toContain('{{first_name}}: this lead has no first name');
    expect(list.enrollments[0]!.waiting.message).toContain('custom field "pain_point"');
    // Filling the lead in lets it go out on the next run.
    await asMe((tx) => tx.execute(sql`update public.leads set first_name = 'Nia', custom_fields = '{"pain_point": "slow reports"}' where id = ${leadId}::uuid`));
    const adv2 = await advanceEnrollments({ db: h.db });
    expect(adv2).toMatchObject({ released: 1, emailsCreated: 1, blocked: 0 });
    const s = await dispatchDue({ db: h.db, transports }, { workerId: 'test-4' });
    expect(s.sent).toBe(1);
  });

  it('in local mode the built-in Dev mailbox stores the full MIME message with its headers', async () => {
    const leadId = await addLead({ email: 'dev-target@client.test', first: 'Dev' });
    const campaign = await asMe((tx) => createCampaign(tx, actor(), { name: 'Dev', settings: ALL_DAY, steps: [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hello {{first_name}}', html: '<p>Hi</p>' }] }] }));
    expect(campaign.mailboxes.map((m) => m.provider)).toEqual(['dev']);
    await asMe((tx) => transitionCampaign(tx, actor(), campaign.id, 'active'));
    await asMe((tx) => enrollLeads(tx, actor(), campaign.id, { leadIds: [leadId] }));
    await advanceEnrollments({ db: h.db });
    const r = await dispatchDue({ db: h.db, transports }, { workerId: 'test-dev' });
    expect(r.sent).toBe(1);
    const [row] = await asService(h.db, (tx) =>
      rows<{ feature: string; to_addresses: string[]; subject: string; raw: string; headers: Record<string, string>; message_id: string }>(
        tx, sql`select feature, to_addresses, subject, raw, headers, message_id from app_private.dev_mailbox where org_id = ${me.orgId}::uuid and feature = 'sequences'`,
      ),
    );
    expect(row).toMatchObject({ to_addresses: ['dev-target@client.test'], subject: 'Hello Dev' });
    expect(row!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(row!.raw).toMatch(/^Content-Type: multipart\/alternative/m);
    expect(row!.raw.replace(/\r\n\s+/g, " ")).toContain(`Message-ID: ${row!.message_id}`);
    expect(row!.headers['List-Unsubscribe']).toMatch(/^<http:\/\/localhost:3000\/u\//);
  });

  it('an enrollment kicks the advance job, which sends what is due at once', async () => {
    const leadId = await addLead({ email: 'kick@client.test', first: 'Kim' });
    const campaign = await asMe((tx) => createCampaign(tx, actor(), { name: 'Kick', mailboxIds: [mailboxId], settings: ALL_DAY, steps: [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Now, {{first_name}}', html: '<p>x</p>' }] }] }));
    await asMe((tx) => transitionCampaign(tx, actor(), campaign.id, 'active'));
    await asMe((tx) => enrollLeads(tx, actor(), campaign.id, { leadIds: [leadId] }));
    const kicks = await asService(h.db, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from public.job_runs where task_id = 'sequences.advance' and idempotency_key like 'kick:%'`));
    expect(kicks[0]!.n).toBeGreaterThan(0);
    const before = sink.count;
    const out = (await advanceTask.run({}, { db: h.db, log: logger({ test: 'kick' }), runId: 'kick-run', attempt: 1 })) as { dueNow: number; sent?: number };
    expect(out).toMatchObject({ dueNow: 1, sent: 1 });
    await sink.waitFor(before + 1);
    expect((await sink.parsed()).some((m) => m.subject === 'Now, Kim')).toBe(true);
  });
});

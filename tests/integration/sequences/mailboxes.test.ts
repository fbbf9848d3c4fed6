/**
 * Mailboxes (M1–M3) against real protocol peers: "Test connection" logs in to a real SMTP server and a
 * real Dovecot IMAP server and reports their answers; credentials are stored encrypted and never read
 * back; bounces past the threshold pause the mailbox with its numbers and tell the owner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, rows, sql, withUser, type Db } from '../../../src/db';
import {
  createMailbox, findMailboxes, getMailbox, MailboxTransports, resumeMailbox, testMailboxConnection, testMailboxSettings, updateMailbox, ZCreateMailbox,
} from '../../../src/features/mailboxes';
import { advanceEnrollments, dispatchDue, enrollLeads, findEnrollments, recordBounce } from '../../../src/features/sequences';
import { testDb, type TTestDb } from '../../support/db';
import { createPerson, type TPerson } from '../../support/world';
import { startSmtpSink, type TSmtpSink } from '../../support/peers/smtp';
import { dovecotAvailable, startDovecot, type TDovecot } from '../../support/peers/dovecot';
import { actorOf, addLeads, campaign, person } from '../data/sequences/fixtures';

let h: TTestDb;
let owner: TPerson;
let member: TPerson;
let smtp: TSmtpSink;
let imap: TDovecot | undefined;

const as = (p: TPerson) => <T>(fn: (tx: Db) => Promise<T>) => withUser(h.db, p.claims, fn);

beforeAll(async () => {
  h = await testDb();
  owner = await person(h.db, 'Mail Co');
  member = await createPerson(h.db, { join: { orgId: owner.orgId, role: 'member' } });
  smtp = await startSmtpSink({ auth: { user: 'sam@mail.test', pass: 'smtp-secret' } });
  if (dovecotAvailable()) imap = await startDovecot({ users: [{ user: 'sam@mail.test', pass: 'imap-secret' }] });
}, 60_000);
afterAll(async () => {
  await imap?.stop();
  await smtp?.close();
  await h?.close();
});

const settings = (over: { smtpPass?: string; imapPass?: string } = {}) => ({
  email: 'sam@mail.test',
  smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' as const, username: 'sam@mail.test', password: over.smtpPass ?? 'smtp-secret' },
  ...(imap ? { imap: { host: '127.0.0.1', port: imap.port, security: 'none' as const, username: 'sam@mail.test', password: over.imapPass ?? 'imap-secret' } } : {}),
});

describe('test connection', () => {
  it.skipIf(!dovecotAvailable())('logs in to SMTP and IMAP and reports the servers’ answers', async () => {
    const r = await testMailboxSettings(settings());
    expect(r.ok).toBe(true);
    expect(r.smtp.transcript[0]).toMatch(/^220 .*LeadPilot test SMTP sink/);
    expect(r.smtp.transcript.some((l) => /^235 /.test(l))).toBe(true);
    expect(r.imap).toMatchObject({ ok: true, greeting: 'Dovecot (Debian) ready.' });
    expect(r.imap!.capabilities).toContain('IMAP4rev1');
    expect(r.summary).toMatch(/^SMTP: logged in .*IMAP: logged in, 1 folder\.$/);
  });

  it.skipIf(!dovecotAvailable())('says which login was refused and what the server answered', async () => {
    const r = await testMailboxSettings(settings({ smtpPass: 'nope', imapPass: 'nope' }));
    expect(r.ok).toBe(false);
    expect(r.smtp).toMatchObject({ ok: false, stage: 'auth', error: { responseCode: 535 } });
    expect(r.smtp.error!.message).toMatch(/535 5\.7\.8 Authentication credentials invalid/);
    expect(r.imap).toMatchObject({ ok: false, stage: 'auth', error: { code: 'AUTHENTICATIONFAILED', response: 'Authentication failed.' } });
    expect(r.summary).toMatch(/SMTP: the login was refused .* IMAP: the login was refused/);
  });

  it('reports a server that does not answer', async () => {
    const r = await testMailboxSettings({ smtp: { host: '127.0.0.1', port: 1, security: 'none', username: 'x', password: 'y' } });
    expect(r).toMatchObject({ ok: false, smtp: { stage: 'connect' } });
    expect(r.summary).toMatch(/SMTP: could not connect/);
  });

  it('refuses invalid settings with a reason per field', () => {
    const r = ZCreateMailbox.safeParse({ email: 'not-an-email', smtp: { host: 'https://smtp.example.com/x', port: 70000, security: 'ssl', username: '', password: '' } });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['email', 'smtp.host', 'smtp.port', 'smtp.security', 'smtp.username', 'smtp.password']));
    expect(r.error!.issues.find((i) => i.path.join('.') === 'smtp.host')!.message).toMatch(/without https:\/\//);
  });

  it('tests a saved mailbox with its stored credentials, which are encrypted and never returned', async () => {
    const mb = await as(owner)((tx) => createMailbox(tx, actorOf(owner), { ...settings(), dailyLimit: 100, minGapSeconds: 0, gapJitterSeconds: 0 }));
    expect(JSON.stringify(mb)).not.toMatch(/smtp-secret|imap-secret/);
    expect(mb.smtp).toMatchObject({ host: '127.0.0.1', hasPassword: true });
    const stored = await asService(h.db, (tx) => one<{ smtp_password: string }>(tx, sql`select smtp_password from public.mailbox_secrets where mailbox_id = ${mb.id}::uuid`));
    expect(stored!.smtp_password).toMatch(/^enc:v1:/);
    const r = await testMailboxConnection(h.db, as(owner), actorOf(owner), mb.id);
    expect(r.ok).toBe(true);
    const after = await as(owner)((tx) => getMailbox(tx, owner.orgId, mb.id));
    expect(after.lastTest).toMatchObject({ ok: true, result: { summary: r.summary } });
    // another member sees the mailbox, not its secrets, and cannot test or change it
    const seen = await as(member)((tx) => findMailboxes(tx, actorOf(member)));
    expect(seen.map((m) => m.email)).toContain('sam@mail.test');
    const secrets = await as(member)((tx) => rows(tx, sql`select * from public.mailbox_secrets`));
    expect(secrets).toEqual([]);
    await expect(testMailboxConnection(h.db, as(member), actorOf(member), mb.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(member)((tx) => updateMailbox(tx, actorOf(member), mb.id, { dailyLimit: 5 }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('health and auto-pause', () => {
  it('pauses at ≥ 5 % bounces over ≥ 50 sends, keeps the numbers, tells the owner, and stops sending', async () => {
    const mb = await as(owner)((tx) =>
      createMailbox(tx, actorOf(owner), { email: 'health@mail.test', smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', username: 'sam@mail.test', password: 'smtp-secret' }, dailyLimit: 1000, minGapSeconds: 0, gapJitterSeconds: 0 }),
    );
    const c = await campaign(h.db, owner, { mailboxIds: [mb.id], steps: [{ id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi', html: '<p>x</p>' }] }, { id: 'w', type: 'wait', hours: 1 }, { id: 's2', type: 'email', variants: [{ key: 'A', subject: 'Again', html: '<p>y</p>' }] }] });
    const leads = await addLeads(h.db, owner, 60, { prefix: 'health', domain: 'health.test' });
    await as(owner)((tx) => enrollLeads(tx, actorOf(owner), c.id, { leadIds: leads }));
    await advanceEnrollments({ db: h.db });
    const t = new MailboxTransports(h.db);
    const sent = await dispatchDue({ db: h.db, transports: t }, { workerId: 'health' });
    t.close();
    expect(sent.sent).toBe(60);
    const ids = await asService(h.db, (tx) => rows<{ id: string }>(tx, sql`select id from public.messages where mailbox_id = ${mb.id}::uuid order by id`));
    // two bounces: 3.3 % — still active
    for (const m of ids.slice(0, 2)) await asService(h.db, (tx) => recordBounce(tx, { messageId: m.id, hard: true, reason: '550 5.1.1 unknown user' }));
    expect((await as(owner)((tx) => getMailbox(tx, owner.orgId, mb.id))).status).toBe('active');
    // the third: 3 / 60 = 5 % — paused, with the numbers
    const third = await asService(h.db, (tx) => recordBounce(tx, { messageId: ids[2]!.id, hard: true }));
    expect(third.mailboxPaused).toBe(true);
    const paused = await as(owner)((tx) => getMailbox(tx, owner.orgId, mb.id));
    expect(paused).toMatchObject({ status: 'paused', pausedReason: 'bounce_rate', pausedDetail: { sent: 60, bounced: 3, rate: 0.05, threshold: 0.05, windowDays: 7, minSample: 50 } });
    expect(paused.health).toMatchObject({ sent: 60, bounced: 3, bounceRate: 0.05 });
    const note = await asService(h.db, (tx) => rows<{ title: string; body: string }>(tx, sql`select title, body from public.notifications where org_id = ${owner.orgId}::uuid and title like 'Mailbox health@mail.test paused%'`));
    expect(note[0]!.body).toMatch(/3 of 60 emails bounced in the last 7 days \(5\.0 %, the limit is 5\.0 %\)/);
    // The next step of the other leads waits for the mailbox, and says why.
    const later = new Date(Date.now() + 2 * 3600_000);
    await advanceEnrollments({ db: h.db, now: () => later });
    const list = await as(owner)((tx) => findEnrollments(tx, owner.orgId, { campaignId: c.id, status: 'active', limit: 1 }));
    expect(list.enrollments[0]!.waiting).toMatchObject({ reason: 'mailbox_paused' });
    expect(list.enrollments[0]!.waiting.message).toMatch(/bounce rate 5\.0 % over the last 7 days \(3 of 60 sends; limit 5\.0 %\)/);
    const resumed = await as(owner)((tx) => resumeMailbox(tx, actorOf(owner), mb.id));
    expect(resumed.status).toBe('active');
  });
});

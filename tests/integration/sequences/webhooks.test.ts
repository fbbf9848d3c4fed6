/**
 * Webhook steps through the SSRF-safe fetcher against a real local HTTP server (reachable only through
 * the explicit test override), and the signed Cal.com / Calendly "meeting booked" webhooks.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, rows, sql, withUser } from '../../../src/db';
import {
  advanceEnrollments, enrollLeads, findEnrollments, handleMeetingWebhook, meetingWebhookUrls, revealWebhookSecret, runWebhookExecution, signWebhookPayload,
} from '../../../src/features/sequences';
import { resetEnvForTests } from '../../../src/lib/env';
import { safeFetch } from '../../../src/lib/safe-fetch';
import { testDb, type TTestDb } from '../../support/db';
import type { TPerson } from '../../support/world';
import { actorOf, addLeads, campaign, person } from '../data/sequences/fixtures';

let h: TTestDb;
let me: TPerson;
let server: Server;
let base: string;
const received: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];
const allow = { addresses: ['127.0.0.1'] };

beforeAll(async () => {
  h = await testDb();
  me = await person(h.db, 'Hook Co');
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      if (req.url === '/redirect-private') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (req.url === '/redirect-ok') return res.writeHead(307, { location: '/ok' }).end();
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      if (req.url === '/big') return res.writeHead(200).end('x'.repeat(200_000));
      if (req.url === '/slow') return setTimeout(() => res.writeHead(200).end('late'), 3_000);
      if (req.url === '/fail') return res.writeHead(500).end('nope');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await h?.close();
});

describe('the SSRF-safe fetcher against a real server', () => {
  it('refuses loopback without the explicit test override, and reaches it with it', async () => {
    await expect(safeFetch(`${base}/ok`)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/loopback|private/) });
    const r = await safeFetch(`${base}/ok`, { allowForTests: allow });
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('{"ok":true}');
  });

  it('checks every redirect hop, caps redirects, size and time', async () => {
    await expect(safeFetch(`${base}/redirect-private`, { allowForTests: allow })).rejects.toMatchObject({ message: expect.stringMatching(/A redirect was refused/) });
    expect((await safeFetch(`${base}/redirect-ok`, { allowForTests: allow, method: 'POST', body: 'x' })).url).toBe(`${base}/ok`);
    await expect(safeFetch(`${base}/loop`, { allowForTests: allow })).rejects.toMatchObject({ code: 'UPSTREAM', message: expect.stringMatching(/Too many redirects/) });
    await expect(safeFetch(`${base}/big`, { allowForTests: allow, maxBytes: 1000 })).rejects.toMatchObject({ code: 'UPSTREAM', message: expect.stringMatching(/larger than 1000 bytes/) });
    await expect(safeFetch(`${base}/slow`, { allowForTests: allow, timeoutMs: 300 })).rejects.toMatchObject({ code: 'UPSTREAM', message: expect.stringMatching(/timed out/) });
  });
});

describe('webhook steps', () => {
  it('POSTs a signed payload once, and records the outcome', async () => {
    const c = await campaign(h.db, me, { steps: [{ id: 'h1', type: 'webhook', url: 'https://hooks.example.com/lead' }, { id: 's1', type: 'email', variants: [{ key: 'A', subject: 'Hi', html: '<p>x</p>' }] }] });
    const [lead] = await addLeads(h.db, me, 1, { prefix: 'hook' });
    await withUser(h.db, me.claims, (tx) => enrollLeads(tx, actorOf(me), c.id, { leadIds: [lead!] }));
    const adv = await advanceEnrollments({ db: h.db });
    expect(adv).toMatchObject({ webhooksQueued: 1, emailsCreated: 1 });
    // point the stored execution at the local server (a user could never save this URL)
    const [x] = await asService(h.db, (tx) => rows<{ id: string }>(tx, sql`update public.webhook_executions set url = ${`${base}/receive`} returning id`));
    const queued = await asService(h.db, (tx) => rows<{ task_id: string; payload: { executionId: string } }>(tx, sql`select task_id, payload from public.job_runs where task_id = 'sequences.run-webhook'`));
    expect(queued).toEqual([{ task_id: 'sequences.run-webhook', payload: { executionId: x!.id } }]);
    received.length = 0;
    const r = await runWebhookExecution({ db: h.db, allowForTests: allow }, { executionId: x!.id });
    expect(r).toEqual({ status: 'succeeded', responseStatus: 200 });
    const hit = received[0]!;
    const payload = JSON.parse(hit.body) as { type: string; lead: { email: string }; stepId: string };
    expect(payload).toMatchObject({ type: 'sequence.step.webhook', stepId: 'h1', lead: { email: 'hook-1@client.test' } });
    const secret = await withUser(h.db, me.claims, (tx) => revealWebhookSecret(tx, me.orgId, c.sequenceId));
    const sig = String(hit.headers['x-leadpilot-signature']);
    const t = Number(/t=(\d+)/.exec(sig)![1]);
    expect(sig).toBe(signWebhookPayload(secret, hit.body, t));
    expect(hit.headers['x-leadpilot-event-id']).toBe(x!.id);
    // idempotent: a retried job does not post twice
    expect(await runWebhookExecution({ db: h.db, allowForTests: allow }, { executionId: x!.id })).toEqual({ status: 'skipped' });
    expect(received).toHaveLength(1);
  });

  it('gives up on a private address at once, and retries an HTTP error until the third attempt', async () => {
    const c = await campaign(h.db, me, { steps: [{ id: 'h1', type: 'webhook', url: 'https://hooks.example.com/x' }] });
    const [l1, l2] = await addLeads(h.db, me, 2, { prefix: 'hookfail' });
    await withUser(h.db, me.claims, (tx) => enrollLeads(tx, actorOf(me), c.id, { leadIds: [l1!, l2!] }));
    await advanceEnrollments({ db: h.db });
    const execs = await asService(h.db, (tx) => rows<{ id: string }>(tx, sql`select id from public.webhook_executions where campaign_id = ${c.id}::uuid order by id`));
    await asService(h.db, (tx) => tx.execute(sql`update public.webhook_executions set url = ${'http://10.0.0.1/x'} where id = ${execs[0]!.id}::uuid`));
    await asService(h.db, (tx) => tx.execute(sql`update public.webhook_executions set url = ${`${base}/fail`} where id = ${execs[1]!.id}::uuid`));
    await expect(runWebhookExecution({ db: h.db }, { executionId: execs[0]!.id })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    for (let i = 0; i < 3; i++) await expect(runWebhookExecution({ db: h.db, allowForTests: allow }, { executionId: execs[1]!.id })).rejects.toMatchObject({ code: 'UPSTREAM' });
    const after = await asService(h.db, (tx) => rows<{ status: string; attempts: number; response_status: number | null }>(tx, sql`select status, attempts, response_status from public.webhook_executions where campaign_id = ${c.id}::uuid order by id`));
    expect(after).toEqual([{ status: 'failed', attempts: 1, response_status: null }, { status: 'failed', attempts: 3, response_status: 500 }]);
  });
});

describe('meeting booked webhooks', () => {
  const CAL = 'cal-secret-for-tests';
  const CALENDLY = 'calendly-key-for-tests';
  beforeAll(() => {
    process.env.CALCOM_WEBHOOK_SECRET = CAL;
    process.env.CALENDLY_WEBHOOK_SIGNING_KEY = CALENDLY;
    resetEnvForTests();
  });
  afterAll(() => {
    delete process.env.CALCOM_WEBHOOK_SECRET;
    delete process.env.CALENDLY_WEBHOOK_SIGNING_KEY;
    resetEnvForTests();
  });
  const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');
  const req = (url: string, body: string, headers: Record<string, string>) => new Request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  it('Cal.com: verifies the signature, marks the lead, stops its enrollments, once per event', async () => {
    const c = await campaign(h.db, me);
    const [lead] = await addLeads(h.db, me, 1, { prefix: 'booked' });
    await withUser(h.db, me.claims, (tx) => enrollLeads(tx, actorOf(me), c.id, { leadIds: [lead!] }));
    const url = meetingWebhookUrls(me.orgId).calcom.url;
    const body = JSON.stringify({ triggerEvent: 'BOOKING_CREATED', payload: { uid: 'bk_1', attendees: [{ email: 'Booked-1@client.test', name: 'Ada' }], startTime: '2026-12-01T10:00:00Z' } });
    await expect(handleMeetingWebhook(h.db, 'calcom', req(url, body, { 'x-cal-signature-256': hmac('wrong', body) }))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(handleMeetingWebhook(h.db, 'calcom', req(url, body.replace('bk_1', 'bk_2'), { 'x-cal-signature-256': hmac(CAL, body) }))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(handleMeetingWebhook(h.db, 'calcom', req(url.replace(/org=.*/, 'org=forged'), body, { 'x-cal-signature-256': hmac(CAL, body) }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const ok = await handleMeetingWebhook(h.db, 'calcom', req(url, body, { 'x-cal-signature-256': hmac(CAL, body) }));
    expect(ok).toEqual({ duplicate: false, outcome: 'meeting_booked', leads: 1 });
    const again = await handleMeetingWebhook(h.db, 'calcom', req(url, body, { 'x-cal-signature-256': hmac(CAL, body) }));
    expect(again).toEqual({ duplicate: true, outcome: 'ignored', leads: 0 });
    const [e] = (await withUser(h.db, me.claims, (tx) => findEnrollments(tx, me.orgId, { campaignId: c.id }))).enrollments;
    expect(e).toMatchObject({ status: 'stopped', stopReason: 'meeting_booked' });
    const [l] = await asService(h.db, (tx) => rows<{ meeting_booked_at: string | null }>(tx, sql`select meeting_booked_at from public.leads where id = ${lead!}::uuid`));
    expect(l!.meeting_booked_at).not.toBeNull();
  });

  it('Calendly: "t=…,v1=…" signature over "t.body", refused outside the tolerance; unknown attendees recorded', async () => {
    const url = meetingWebhookUrls(me.orgId).calendly.url;
    const body = JSON.stringify({ event: 'invitee.created', payload: { uri: 'https://api.calendly.com/scheduled_events/E1/invitees/I1', email: 'nobody@else.test' } });
    const now = new Date();
    const t = Math.floor(now.getTime() / 1000);
    const sig = (ts: number) => `t=${ts},v1=${hmac(CALENDLY, `${ts}.${body}`)}`;
    await expect(handleMeetingWebhook(h.db, 'calendly', req(url, body, { 'calendly-webhook-signature': sig(t - 3600) }), now)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(handleMeetingWebhook(h.db, 'calendly', req(url, body, { 'calendly-webhook-signature': `t=${t},v1=${hmac('x', `${t}.${body}`)}` }), now)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const ok = await handleMeetingWebhook(h.db, 'calendly', req(url, body, { 'calendly-webhook-signature': sig(t) }), now);
    expect(ok).toEqual({ duplicate: false, outcome: 'no_matching_lead', leads: 0 });
    const stored = await asService(h.db, (tx) => rows<{ provider: string; outcome: string }>(tx, sql`select provider, outcome from public.scheduling_webhook_events where provider = 'calendly'`));
    expect(stored).toEqual([{ provider: 'calendly', outcome: 'no_matching_lead' }]);
  });
});

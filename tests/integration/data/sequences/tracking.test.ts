/** Tracking (S8), unsubscribe (S9, L6), message events and metrics (S11, S14). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, rows, sql, type Db } from '../../../../src/db';
import {
  advanceEnrollments, campaignMetrics, enrollLeads, findEnrollments, flushTracking, handleClick, handleOpen, handleUnsubscribePost, openUrl, clickUrl,
  recordBounce, recordReply, unsubscribePage, unsubscribeUrl, writeHits,
} from '../../../../src/features/sequences';
import { testDb, type TTestDb } from '../../../support/db';
import type { TPerson } from '../../../support/world';
import { actorOf, addLeads, as, campaign, person } from './fixtures';

let h: TTestDb;
let a: TPerson;
let messages: { id: string; lead_id: string; enrollment_id: string; to_email: string }[];
let campaignId: string;

const dbOf = () => Promise.resolve(h.db as Db);
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const tokenOf = (url: string) => url.split('/').pop()!;

/**
 * Marks the given messages sent `minutesAgo` (as the dispatcher would). Their campaign started no later
 * than that: metrics count from the campaign's start day, and a run just after midnight must not see the
 * emails sent "before" the campaign started.
 */
async function markSent(ids: string[], minutesAgo = 60) {
  await asService(h.db, async (tx) => {
    await tx.execute(sql`update public.messages set status = 'sent', sent_at = now() - make_interval(mins => ${minutesAgo}) where id = any(${sql.param(ids)}::uuid[])`);
    await tx.execute(sql`update public.campaigns set started_at = least(started_at, now() - make_interval(mins => ${minutesAgo + 1}))
                         where id in (select campaign_id from public.messages where id = any(${sql.param(ids)}::uuid[]))`);
    await tx.execute(sql`update public.enrollments set next_step_at = now() where id in (select enrollment_id from public.messages where id = any(${sql.param(ids)}::uuid[]))`);
  });
}

beforeAll(async () => {
  h = await testDb();
  a = await person(h.db, 'Alpha');
  const c = await campaign(h.db, a, {
    steps: [
      { id: 's1', type: 'email', variants: [{ key: 'A', weight: 50, subject: 'A {{first_name}}', html: '<p>a</p>' }, { key: 'B', weight: 50, subject: 'B {{first_name}}', html: '<p>b</p>' }] },
      { id: 'c1', type: 'conditional', condition: 'opened', withinDays: 3, onTrue: 't1', onFalse: 'end' },
      { id: 't1', type: 'task', title: 'Call {{first_name}}', waitForCompletion: true },
    ],
  });
  campaignId = c.id;
  const leads = await addLeads(h.db, a, 6, { prefix: 'track', domain: 'track.test' });
  await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { leadIds: leads }));
  await advanceEnrollments({ db: h.db });
  messages = await asService(h.db, (tx) => rows(tx, sql`select id, lead_id, enrollment_id, to_email from public.messages where campaign_id = ${c.id}::uuid order by to_email`));
  await markSent(messages.map((m) => m.id));
});
afterAll(async () => h?.close());

describe('open pixel and click redirect', () => {
  it('records every hit, one human first per message and kind, bots flagged and never first', async () => {
    const [m1, m2] = messages;
    const sentAt = new Date(Date.now() - 60 * 60_000);
    const openToken = tokenOf(openUrl(m1!.id, sentAt));
    const r1 = handleOpen(dbOf, openToken, { method: 'GET', userAgent: 'Mozilla/5.0', ip: '17.58.1.1' }); // Apple MPP prefetch
    expect(r1.status).toBe(200);
    expect(r1.headers.get('content-type')).toBe('image/gif');
    expect(r1.headers.get('cache-control')).toMatch(/no-store/);
    const gif = Buffer.from(await r1.arrayBuffer());
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(gif[gif.length - 1]).toBe(0x3b);
    handleOpen(dbOf, openToken, { method: 'GET', userAgent: CHROME, ip: '81.2.69.160' });
    handleOpen(dbOf, openToken, { method: 'GET', userAgent: CHROME, ip: '81.2.69.160' });
    const click = clickUrl(m2!.id, 'https://example.com/pricing?x=1', sentAt)!;
    const r2 = handleClick(dbOf, tokenOf(click), { method: 'GET', userAgent: CHROME, ip: '81.2.69.160' });
    expect(r2.status).toBe(302);
    expect(r2.headers.get('location')).toBe('https://example.com/pricing?x=1');
    handleClick(dbOf, tokenOf(click), { method: 'GET', userAgent: 'Mozilla/5.0 (compatible; Barracuda Sentinel)', ip: '1.2.3.4' });
    await flushTracking();
    const ev = await asService(h.db, (tx) =>
      rows<{ message_id: string; kind: string; is_first: boolean; is_bot: boolean; bot_reason: string | null }>(
        tx, sql`select message_id, kind, is_first, is_bot, bot_reason from public.message_events order by occurred_at, is_bot desc`,
      ),
    );
    expect(ev.filter((e) => e.message_id === m1!.id).map((e) => [e.kind, e.is_first, e.is_bot])).toEqual(
      expect.arrayContaining([['open', false, true], ['open', true, false], ['open', false, false]]),
    );
    expect(ev.filter((e) => e.message_id === m1!.id)).toHaveLength(3);
    expect(ev.find((e) => e.is_bot && e.kind === 'open')!.bot_reason).toBe('Apple Mail Privacy Protection');
    expect(ev.filter((e) => e.message_id === m2!.id && e.kind === 'click').map((e) => [e.is_first, e.is_bot])).toEqual(expect.arrayContaining([[true, false], [false, true]]));
    const timeline = await as(h.db, a)((tx) => rows<{ type: string }>(tx, sql`select type from public.lead_events where lead_id = ${m1!.lead_id}::uuid and type = 'email_opened'`));
    expect(timeline).toHaveLength(1);
  });

  it('never redirects on a tampered, foreign or unknown token', async () => {
    const good = tokenOf(clickUrl(messages[0]!.id, 'https://example.com/', new Date())!);
    const [body, mac] = good.split('.');
    const forged = Buffer.from(JSON.stringify({ m: messages[0]!.id, u: 'https://evil.example/phish', t: 1 })).toString('base64url');
    const openAsClick = tokenOf(openUrl(messages[0]!.id, new Date()));
    for (const t of [`${forged}.${mac}`, `${body}.${mac!.slice(0, -2)}xx`, 'garbage', '', openAsClick, `${body}`]) {
      const r = handleClick(dbOf, t, { method: 'GET', userAgent: CHROME, ip: '1.1.1.1' });
      expect(r.status, t).toBe(404);
      expect(r.headers.get('location')).toBeNull();
      expect(await r.text()).toContain('This link is not valid');
    }
    // a tampered pixel still answers the pixel, and records nothing
    const before = await asService(h.db, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from public.message_events`));
    expect(handleOpen(dbOf, 'x.y', { method: 'GET', userAgent: CHROME, ip: null }).status).toBe(200);
    await flushTracking();
    const after = await asService(h.db, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from public.message_events`));
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('drops hits for messages that no longer exist and wakes conditions on a first open', async () => {
    const [, , m3] = messages;
    const r = await writeHits(h.db, [
      { id: crypto.randomUUID(), message_id: crypto.randomUUID(), kind: 'open', is_bot: false, bot_reason: null, url: null, ip: null, user_agent: CHROME, occurred_at: new Date().toISOString() },
      { id: crypto.randomUUID(), message_id: m3!.id, kind: 'open', is_bot: false, bot_reason: null, url: null, ip: null, user_agent: CHROME, occurred_at: new Date().toISOString() },
    ]);
    expect(r).toEqual({ written: 1, firsts: 1 });
    // The enrollments moved past s1 (sent) into the condition: the opened ones take the true branch (a task).
    const adv = await advanceEnrollments({ db: h.db });
    expect(adv.tasksCreated).toBeGreaterThanOrEqual(1);
    const list = await as(h.db, a)((tx) => findEnrollments(tx, a.orgId, { campaignId }));
    const byLead = new Map(list.enrollments.map((e) => [e.leadId, e]));
    expect(byLead.get(m3!.lead_id)!.waiting.reason).toBe('waiting_for_task');
    // The task title is a template: the explanation names it as rendered for this lead.
    expect(byLead.get(m3!.lead_id)!.waiting.message).toMatch(/^Waiting for the task "Call [^{}"]+" to be done\.$/);
    expect(byLead.get(messages[5]!.lead_id)!.waiting.reason).toBe('waiting_for_condition');
  });
});

describe('unsubscribe', () => {
  it('shows a confirmation on GET (no change), suppresses and stops everything on POST, works for one-click', async () => {
    const m = messages[4]!;
    const url = unsubscribeUrl(m.id, a.orgId, m.to_email);
    const token = tokenOf(url);
    const page = await unsubscribePage(h.db, token, `/u/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<form method="post" action="/u/${token}">`);
    expect(html).toContain(m.to_email);
    expect(html).not.toMatch(/<script/i);
    const sup = () => asService(h.db, (tx) => rows(tx, sql`select reason, source from public.suppressions where org_id = ${a.orgId}::uuid and value = ${m.to_email}`));
    expect(await sup()).toEqual([]);
    const res = await handleUnsubscribePost(h.db, token, new Request(`http://localhost:3000/u/${token}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are unsubscribed');
    expect(await sup()).toEqual([{ reason: 'unsubscribe', source: 'List-Unsubscribe one-click' }]);
    const [e] = (await as(h.db, a)((tx) => findEnrollments(tx, a.orgId, { campaignId, leadId: m.lead_id }))).enrollments;
    expect(e).toMatchObject({ status: 'stopped', stopReason: 'unsubscribe' });
    const [lead] = await asService(h.db, (tx) => rows<{ status: string }>(tx, sql`select status from public.leads where id = ${m.lead_id}::uuid`));
    expect(lead!.status).toBe('unsubscribed');
    // twice is fine
    const again = await handleUnsubscribePost(h.db, token, new Request(`http://localhost:3000/u/${token}`, { method: 'POST', body: '' }));
    expect(again.status).toBe(200);
    // a bad token changes nothing and says so
    const bad = await handleUnsubscribePost(h.db, `${token.slice(0, -3)}abc`, new Request('http://localhost:3000/u/x', { method: 'POST', body: '' }));
    expect(bad.status).toBe(400);
  });
});

describe('replies, bounces and metrics', () => {
  it('counts sent, delivered, human opens and clicks, replies, bounces and unsubscribes per step and variant', async () => {
    await asService(h.db, (tx) => recordReply(tx, { messageId: messages[1]!.id }));
    await expect(asService(h.db, (tx) => recordBounce(tx, { messageIdHeader: '<unknown@nowhere.test>', hard: true }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const bounce = await asService(h.db, (tx) => recordBounce(tx, { messageId: messages[5]!.id, hard: true, reason: '550 5.1.1 No such user' }));
    expect(bounce).toMatchObject({ first: true, mailboxPaused: false });
    const m = await as(h.db, a)((tx) => campaignMetrics(tx, a.orgId, campaignId, { tz: 'UTC' }));
    expect(m.totals).toMatchObject({ sent: 6, bounced: 1, delivered: 5, opened: 2, clicked: 1, replied: 1, unsubscribed: 1, botOpens: 1, botClicks: 1 });
    expect(m.totals.openRate).toBeCloseTo(2 / 5);
    expect(m.totals.bounceRate).toBeCloseTo(1 / 6);
    expect(m.steps.map((s) => s.stepId)).toEqual(['s1']);
    for (const v of m.steps[0]!.variants) expect(['A', 'B']).toContain(v.variant); // the split is per enrollment: 6 leads may all land on one
    expect(m.steps[0]!.variants.reduce((n, v) => n + v.sent, 0)).toBe(6);
    const today = new Date().toISOString().slice(0, 10);
    expect(m.series[m.series.length - 1]).toMatchObject({ date: today, opened: 2, clicked: 1, replied: 1 });
    const suppressed = await asService(h.db, (tx) => rows(tx, sql`select reason from public.suppressions where value = ${messages[5]!.to_email}`));
    expect(suppressed).toEqual([{ reason: 'hard_bounce' }]);
  });
});

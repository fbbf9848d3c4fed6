/** Campaigns (S4), enrollment (S5), stop rules (S10), versions moved by choice, the review queue (S13). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, rows, sql } from '../../../../src/db';
import { suppress } from '../../../../src/features/leads';
import {
  advanceEnrollments, approveMessages, campaignReadiness, editPendingMessage, enrollLead, enrollLeads, findEnrollments, findOpenCampaigns, findReviewQueue,
  moveEnrollmentsToVersion, pauseEnrollment, rejectMessage, resumeEnrollment, saveSequenceVersion, stopEnrollmentsFor, transitionCampaign, ZEnrollInput,
} from '../../../../src/features/sequences';
import { testDb, type TTestDb } from '../../../support/db';
import type { TPerson } from '../../../support/world';
import { actorOf, addLeads, as, campaign, EMAIL_STEPS, person } from './fixtures';

let h: TTestDb;
let a: TPerson;

beforeAll(async () => {
  h = await testDb();
  a = await person(h.db, 'Alpha');
});
afterAll(async () => h?.close());

const counts = (campaignId: string) =>
  as(h.db, a)((tx) => rows<{ status: string; n: number }>(tx, sql`select status, count(*)::int as n from public.enrollments where campaign_id = ${campaignId}::uuid group by 1 order by 1`));

describe('campaign lifecycle', () => {
  it('goes draft → active → paused → active → completed → archived, and refuses the rest', async () => {
    const c = await campaign(h.db, a, { activate: false });
    expect(c.status).toBe('draft');
    expect((await as(h.db, a)((tx) => findOpenCampaigns(tx, a.orgId))).find((x) => x.id === c.id)).toMatchObject({ name: c.name, status: 'draft' });
    expect(c.mailboxes).toHaveLength(1); // the dev mailbox, in local mode
    expect(c.settings).toMatchObject({ windowStart: '00:00', approvalMode: 'auto', unsubscribeFooter: true });
    const go = (to: Parameters<typeof transitionCampaign>[3]) => as(h.db, a)((tx) => transitionCampaign(tx, actorOf(a), c.id, to));
    await expect(go('completed')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('cannot become completed') });
    expect((await go('active')).status).toBe('active');
    expect((await go('paused')).status).toBe('paused');
    expect((await go('active')).status).toBe('active');
    const leads = await addLeads(h.db, a, 3, { prefix: 'life' });
    await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { leadIds: leads }));
    const done = await go('completed');
    expect(done.counts).toMatchObject({ stopped: 3, active: 0 });
    // the "Add to campaign" pickers offer only campaigns leads can still join
    const open = async () => (await as(h.db, a)((tx) => findOpenCampaigns(tx, a.orgId))).map((x) => x.id);
    expect(await open()).not.toContain(c.id);
    expect((await go('archived')).status).toBe('archived');
    expect(await open()).not.toContain(c.id);
    await expect(go('active')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { leadIds: leads }))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('explains what blocks activation', async () => {
    const c = await campaign(h.db, a, { activate: false });
    await asService(h.db, (tx) => tx.execute(sql`update public.mailboxes set status = 'paused', paused_reason = 'manual' where org_id = ${a.orgId}::uuid`));
    const r = await as(h.db, a)((tx) => campaignReadiness(tx, a.orgId, c.id));
    expect(r.ready).toBe(false);
    expect(r.problems[0]).toMatch(/Every mailbox of the campaign is paused/);
    expect(r.warnings.join(' ')).toMatch(/postal address/);
    await expect(as(h.db, a)((tx) => transitionCampaign(tx, actorOf(a), c.id, 'active'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await asService(h.db, (tx) => tx.execute(sql`update public.mailboxes set status = 'active', paused_reason = null where org_id = ${a.orgId}::uuid`));
  });
});

describe('enrollment', () => {
  it('enrolls 10,000 leads in one call and counts every reason to skip', async () => {
    const c = await campaign(h.db, a);
    const other = await campaign(h.db, a, { name: 'Other' });
    const good = await addLeads(h.db, a, 9_990, { prefix: 'bulk' });
    const noEmail = await as(h.db, a)((tx) => rows<{ id: string }>(tx, sql`insert into public.leads (org_id, first_name) select ${a.orgId}::uuid, 'NoMail' from generate_series(1, 3) returning id`));
    const suppressed = await addLeads(h.db, a, 2, { prefix: 'supp', domain: 'blocked.test' });
    await as(h.db, a)((tx) => suppress(tx, { orgId: a.orgId, value: 'blocked.test', kind: 'domain', reason: 'manual' }));
    const busy = await addLeads(h.db, a, 2, { prefix: 'busy' });
    await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), other.id, { leadIds: busy }));
    const missing = ['00000000-0000-4000-8000-000000000001'];
    const ids = [...good, ...noEmail.map((x) => x.id), ...suppressed, ...busy, ...missing, good[0]!]; // a duplicate id counts once
    expect(ids.length).toBe(9_999);
    const started = Date.now();
    const r = await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { leadIds: ids }));
    const ms = Date.now() - started;
    expect(r).toEqual({ enrolled: 9_990, considered: 9_998, skipped: { noEmail: 3, suppressed: 2, alreadyEnrolled: 0, activeElsewhere: 2, notFound: 1 } });
    expect(ms).toBeLessThan(30_000);
    const again = await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { leadIds: good.slice(0, 5), allowActiveElsewhere: true }));
    expect(again.skipped.alreadyEnrolled).toBe(5);
    const allowed = await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { leadIds: busy, allowActiveElsewhere: true }));
    expect(allowed.enrolled).toBe(2);
    // Paused, so the advance runs of the next tests do not compose these 10,000 emails.
    await as(h.db, a)((tx) => transitionCampaign(tx, actorOf(a), c.id, 'paused'));
  }, 180_000);

  it('refuses more than 10,000 leads per request and explains a single lead that cannot join', async () => {
    const tooMany = Array.from({ length: 10_001 }, () => '00000000-0000-4000-8000-000000000001');
    const parsed = ZEnrollInput.safeParse({ leadIds: tooMany });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/At most 10,000 leads per request/);
    const c = await campaign(h.db, a);
    const [noMail] = await as(h.db, a)((tx) => rows<{ id: string }>(tx, sql`insert into public.leads (org_id, first_name) values (${a.orgId}, 'X') returning id`));
    await expect(as(h.db, a)((tx) => enrollLead(tx, actorOf(a), c.id, noMail!.id))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('no email address') });
  });

  it('enrolls the members of a list', async () => {
    const c = await campaign(h.db, a);
    const leads = await addLeads(h.db, a, 4, { prefix: 'listed' });
    await as(h.db, a)(async (tx) => {
      const [l] = await rows<{ id: string }>(tx, sql`insert into public.lists (org_id, name) values (${a.orgId}, 'Hot') returning id`);
      await tx.execute(sql`insert into public.list_members (list_id, lead_id, org_id) select ${l!.id}::uuid, unnest(${sql.param(leads)}::uuid[]), ${a.orgId}::uuid`);
      const r = await enrollLeads(tx, actorOf(a), c.id, { listIds: [l!.id] });
      expect(r.enrolled).toBe(4);
    });
  });

  it('enrolls the leads a leads-table filter matches', async () => {
    const c = await campaign(h.db, a);
    await addLeads(h.db, a, 3, { prefix: 'filtered', domain: 'filtered-audience.test' });
    const r = await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { filter: { q: 'filtered-audience.test' } }));
    expect(r).toMatchObject({ enrolled: 3, considered: 3 });
  });

  it('pauses and resumes one lead', async () => {
    const c = await campaign(h.db, a);
    const [lead] = await addLeads(h.db, a, 1, { prefix: 'pause' });
    await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { leadIds: [lead!] }));
    const [e] = (await as(h.db, a)((tx) => findEnrollments(tx, a.orgId, { campaignId: c.id }))).enrollments;
    const paused = await as(h.db, a)((tx) => pauseEnrollment(tx, actorOf(a), e!.id));
    expect(paused.waiting.reason).toBe('enrollment_paused');
    await expect(as(h.db, a)((tx) => pauseEnrollment(tx, actorOf(a), e!.id))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await as(h.db, a)((tx) => resumeEnrollment(tx, actorOf(a), e!.id))).status).toBe('active');
  });
});

describe('stop rules', () => {
  it('stops by the campaign settings, cancels unsent emails, and can stop the whole company', async () => {
    const stopOnReply = await campaign(h.db, a, { settings: { stopCompanyOnReply: true } });
    const ignoreReply = await campaign(h.db, a, { settings: { stopOnReply: false } });
    const [ada, bob, cyd] = await addLeads(h.db, a, 3, { prefix: 'co', domain: 'acme-co.test' });
    for (const c of [stopOnReply, ignoreReply]) await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { leadIds: [ada!, bob!, cyd!], allowActiveElsewhere: true }));
    await advanceEnrollments({ db: h.db }); // emails composed and slotted
    const r = await asService(h.db, (tx) => stopEnrollmentsFor(tx, { orgId: a.orgId, leadId: ada!, reason: 'reply' }));
    expect(r).toMatchObject({ stopped: 3, companyStopped: 2 });
    expect(await counts(stopOnReply.id)).toEqual([{ status: 'stopped', n: 3 }]);
    expect(await counts(ignoreReply.id)).toEqual([{ status: 'active', n: 3 }]);
    expect(r.messagesCancelled).toBe(3);
    // unsubscribe always stops, whatever the settings
    const u = await asService(h.db, (tx) => stopEnrollmentsFor(tx, { orgId: a.orgId, email: 'co-2@acme-co.test', reason: 'unsubscribe' }));
    expect(u.stopped).toBe(1);
    const timeline = await as(h.db, a)((tx) => rows<{ type: string }>(tx, sql`select type from public.lead_events where lead_id = ${bob!}::uuid and type = 'sequence_stopped'`));
    expect(timeline).toHaveLength(2);
  });

  it('stops on a booked meeting when the campaign says so', async () => {
    const c = await campaign(h.db, a);
    const [lead] = await addLeads(h.db, a, 1, { prefix: 'meet' });
    await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { leadIds: [lead!] }));
    const r = await as(h.db, a)((tx) => stopEnrollmentsFor(tx, { orgId: a.orgId, leadId: lead!, reason: 'meeting_booked', actorId: a.userId }));
    expect(r.stopped).toBe(1);
    const [e] = (await as(h.db, a)((tx) => findEnrollments(tx, a.orgId, { campaignId: c.id }))).enrollments;
    expect(e).toMatchObject({ status: 'stopped', stopReason: 'meeting_booked', waiting: { reason: 'stopped', message: 'Stopped: a meeting was booked.' } });
  });
});

describe('versions are moved only by choice', () => {
  it('keeps enrolled leads on their version until moved, then continues at the same step', async () => {
    const c = await campaign(h.db, a);
    const leads = await addLeads(h.db, a, 2, { prefix: 'ver' });
    await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { leadIds: leads }));
    await advanceEnrollments({ db: h.db });
    const v2 = await as(h.db, a)((tx) =>
      saveSequenceVersion(tx, actorOf(a), c.sequenceId, [
        { ...EMAIL_STEPS[0]!, variants: [{ key: 'A', subject: 'New subject {{first_name}}', html: '<p>New</p>' }] },
        ...EMAIL_STEPS.slice(1),
      ]),
    );
    expect(v2.stillOnOlder).toBe(2);
    const before = await as(h.db, a)((tx) => rows<{ subject: string }>(tx, sql`select subject from public.messages where campaign_id = ${c.id}::uuid`));
    expect(before.every((m) => m.subject === 'Hi Ada')).toBe(true);
    const moved = await as(h.db, a)((tx) => moveEnrollmentsToVersion(tx, actorOf(a), c.id, {}));
    expect(moved).toEqual({ moved: 2, unchanged: 0, notMappable: 0, toVersion: 2 });
    await advanceEnrollments({ db: h.db });
    const after = await as(h.db, a)((tx) => rows<{ subject: string }>(tx, sql`select subject from public.messages where campaign_id = ${c.id}::uuid`));
    expect(after.map((m) => m.subject)).toEqual(['New subject Ada', 'New subject Ada']);
  });
});

describe('approval queue', () => {
  it('holds every email for approval in manual mode; edit, approve in bulk, reject', async () => {
    const c = await campaign(h.db, a, { settings: { approvalMode: 'manual' } });
    const leads = await addLeads(h.db, a, 3, { prefix: 'approve' });
    await as(h.db, a)((tx) => enrollLeads(tx, actorOf(a), c.id, { leadIds: leads }));
    const adv = await advanceEnrollments({ db: h.db });
    expect(adv.pendingApproval).toBe(3);
    const note = await as(h.db, a)((tx) => one<{ n: number }>(tx, sql`select count(*)::int as n from public.notifications where type = 'approval_needed' and title like '3 emails%'`));
    expect(note?.n).toBe(1);
    const q = await as(h.db, a)((tx) => findReviewQueue(tx, a.orgId, { kind: 'approval', campaignId: c.id, limit: 2 }));
    expect(q.total).toBe(3);
    expect(q.items).toHaveLength(2);
    expect(q.nextCursor).toBeTruthy();
    const rest = await as(h.db, a)((tx) => findReviewQueue(tx, a.orgId, { kind: 'approval', campaignId: c.id, cursor: q.nextCursor! }));
    expect(rest.items).toHaveLength(1);

    await expect(as(h.db, a)((tx) => editPendingMessage(tx, actorOf(a), q.items[0]!.id, { subject: 'Hi {{first_name}}' }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const edited = await as(h.db, a)((tx) => editPendingMessage(tx, actorOf(a), q.items[0]!.id, { subject: 'Edited', html: '<p>New <b>body</b><script>x()</script></p>' }));
    expect(edited.item).toMatchObject({ subject: 'Edited', html: '<p>New <b>body</b></p>', text: 'New body' });
    expect(edited.removed).toEqual(['<script> element']);

    const rej = await as(h.db, a)((tx) => rejectMessage(tx, actorOf(a), rest.items[0]!.id, { then: 'stop' }));
    expect(rej.enrollment).toBe('stopped');
    const ok = await as(h.db, a)((tx) => approveMessages(tx, actorOf(a), { campaignId: c.id }));
    expect(ok.approved).toBe(2);
    const slotted = await advanceEnrollments({ db: h.db });
    expect(slotted.slotted).toBe(2);
  });
});

/**
 * The advance job (`sequences.advance`, every minute): moves due enrollments along their steps and
 * materialises their emails, then gives every unslotted email its send slot.
 *
 * 1. Blocked emails whose lead, company or organization changed since are dropped and their
 *    enrollments woken, so a filled-in variable lets them go out.
 * 2. Due enrollments are claimed in batches (FOR UPDATE SKIP LOCKED, so overlapping runs never take the
 *    same one); the step machine decides; emails are composed (variant, variables, spintax, thread) and
 *    stored once per (enrollment, step) — blocked when a variable is missing, pending approval in manual
 *    mode; tasks and webhook executions are created once; everything is written set-based.
 * 3. The slotter gives each unslotted email (and each one left more than 15 minutes past its slot) the
 *    next time that fits the recipient's window, the mailbox's daily cap, warm-up and gap — one mailbox
 *    at a time under a row lock, so two runs cannot hand out the same capacity.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { asService, rows, sql, type Db } from '@/db';
import { addLeadEvents, type TLeadEventInput } from '@/features/leads';
import { notify } from '@/features/notifications';
import { enqueue } from '@/lib/jobs';
import { composeEmail, composeText } from './compose';
import { PATHS } from './common';
import { unsubscribeUrl } from './links';
import { decide, type TEventKind, type TMachineFacts, type TMachineState } from './machine';
import { createLedger, dayBounds, nextSendTime } from './schedule';
import { readSettings, windowOf, zoneFor, type TCampaignSettings } from './settings';
import { loadLeads, loadOrgs, sourceFor, type TLeadFacts, type TOrgFacts } from './sources';
import type { TEmailStep, TStep, TTaskStep } from './steps';
import { runWebhookTask } from './webhook-steps';
import type { TMessageStatus } from '@/db/schema';

export type TAdvanceDeps = { db: Db; now?: () => Date; random?: () => number; log?: Logger };

export type TAdvanceResult = {
  processed: number; emailsCreated: number; blocked: number; pendingApproval: number; tasksCreated: number; webhooksQueued: number;
  completed: number; stopped: number; released: number; slotted: number; slotDeferred: number;
  /** Emails slotted to go out right away (the job sends them at once instead of waiting for the next dispatch). */
  dueNow: number;
};

/** How late a slotted email may still be sent; later ones are slotted again (never sent hours off-window). */
export const STALE_AFTER_MINUTES = 15;

const zero = (): TAdvanceResult => ({ processed: 0, emailsCreated: 0, blocked: 0, pendingApproval: 0, tasksCreated: 0, webhooksQueued: 0, completed: 0, stopped: 0, released: 0, slotted: 0, slotDeferred: 0, dueNow: 0 });

export async function advanceEnrollments(deps: TAdvanceDeps, opts: { batchSize?: number; maxBatches?: number } = {}): Promise<TAdvanceResult> {
  const totals = zero();
  const batchSize = opts.batchSize ?? 500;
  totals.released = await releaseBlocked(deps);
  for (let b = 0; b < (opts.maxBatches ?? 40); b++) {
    const n = await asService(deps.db, (tx) => advanceBatch(tx, deps, batchSize, totals));
    if (n < batchSize) break;
  }
  await slotMessages(deps, totals);
  return totals;
}

/** Blocked emails whose inputs changed are dropped; their enrollments compose them again. */
async function releaseBlocked(deps: TAdvanceDeps): Promise<number> {
  const r = await asService(deps.db, (tx) =>
    rows<{ n: number }>(
      tx,
      sql`with rel as (
            delete from public.messages m
            using public.leads l, public.enrollments e
            where m.status = 'blocked' and l.id = m.lead_id and e.id = m.enrollment_id and e.status = 'active'
              and (l.updated_at > m.updated_at
                   or exists (select 1 from public.companies c where c.id = l.company_id and c.updated_at > m.updated_at)
                   or exists (select 1 from public.organizations o where o.id = m.org_id and o.updated_at > m.updated_at))
            returning m.enrollment_id
          ), woke as (
            update public.enrollments set next_step_at = now() where id in (select enrollment_id from rel) returning 1
          )
          select (select count(*)::int from rel) as n`,
    ),
  );
  return r[0]?.n ?? 0;
}

type TDue = {
  id: string; org_id: string; campaign_id: string; lead_id: string; sequence_version_id: string; mailbox_id: string | null;
  current_step_index: number; step_started_at: string | null; started_at: string | null; settings: unknown; owner_id: string | null; campaign_name: string;
};
type TMsgFact = { id: string; enrollment_id: string; step_id: string; step_index: number; status: TMessageStatus; sent_at: string | null; subject: string; message_id_header: string | null };
type TMbFact = { campaign_id: string; id: string; email: string; display_name: string | null; status: string; daily_limit: number; recent: number };

const domainOf = (email: string) => email.split('@')[1] ?? 'leadpilot.local';

async function advanceBatch(tx: Db, deps: TAdvanceDeps, batchSize: number, totals: TAdvanceResult): Promise<number> {
  const now = deps.now?.() ?? new Date();
  const nowIso = now.toISOString();
  const due = await rows<TDue>(
    tx,
    sql`select e.id, e.org_id, e.campaign_id, e.lead_id, e.sequence_version_id, e.mailbox_id, e.current_step_index, e.step_started_at, e.started_at,
               c.settings, c.owner_id, c.name as campaign_name
        from public.enrollments e join public.campaigns c on c.id = e.campaign_id
        where e.status = 'active' and e.next_step_at <= ${nowIso}::timestamptz and c.status = 'active'
        order by e.next_step_at
        limit ${batchSize}
        for update of e skip locked`,
  );
  if (!due.length) return 0;
  totals.processed += due.length;
  const ids = due.map((d) => d.id);
  const [versions, leads, msgs, events, taskRows, hooks, mbs, orgs] = await Promise.all([
    rows<{ id: string; steps: TStep[] }>(tx, sql`select id, steps from public.sequence_versions where id = any(${sql.param([...new Set(due.map((d) => d.sequence_version_id))])}::uuid[])`),
    loadLeads(tx, [...new Set(due.map((d) => d.lead_id))]),
    rows<TMsgFact>(tx, sql`select id, enrollment_id, step_id, step_index, status, sent_at, subject, message_id_header from public.messages where enrollment_id = any(${sql.param(ids)}::uuid[])`),
    rows<{ enrollment_id: string; step_id: string; kind: TEventKind; occurred_at: string }>(
      tx,
      sql`select m.enrollment_id, m.step_id, ev.kind, ev.occurred_at from public.message_events ev join public.messages m on m.id = ev.message_id
          where m.enrollment_id = any(${sql.param(ids)}::uuid[]) and ev.is_first and ev.kind in ('open', 'click', 'reply')`,
    ),
    rows<{ enrollment_id: string; step_id: string; status: 'open' | 'done' | 'skipped' }>(tx, sql`select enrollment_id, step_id, status from public.tasks where enrollment_id = any(${sql.param(ids)}::uuid[])`),
    rows<{ enrollment_id: string; step_id: string }>(tx, sql`select enrollment_id, step_id from public.webhook_executions where enrollment_id = any(${sql.param(ids)}::uuid[])`),
    rows<TMbFact>(
      tx,
      sql`select cm.campaign_id, mb.id, mb.email, mb.display_name, mb.status, mb.daily_limit,
                 (select count(*)::int from public.messages m where m.mailbox_id = mb.id and m.created_at > now() - interval '1 day') as recent
          from public.campaign_mailboxes cm join public.mailboxes mb on mb.id = cm.mailbox_id
          where cm.campaign_id = any(${sql.param([...new Set(due.map((d) => d.campaign_id))])}::uuid[])`,
    ),
    loadOrgs(tx, [...new Set(due.map((d) => d.org_id))]),
  ]);
  const stepsOf = new Map(versions.map((v) => [v.id, v.steps]));
  const mailboxById = new Map(mbs.map((m) => [m.id, m]));
  const recent = new Map(mbs.map((m) => [m.id, m.recent]));
  const byEnrollment = <T extends { enrollment_id: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const x of list) (map.get(x.enrollment_id) ?? map.set(x.enrollment_id, []).get(x.enrollment_id)!).push(x);
    return map;
  };
  const msgsBy = byEnrollment(msgs);
  const eventsBy = byEnrollment(events);
  const tasksBy = byEnrollment(taskRows);
  const hooksBy = byEnrollment(hooks);

  // The campaign's daily new-lead cap, counted on the campaign's own day.
  const startedToday = new Map<string, number>();
  const capEnd = new Map<string, Date>();
  for (const cid of new Set(due.filter((d) => !d.started_at).map((d) => d.campaign_id))) {
    const s = readSettings(due.find((d) => d.campaign_id === cid)!.settings);
    if (!s.dailyNewLeadCap) continue;
    const b = dayBounds(now, s.timezone);
    capEnd.set(cid, b.end);
    const r = await rows<{ n: number }>(tx, sql`select count(*)::int as n from public.enrollments where campaign_id = ${cid}::uuid and started_at >= ${b.start.toISOString()}::timestamptz`);
    startedToday.set(cid, r[0]?.n ?? 0);
  }

  const newMessages: Record<string, unknown>[] = [];
  const newTasks: Record<string, unknown>[] = [];
  const newHooks: { id: string; org_id: string; enrollment_id: string; campaign_id: string; lead_id: string; step_id: string; url: string }[] = [];
  const leadEvents: TLeadEventInput[] = [];
  const updates: Record<string, unknown>[] = [];
  const stoppedIds: string[] = [];
  const approvals = new Map<string, { orgId: string; ownerId: string | null; name: string; n: number }>();

  for (const d of due) {
    const settings = readSettings(d.settings);
    const lead = leads.get(d.lead_id);
    const steps = stepsOf.get(d.sequence_version_id) ?? [];
    const org = orgs.get(d.org_id);
    let startedAt = d.started_at ? new Date(d.started_at) : null;
    if (!lead || lead.deleted) {
      updates.push(enrollmentUpdate(d, { status: 'stopped', stopReason: 'manual', currentStepIndex: d.current_step_index, currentStepId: steps[d.current_step_index]?.id ?? null, stepStartedAt: null, nextStepAt: null, waitingReason: null, waitingDetail: { why: 'The lead was deleted.' } }, startedAt, d.mailbox_id));
      stoppedIds.push(d.id);
      totals.stopped++;
      continue;
    }
    if (!startedAt && settings.dailyNewLeadCap) {
      const n = startedToday.get(d.campaign_id) ?? 0;
      if (n >= settings.dailyNewLeadCap) {
        updates.push(enrollmentUpdate(d, {
          status: 'active', currentStepIndex: d.current_step_index, currentStepId: steps[d.current_step_index]?.id ?? null, stepStartedAt: null,
          nextStepAt: capEnd.get(d.campaign_id)!, waitingReason: 'campaign_daily_cap', waitingDetail: { cap: settings.dailyNewLeadCap },
        }, null, d.mailbox_id));
        continue;
      }
      startedToday.set(d.campaign_id, n + 1);
    }
    startedAt ??= now;
    const tz = zoneFor(settings, lead.timezone);
    const myMsgs = msgsBy.get(d.id) ?? [];
    const facts: TMachineFacts = {
      now,
      timezone: tz,
      lead: { suppressed: lead.suppressed, meetingBooked: Boolean(lead.meetingBookedAt), hasEmail: Boolean(lead.email) },
      stopOnMeetingBooked: settings.stopOnMeetingBooked,
      messages: Object.fromEntries(myMsgs.map((m) => [m.step_id, { status: m.status, sentAt: m.sent_at ? new Date(m.sent_at) : null }])),
      events: {},
      tasks: Object.fromEntries((tasksBy.get(d.id) ?? []).map((t) => [t.step_id, t.status])),
      webhooks: new Set((hooksBy.get(d.id) ?? []).map((h) => h.step_id)),
    };
    for (const ev of eventsBy.get(d.id) ?? []) (facts.events[ev.step_id] ??= {})[ev.kind] = new Date(ev.occurred_at);
    const decision = decide(steps, { currentStepIndex: d.current_step_index, stepStartedAt: d.step_started_at ? new Date(d.step_started_at) : null }, facts);
    const state: TMachineState = decision.state;
    let mailboxId = d.mailbox_id;
    // Task titles are templates ({{first_name}}…): people read them rendered for this lead.
    const renderTaskText = (text: string, stepId: string) => {
      const r = composeText(text, sourceFor(lead, null, org), `${d.id}:${stepId}`);
      return r.problems.reduce((out, p) => (p.variable ? out.split(`{{${p.variable}}}`).join(`[${p.variable}]`) : out), r.text || text);
    };
    if (state.waitingReason === 'waiting_for_task' && typeof state.waitingDetail?.title === 'string') {
      const waitingStep = steps[state.currentStepIndex];
      state.waitingDetail = { ...state.waitingDetail, title: renderTaskText(state.waitingDetail.title, waitingStep?.id ?? 'task').slice(0, 300) };
    }

    for (const a of decision.actions) {
      const step = steps[a.stepIndex]!;
      if (a.type === 'create_email') {
        const pick = pickMailbox(d, mailboxId, mbs, mailboxById, recent);
        if (!pick.mailbox) {
          state.waitingReason = pick.reason;
          state.waitingDetail = pick.detail;
          state.nextStepAt = new Date(now.getTime() + 10 * 60_000);
          continue;
        }
        const mb = pick.mailbox;
        mailboxId = mb.id;
        recent.set(mb.id, (recent.get(mb.id) ?? 0) + 1);
        const built = buildEmail({ d, step: step as TEmailStep, stepIndex: a.stepIndex, steps, lead, org, mailbox: mb, settings, myMsgs, notBefore: a.notBefore });
        newMessages.push(built.row);
        totals.emailsCreated++;
        if (built.row.status === 'blocked') {
          totals.blocked++;
          state.waitingReason = 'missing_variable';
          state.waitingDetail = { problems: (built.row.problems as { message: string }[]).map((p) => p.message) };
        } else if (built.row.status === 'pending_approval') {
          totals.pendingApproval++;
          state.waitingReason = 'approval_pending';
          const k = d.campaign_id;
          const cur = approvals.get(k) ?? { orgId: d.org_id, ownerId: d.owner_id, name: d.campaign_name, n: 0 };
          cur.n++;
          approvals.set(k, cur);
        } else {
          state.waitingReason = 'scheduled';
        }
      } else if (a.type === 'create_task') {
        const t = step as TTaskStep;
        const render = (text: string) => renderTaskText(text, t.id);
        newTasks.push({
          org_id: d.org_id, enrollment_id: d.id, campaign_id: d.campaign_id, lead_id: d.lead_id, step_id: t.id, title: render(t.title).slice(0, 300),
          description: t.description ? render(t.description).slice(0, 5000) : null, task_type: t.taskType,
          assignee_id: t.assignee === 'campaign_owner' ? d.owner_id : t.assignee, due_at: a.dueAt.toISOString(),
        });
        leadEvents.push({ orgId: d.org_id, leadId: d.lead_id, type: 'task_created', summary: `Task: ${render(t.title).slice(0, 200)}`, data: { campaignId: d.campaign_id, stepId: t.id }, occurredAt: now });
        totals.tasksCreated++;
      } else if (a.type === 'create_webhook') {
        if (step.type !== 'webhook') continue;
        newHooks.push({ id: randomUUID(), org_id: d.org_id, enrollment_id: d.id, campaign_id: d.campaign_id, lead_id: d.lead_id, step_id: step.id, url: step.url });
      } else if (a.type === 'skip_channel') {
        leadEvents.push({
          orgId: d.org_id, leadId: d.lead_id, type: 'step_skipped',
          summary: `${a.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} step skipped: no ${a.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} number is connected`,
          data: { campaignId: d.campaign_id, stepId: a.stepId, channel: a.channel }, occurredAt: now,
        });
      }
    }
    if (state.status === 'completed') {
      totals.completed++;
      leadEvents.push({ orgId: d.org_id, leadId: d.lead_id, type: 'sequence_completed', summary: `Finished campaign "${d.campaign_name.slice(0, 200)}"`, data: { campaignId: d.campaign_id }, occurredAt: now });
    }
    if (state.status === 'stopped') {
      totals.stopped++;
      stoppedIds.push(d.id);
      leadEvents.push({ orgId: d.org_id, leadId: d.lead_id, type: 'sequence_stopped', summary: `Stopped in campaign "${d.campaign_name.slice(0, 200)}": ${String(state.stopReason).replace('_', ' ')}`, data: { campaignId: d.campaign_id, reason: state.stopReason }, occurredAt: now });
    }
    updates.push(enrollmentUpdate(d, state, startedAt, mailboxId));
  }

  if (newMessages.length) {
    await tx.execute(sql`
      insert into public.messages (id, org_id, campaign_id, enrollment_id, lead_id, mailbox_id, step_id, step_index, variant, status, not_before, to_email,
                                   from_email, from_name, subject, html, text, problems, message_id_header, in_reply_to, references_header)
      select id, org_id, campaign_id, enrollment_id, lead_id, mailbox_id, step_id, step_index, variant, status, not_before, to_email,
             from_email, from_name, subject, html, text, problems, message_id_header, in_reply_to, references_header
      from jsonb_to_recordset(${JSON.stringify(newMessages)}::jsonb) as x(
        id uuid, org_id uuid, campaign_id uuid, enrollment_id uuid, lead_id uuid, mailbox_id uuid, step_id text, step_index int, variant text, status text,
        not_before timestamptz, to_email text, from_email text, from_name text, subject text, html text, text text, problems jsonb,
        message_id_header text, in_reply_to text, references_header text)
      on conflict (enrollment_id, step_id) do nothing`);
  }
  if (newTasks.length) {
    await tx.execute(sql`
      insert into public.tasks (org_id, enrollment_id, campaign_id, lead_id, step_id, title, description, task_type, assignee_id, due_at)
      select org_id, enrollment_id, campaign_id, lead_id, step_id, title, description, task_type,
             (select m.user_id from public.memberships m where m.org_id = x.org_id and m.user_id = x.assignee_id), due_at
      from jsonb_to_recordset(${JSON.stringify(newTasks)}::jsonb) as x(org_id uuid, enrollment_id uuid, campaign_id uuid, lead_id uuid, step_id text, title text,
        description text, task_type text, assignee_id uuid, due_at timestamptz)
      on conflict (enrollment_id, step_id) do nothing`);
  }
  if (newHooks.length) {
    const made = await rows<{ id: string; org_id: string }>(
      tx,
      sql`insert into public.webhook_executions (id, org_id, enrollment_id, campaign_id, lead_id, step_id, url)
          select id, org_id, enrollment_id, campaign_id, lead_id, step_id, url
          from jsonb_to_recordset(${JSON.stringify(newHooks)}::jsonb) as x(id uuid, org_id uuid, enrollment_id uuid, campaign_id uuid, lead_id uuid, step_id text, url text)
          on conflict (enrollment_id, step_id) do nothing returning id, org_id`,
    );
    for (const h of made) await enqueue(tx, runWebhookTask, { executionId: h.id }, { idempotencyKey: `webhook-step:${h.id}`, orgId: h.org_id });
    totals.webhooksQueued += made.length;
  }
  await tx.execute(sql`
    update public.enrollments e set status = x.status, stop_reason = x.stop_reason, current_step_index = x.current_step_index, current_step_id = x.current_step_id,
      step_started_at = x.step_started_at, next_step_at = x.next_step_at, waiting_reason = x.waiting_reason, waiting_detail = coalesce(x.waiting_detail, '{}'::jsonb),
      mailbox_id = x.mailbox_id, started_at = x.started_at,
      completed_at = case when x.status = 'completed' then now() else e.completed_at end,
      stopped_at = case when x.status = 'stopped' then now() else e.stopped_at end
    from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(id uuid, status text, stop_reason text, current_step_index int, current_step_id text,
      step_started_at timestamptz, next_step_at timestamptz, waiting_reason text, waiting_detail jsonb, mailbox_id uuid, started_at timestamptz)
    where e.id = x.id`);
  if (stoppedIds.length) {
    await tx.execute(sql`update public.messages set status = 'cancelled' where enrollment_id = any(${sql.param(stoppedIds)}::uuid[]) and status in ('scheduled', 'pending_approval', 'blocked')`);
  }
  await addLeadEvents(tx, leadEvents);
  for (const [campaignId, a] of approvals) {
    await notify(tx, {
      orgId: a.orgId,
      type: 'approval_needed',
      title: `${a.n} email${a.n === 1 ? '' : 's'} of "${a.name.slice(0, 100)}" wait for approval`,
      body: 'The campaign sends only what you approve. Review, edit or reject them in the approval queue.',
      actionUrl: `${PATHS.approvals}?campaignId=${campaignId}`,
      ...(a.ownerId ? { userIds: [a.ownerId] } : { roles: ['owner', 'admin'] }),
    });
  }
  return due.length;
}

function enrollmentUpdate(d: TDue, s: TMachineState, startedAt: Date | null, mailboxId: string | null) {
  return {
    id: d.id, status: s.status, stop_reason: s.stopReason ?? null, current_step_index: s.currentStepIndex, current_step_id: s.currentStepId,
    step_started_at: s.stepStartedAt?.toISOString() ?? null, next_step_at: s.nextStepAt?.toISOString() ?? null, waiting_reason: s.status === 'active' ? s.waitingReason : null,
    waiting_detail: s.waitingDetail, mailbox_id: mailboxId, started_at: startedAt?.toISOString() ?? null,
  };
}

type TPick = { mailbox: TMbFact; reason?: undefined; detail?: undefined } | { mailbox?: undefined; reason: 'mailbox_paused' | 'no_mailbox'; detail: Record<string, unknown> };

/** The sticky mailbox (after the first email) or, for a first email, the campaign mailbox with the most room. */
function pickMailbox(d: TDue, sticky: string | null, all: TMbFact[], byId: Map<string, TMbFact>, recent: Map<string, number>): TPick {
  if (sticky) {
    const m = byId.get(sticky) ?? all.find((x) => x.id === sticky);
    if (m && m.status === 'active') return { mailbox: m };
    if (m) return { reason: 'mailbox_paused', detail: { mailbox: m.email } };
  }
  const choices = all.filter((m) => m.campaign_id === d.campaign_id && m.status === 'active');
  if (!choices.length) {
    const paused = all.filter((m) => m.campaign_id === d.campaign_id);
    return paused.length ? { reason: 'mailbox_paused', detail: { mailbox: paused.map((m) => m.email).join(', ') } } : { reason: 'no_mailbox', detail: {} };
  }
  choices.sort((a, b) => (recent.get(a.id) ?? 0) / a.daily_limit - (recent.get(b.id) ?? 0) / b.daily_limit || a.id.localeCompare(b.id));
  return { mailbox: choices[0]! };
}

function buildEmail(i: {
  d: TDue; step: TEmailStep; stepIndex: number; steps: TStep[]; lead: TLeadFacts; org: TOrgFacts | undefined; mailbox: TMbFact;
  settings: TCampaignSettings; myMsgs: TMsgFact[]; notBefore: Date;
}): { row: Record<string, unknown> } {
  const id = randomUUID();
  const email = i.lead.email!;
  let thread: { rootSubject: string } | undefined;
  let inReplyTo: string | null = null;
  let references: string | null = null;
  if (i.step.thread) {
    const isThreadStep = (stepId: string) => {
      const s = i.steps.find((x) => x.id === stepId);
      return s?.type === 'email' && s.thread;
    };
    const sent = i.myMsgs.filter((m) => (m.status === 'sent' || m.status === 'bounced') && m.message_id_header).sort((a, b) => a.step_index - b.step_index);
    if (sent.length) {
      let rootIdx = 0;
      for (let k = sent.length - 1; k >= 0; k--) {
        if (!isThreadStep(sent[k]!.step_id)) {
          rootIdx = k;
          break;
        }
      }
      const chain = sent.slice(rootIdx);
      thread = { rootSubject: sent[rootIdx]!.subject };
      inReplyTo = chain[chain.length - 1]!.message_id_header;
      references = chain.map((m) => m.message_id_header).join(' ');
    }
  }
  const source = sourceFor(i.lead, { email: i.mailbox.email, displayName: i.mailbox.display_name }, i.org, { unsubscribe_url: unsubscribeUrl(id, i.d.org_id, email) });
  const c = composeEmail({ step: i.step, source, seed: `${i.d.id}:${i.step.id}`, thread });
  const status = !c.ok ? 'blocked' : i.settings.approvalMode === 'manual' ? 'pending_approval' : 'scheduled';
  return {
    row: {
      id, org_id: i.d.org_id, campaign_id: i.d.campaign_id, enrollment_id: i.d.id, lead_id: i.d.lead_id, mailbox_id: i.mailbox.id, step_id: i.step.id,
      step_index: i.stepIndex, variant: c.variant, status, not_before: i.notBefore.toISOString(), to_email: email, from_email: i.mailbox.email,
      from_name: i.mailbox.display_name, subject: c.ok ? c.subject : '', html: c.ok ? c.html : '', text: c.ok ? c.text : '',
      problems: c.ok ? [] : c.problems, message_id_header: `<${id}@${domainOf(i.mailbox.email)}>`, in_reply_to: inReplyTo, references_header: references,
    },
  };
}

// ---- the slotter --------------------------------------------------------------------------------

type TSlotCandidate = {
  id: string; mailbox_id: string | null; campaign_id: string; enrollment_id: string; lead_id: string; not_before: string; attempts: number;
  last_error: string | null; settings: unknown; lead_tz: string | null;
};

export async function slotMessages(deps: TAdvanceDeps, totals: TAdvanceResult = zero(), opts: { limit?: number } = {}): Promise<TAdvanceResult> {
  const now = deps.now?.() ?? new Date();
  const nowIso = now.toISOString();
  const random = deps.random ?? Math.random;
  const candidates = await asService(deps.db, (tx) =>
    rows<TSlotCandidate>(
      tx,
      sql`select m.id, m.mailbox_id, m.campaign_id, m.enrollment_id, m.lead_id, m.not_before, m.attempts, m.last_error, c.settings, l.timezone as lead_tz
          from public.messages m
          join public.enrollments e on e.id = m.enrollment_id
          join public.campaigns c on c.id = m.campaign_id
          join public.leads l on l.id = m.lead_id
          where m.status = 'scheduled' and e.status = 'active' and c.status = 'active'
            and ((m.scheduled_for is null and (m.slot_retry_at is null or m.slot_retry_at <= ${nowIso}::timestamptz))
                 or m.scheduled_for < ${nowIso}::timestamptz - make_interval(mins => ${STALE_AFTER_MINUTES}))
          order by m.not_before, m.created_at
          limit ${opts.limit ?? 5000}`,
    ),
  );
  if (!candidates.length) return totals;

  // Emails without a mailbox (theirs was removed from the campaign or deleted) get one first.
  const orphans = candidates.filter((c) => !c.mailbox_id);
  if (orphans.length) await assignMailboxes(deps.db, orphans);

  const byMailbox = new Map<string, TSlotCandidate[]>();
  for (const c of candidates) if (c.mailbox_id) (byMailbox.get(c.mailbox_id) ?? byMailbox.set(c.mailbox_id, []).get(c.mailbox_id)!).push(c);
  for (const [mailboxId, list] of byMailbox) {
    await asService(deps.db, async (tx) => {
      const [mb] = await rows<{ id: string; email: string; status: string; timezone: string; daily_limit: number; min_gap_seconds: number; gap_jitter_seconds: number;
        warmup_enabled: boolean; warmup_start: number; warmup_increment: number; warmup_started_on: string | null; paused_reason: string | null }>(
        tx,
        sql`select id, email, status, timezone, daily_limit, min_gap_seconds, gap_jitter_seconds, warmup_enabled, warmup_start, warmup_increment,
                   to_char(warmup_started_on, 'YYYY-MM-DD') as warmup_started_on, paused_reason
            from public.mailboxes where id = ${mailboxId}::uuid for update`,
      );
      const ids = list.map((c) => c.id);
      if (!mb || mb.status !== 'active') {
        await tx.execute(sql`update public.messages set slot_retry_at = ${new Date(now.getTime() + 10 * 60_000).toISOString()}::timestamptz, scheduled_for = null
                             where id = any(${sql.param(ids)}::uuid[]) and status = 'scheduled'`);
        await tx.execute(sql`update public.enrollments set waiting_reason = 'mailbox_paused', waiting_detail = ${JSON.stringify({ mailbox: mb?.email ?? null, reason: mb?.paused_reason ?? null })}::jsonb
                             where id = any(${sql.param(list.map((c) => c.enrollment_id))}::uuid[]) and status = 'active'`);
        totals.slotDeferred += list.length;
        return;
      }
      const locked = new Set(
        (await rows<{ id: string }>(tx, sql`select id from public.messages where id = any(${sql.param(ids)}::uuid[]) and status = 'scheduled' and mailbox_id = ${mailboxId}::uuid for update skip locked`)).map((r) => r.id),
      );
      const mine = list.filter((c) => locked.has(c.id));
      const horizonEnd = new Date(now.getTime() + 15 * 86_400_000).toISOString();
      const taken = await rows<{ at: string }>(
        tx,
        sql`select scheduled_for as at from public.messages
            where mailbox_id = ${mailboxId}::uuid and scheduled_for is not null and status in ('scheduled', 'sending', 'sent', 'bounced', 'uncertain')
              and scheduled_for >= ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz and scheduled_for < ${horizonEnd}::timestamptz
              and not (id = any(${sql.param(ids)}::uuid[]))`,
      );
      const pacing = {
        timezone: mb.timezone, dailyLimit: mb.daily_limit, minGapSeconds: mb.min_gap_seconds, jitterSeconds: mb.gap_jitter_seconds,
        warmup: { enabled: mb.warmup_enabled, start: mb.warmup_start, increment: mb.warmup_increment, startedOn: mb.warmup_started_on },
      };
      const ledger = createLedger(taken.map((t) => new Date(t.at)), mb.timezone);
      const msgUpdates: { id: string; scheduled_for: string | null; slot_retry_at: string | null }[] = [];
      const enrUpdates: { id: string; waiting_reason: string; waiting_detail: Record<string, unknown> }[] = [];
      for (const c of mine) {
        const s = readSettings(c.settings);
        const tz = zoneFor(s, c.lead_tz);
        const window = windowOf(s);
        const earliest = new Date(Math.max(now.getTime(), new Date(c.not_before).getTime()));
        const r = nextSendTime({ earliest, timezone: tz, window, mailbox: pacing, reserved: ledger, random });
        if (r.ok) {
          ledger.add(r.at);
          msgUpdates.push({ id: c.id, scheduled_for: r.at.toISOString(), slot_retry_at: null });
          const reason = c.attempts > 0 && c.last_error ? 'retrying' : r.at.getTime() - earliest.getTime() < 60_000 ? 'scheduled' : (r.pushedBy[0] ?? 'scheduled');
          enrUpdates.push({
            id: c.enrollment_id, waiting_reason: reason,
            waiting_detail: { at: r.at.toISOString(), timezone: tz, window, mailbox: mb.email, gapSeconds: mb.min_gap_seconds, ...(c.last_error && c.attempts > 0 ? { error: c.last_error } : {}) },
          });
          totals.slotted++;
          if (r.at.getTime() <= now.getTime() + 5_000) totals.dueNow++;
        } else {
          msgUpdates.push({ id: c.id, scheduled_for: null, slot_retry_at: r.retryAt.toISOString() });
          enrUpdates.push({ id: c.enrollment_id, waiting_reason: 'daily_cap_reached', waiting_detail: { mailbox: mb.email, cap: mb.daily_limit, warmup: mb.warmup_enabled, retryAt: r.retryAt.toISOString() } });
          totals.slotDeferred++;
        }
      }
      if (msgUpdates.length) {
        await tx.execute(sql`update public.messages m set scheduled_for = x.scheduled_for, slot_retry_at = x.slot_retry_at
                             from jsonb_to_recordset(${JSON.stringify(msgUpdates)}::jsonb) as x(id uuid, scheduled_for timestamptz, slot_retry_at timestamptz)
                             where m.id = x.id`);
        await tx.execute(sql`update public.enrollments e set waiting_reason = x.waiting_reason, waiting_detail = x.waiting_detail
                             from jsonb_to_recordset(${JSON.stringify(enrUpdates)}::jsonb) as x(id uuid, waiting_reason text, waiting_detail jsonb)
                             where e.id = x.id and e.status = 'active'`);
      }
    });
  }
  return totals;
}

/** Emails left without a mailbox go to the campaign's active mailbox with the most room (by rotation). */
async function assignMailboxes(db: Db, list: TSlotCandidate[]): Promise<void> {
  await asService(db, async (tx) => {
    const mbs = await rows<{ campaign_id: string; id: string; email: string; display_name: string | null; daily_limit: number; recent: number }>(
      tx,
      sql`select cm.campaign_id, mb.id, mb.email, mb.display_name, mb.daily_limit,
                 (select count(*)::int from public.messages m where m.mailbox_id = mb.id and m.created_at > now() - interval '1 day') as recent
          from public.campaign_mailboxes cm join public.mailboxes mb on mb.id = cm.mailbox_id
          where cm.campaign_id = any(${sql.param([...new Set(list.map((c) => c.campaign_id))])}::uuid[]) and mb.status = 'active'`,
    );
    const recent = new Map(mbs.map((m) => [m.id, m.recent]));
    const assigned: Record<string, unknown>[] = [];
    for (const c of list) {
      const choices = mbs.filter((m) => m.campaign_id === c.campaign_id).sort((a, b) => (recent.get(a.id) ?? 0) / a.daily_limit - (recent.get(b.id) ?? 0) / b.daily_limit);
      const m = choices[0];
      if (!m) continue;
      recent.set(m.id, (recent.get(m.id) ?? 0) + 1);
      c.mailbox_id = m.id;
      assigned.push({ id: c.id, mailbox_id: m.id, from_email: m.email, from_name: m.display_name, message_id_header: `<${c.id}@${domainOf(m.email)}>` });
    }
    if (assigned.length) {
      await tx.execute(sql`update public.messages m set mailbox_id = x.mailbox_id, from_email = x.from_email, from_name = x.from_name, message_id_header = x.message_id_header
                           from jsonb_to_recordset(${JSON.stringify(assigned)}::jsonb) as x(id uuid, mailbox_id uuid, from_email text, from_name text, message_id_header text)
                           where m.id = x.id and m.mailbox_id is null`);
      await tx.execute(sql`update public.enrollments e set mailbox_id = x.mailbox_id
                           from (select m.enrollment_id, m.mailbox_id from public.messages m where m.id = any(${sql.param(assigned.map((a) => a.id as string))}::uuid[])) x
                           where e.id = x.enrollment_id`);
    }
    const none = list.filter((c) => !c.mailbox_id);
    if (none.length) {
      await tx.execute(sql`update public.messages set slot_retry_at = now() + interval '10 minutes' where id = any(${sql.param(none.map((c) => c.id))}::uuid[])`);
      await tx.execute(sql`update public.enrollments set waiting_reason = 'no_mailbox', waiting_detail = '{}'::jsonb where id = any(${sql.param(none.map((c) => c.enrollment_id))}::uuid[]) and status = 'active'`);
    }
  });
}

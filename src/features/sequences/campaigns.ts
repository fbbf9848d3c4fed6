/**
 * Campaigns (S4): made from a template, an existing sequence or blank steps; mailboxes to rotate
 * across; settings (window, days, timezone rule, caps, stop rules, tracking, approval mode, footer);
 * the lifecycle draft → active → paused → completed → archived with its checks; moving enrollments to
 * a newer version of the sequence.
 */
import { z } from 'zod';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { one, rows, sql, type Db } from '@/db';
import { campaignMailboxes, campaigns, mailboxes, CAMPAIGN_STATUSES, type TCampaignStatus } from '@/db/schema';
import { recordAudit } from '@/features/accounts';
import { ensureDevMailbox } from '@/features/mailboxes';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { TAllowList } from '@/lib/safe-fetch';
import { auditActorType, iso, mergeSettings, orgDefaults, validateStepsForSave, type TActor } from './common';
import { checkStepsContent, type TContentProblem } from './compose';
import { mapPosition } from './machine';
import { kickAdvance } from './jobs';
import { createSequence, getSequenceRow, getVersion, latestVersion } from './sequences';
import { readSettings, transitionProblem, ZCampaignSettingsPatch, type TCampaignSettings } from './settings';
import type { TStep } from './steps';
import { getTemplateRow } from './templates';

export const ZCreateCampaign = z.object({
  name: z.string().trim().min(1, 'Give the campaign a name.').max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  /** Start from a template (its steps are copied into a new sequence), an existing sequence, or steps. */
  templateId: z.uuid().optional(),
  sequenceId: z.uuid().optional(),
  steps: z.array(z.unknown()).max(50).optional(),
  mailboxIds: z.array(z.uuid()).max(50).optional(),
  settings: ZCampaignSettingsPatch.optional(),
}).strict().refine((v) => [v.templateId, v.sequenceId, v.steps].filter(Boolean).length <= 1, { message: 'Give a template, a sequence or steps — one of them.', path: ['templateId'] });
export type TCreateCampaign = z.infer<typeof ZCreateCampaign>;

export const ZUpdateCampaign = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  settings: ZCampaignSettingsPatch.optional(),
  mailboxIds: z.array(z.uuid()).max(50).optional(),
}).strict();

export type TCampaignRow = typeof campaigns.$inferSelect;

export type TCampaignView = {
  id: string; name: string; description: string | null; status: TCampaignStatus; sequenceId: string; templateId: string | null;
  settings: TCampaignSettings; ownerId: string | null;
  mailboxes: { id: string; email: string; displayName: string | null; status: string; provider: string }[];
  currentVersion: { id: string; version: number };
  counts: { enrolled: number; active: number; paused: number; completed: number; stopped: number; pendingApproval: number; blocked: number; uncertain: number; scheduled: number; sent: number };
  startedAt: string | null; pausedAt: string | null; completedAt: string | null; archivedAt: string | null; createdAt: string; updatedAt: string;
};

async function campaignRow(db: Db, orgId: string, id: string): Promise<TCampaignRow> {
  const [c] = await db.select().from(campaigns).where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, id)));
  if (!c) throw new AppError('NOT_FOUND', 'That campaign does not exist.');
  return c;
}

export { campaignRow as getCampaignRow };

type TCounts = TCampaignView['counts'];

async function countsFor(db: Db, ids: string[]): Promise<Map<string, TCounts>> {
  if (!ids.length) return new Map();
  const r = await rows<TCounts & { campaign_id: string }>(
    db,
    sql`select c.id as campaign_id,
          (select count(*)::int from public.enrollments e where e.campaign_id = c.id) as enrolled,
          (select count(*)::int from public.enrollments e where e.campaign_id = c.id and e.status = 'active') as active,
          (select count(*)::int from public.enrollments e where e.campaign_id = c.id and e.status = 'paused') as paused,
          (select count(*)::int from public.enrollments e where e.campaign_id = c.id and e.status = 'completed') as completed,
          (select count(*)::int from public.enrollments e where e.campaign_id = c.id and e.status = 'stopped') as stopped,
          (select count(*)::int from public.messages m where m.campaign_id = c.id and m.status = 'pending_approval') as "pendingApproval",
          (select count(*)::int from public.messages m where m.campaign_id = c.id and m.status = 'blocked') as blocked,
          (select count(*)::int from public.messages m where m.campaign_id = c.id and m.status = 'uncertain') as uncertain,
          (select count(*)::int from public.messages m where m.campaign_id = c.id and m.status = 'scheduled') as scheduled,
          (select count(*)::int from public.messages m where m.campaign_id = c.id and m.status in ('sent', 'bounced')) as sent
        from public.campaigns c where c.id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(r.map(({ campaign_id, ...c }) => [campaign_id, c]));
}

async function views(db: Db, list: TCampaignRow[]): Promise<TCampaignView[]> {
  const ids = list.map((c) => c.id);
  if (!ids.length) return [];
  const [counts, mbs, versions] = await Promise.all([
    countsFor(db, ids),
    db.select({ campaignId: campaignMailboxes.campaignId, id: mailboxes.id, email: mailboxes.email, displayName: mailboxes.displayName, status: mailboxes.status, provider: mailboxes.provider })
      .from(campaignMailboxes).innerJoin(mailboxes, eq(mailboxes.id, campaignMailboxes.mailboxId)).where(inArray(campaignMailboxes.campaignId, ids)),
    rows<{ sequence_id: string; id: string; version: number }>(
      db,
      sql`select distinct on (sequence_id) sequence_id, id, version from public.sequence_versions
          where sequence_id = any(${sql.param([...new Set(list.map((c) => c.sequenceId))])}::uuid[]) order by sequence_id, version desc`,
    ),
  ]);
  const vBySeq = new Map(versions.map((v) => [v.sequence_id, { id: v.id, version: v.version }]));
  return list.map((c) => ({
    id: c.id, name: c.name, description: c.description, status: c.status, sequenceId: c.sequenceId, templateId: c.templateId,
    settings: readSettings(c.settings), ownerId: c.ownerId,
    mailboxes: mbs.filter((m) => m.campaignId === c.id).map(({ campaignId: _, ...m }) => m),
    currentVersion: vBySeq.get(c.sequenceId) ?? { id: '', version: 0 },
    counts: counts.get(c.id)!,
    startedAt: iso(c.startedAt), pausedAt: iso(c.pausedAt), completedAt: iso(c.completedAt), archivedAt: iso(c.archivedAt),
    createdAt: iso(c.createdAt)!, updatedAt: iso(c.updatedAt)!,
  }));
}

export async function getCampaign(db: Db, orgId: string, id: string): Promise<TCampaignView> {
  return (await views(db, [await campaignRow(db, orgId, id)]))[0]!;
}

export const ZCampaignQuery = z.object({ status: z.enum(CAMPAIGN_STATUSES).optional() });

export async function findCampaigns(db: Db, orgId: string, q: z.infer<typeof ZCampaignQuery> = {}): Promise<TCampaignView[]> {
  const list = await db.select().from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), q.status ? eq(campaigns.status, q.status) : undefined))
    .orderBy(desc(campaigns.createdAt)).limit(500);
  return views(db, list);
}

/** Campaigns leads can still join (draft, active, paused), newest first: the "Add to campaign" pickers. */
export async function findOpenCampaigns(db: Db, orgId: string): Promise<{ id: string; name: string; status: string }[]> {
  return db.select({ id: campaigns.id, name: campaigns.name, status: campaigns.status }).from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), inArray(campaigns.status, ['draft', 'active', 'paused'])))
    .orderBy(desc(campaigns.createdAt)).limit(500);
}

/** Mailboxes of the organization by id; refuses ids that are not its own. */
async function checkMailboxes(db: Db, orgId: string, ids: string[]): Promise<string[]> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return [];
  const found = await db.select({ id: mailboxes.id }).from(mailboxes).where(and(eq(mailboxes.orgId, orgId), inArray(mailboxes.id, uniq)));
  if (found.length !== uniq.length) throw new AppError('INVALID_INPUT', 'Some of the mailboxes do not exist in this organization.', { fields: { mailboxIds: ['Unknown mailbox.'] } });
  return uniq;
}

export async function setCampaignMailboxes(db: Db, actor: TActor, campaignId: string, mailboxIds: string[]): Promise<void> {
  await campaignRow(db, actor.orgId, campaignId);
  const ids = await checkMailboxes(db, actor.orgId, mailboxIds);
  await db.delete(campaignMailboxes).where(and(eq(campaignMailboxes.campaignId, campaignId), ids.length ? sql`${campaignMailboxes.mailboxId} <> all(${sql.param(ids)}::uuid[])` : undefined));
  if (ids.length) {
    await db.insert(campaignMailboxes).values(ids.map((mailboxId) => ({ campaignId, mailboxId, orgId: actor.orgId }))).onConflictDoNothing();
  }
  // Unsent emails whose mailbox left the campaign are slotted again on the remaining ones (unless it is their thread's mailbox).
  await db.execute(sql`update public.messages m set mailbox_id = null, scheduled_for = null, from_email = null, from_name = null, message_id_header = null
                       where m.campaign_id = ${campaignId}::uuid and m.status = 'scheduled' and m.in_reply_to is null
                         and m.mailbox_id is not null and not (m.mailbox_id = any(${sql.param(ids)}::uuid[]))`);
}

export async function createCampaign(db: Db, actor: TActor, input: TCreateCampaign, opts: { allowForTests?: TAllowList } = {}): Promise<TCampaignView> {
  let sequenceId = input.sequenceId;
  let templateSettings: Record<string, unknown> = {};
  if (input.templateId) templateSettings = (await getTemplateRow(db, actor.orgId, input.templateId)).settings ?? {};
  if (sequenceId) await getSequenceRow(db, actor.orgId, sequenceId);
  else sequenceId = (await createSequence(db, actor, { name: input.name, templateId: input.templateId, steps: input.steps }, opts)).id;
  const settings = mergeSettings(await orgDefaults(db, actor.orgId), templateSettings, input.settings);
  const [c] = await db
    .insert(campaigns)
    .values({ orgId: actor.orgId, name: input.name, description: input.description ?? null, sequenceId, templateId: input.templateId ?? null, settings, ownerId: actor.userId })
    .returning();
  let mailboxIds = input.mailboxIds ?? [];
  if (!mailboxIds.length && env().mode === 'local') {
    const dev = await ensureDevMailbox(db, actor);
    if (dev) mailboxIds = [dev];
  }
  if (mailboxIds.length) await setCampaignMailboxes(db, actor, c!.id, mailboxIds);
  return getCampaign(db, actor.orgId, c!.id);
}

export async function updateCampaign(db: Db, actor: TActor, id: string, patch: z.infer<typeof ZUpdateCampaign>): Promise<TCampaignView> {
  const c = await campaignRow(db, actor.orgId, id);
  if (c.status === 'archived') throw new AppError('CONFLICT', 'An archived campaign cannot be changed.');
  const settings = patch.settings ? mergeSettings(readSettings(c.settings), patch.settings) : undefined;
  await db.update(campaigns).set({
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(settings ? { settings } : {}),
  }).where(and(eq(campaigns.orgId, actor.orgId), eq(campaigns.id, id)));
  if (patch.mailboxIds) await setCampaignMailboxes(db, actor, id, patch.mailboxIds);
  if (settings) {
    // New window or days: unsent, not yet due emails are slotted again under the new rules.
    await db.execute(sql`update public.messages set scheduled_for = null, slot_retry_at = null
                         where campaign_id = ${id}::uuid and status = 'scheduled' and scheduled_for > now()`);
  }
  return getCampaign(db, actor.orgId, id);
}

export type TReadiness = { ready: boolean; problems: string[]; warnings: string[] };

/** What stands between a campaign and sending (checked on activation; shown before it). */
export async function campaignReadiness(db: Db, orgId: string, id: string): Promise<TReadiness> {
  const c = await campaignRow(db, orgId, id);
  const problems: string[] = [];
  const warnings: string[] = [];
  const v = await latestVersion(db, c.sequenceId);
  const steps = v.steps as TStep[];
  try {
    await validateStepsForSave(steps, { checkDns: false });
  } catch (e) {
    problems.push(`The sequence has problems: ${(e as Error).message}`);
  }
  if (!steps.some((s) => s.type === 'email')) warnings.push('The sequence has no email step.');
  const content = checkStepsContent(steps).problems.filter((p: TContentProblem) => p.code === 'custom_field');
  for (const p of content.slice(0, 5)) warnings.push(p.message);
  if (steps.some((s) => s.type === 'whatsapp' || s.type === 'sms')) warnings.push('WhatsApp and SMS steps are skipped until a messaging number is connected.');
  const mbs = await db.select({ status: mailboxes.status, email: mailboxes.email }).from(campaignMailboxes)
    .innerJoin(mailboxes, eq(mailboxes.id, campaignMailboxes.mailboxId)).where(eq(campaignMailboxes.campaignId, id));
  if (!mbs.length) problems.push('Add at least one mailbox to send from.');
  else if (!mbs.some((m) => m.status === 'active')) problems.push(`Every mailbox of the campaign is paused (${mbs.map((m) => m.email).join(', ')}).`);
  const org = await one<{ postal_address: string | null }>(db, sql`select postal_address from public.organizations where id = ${orgId}::uuid`);
  const s = readSettings(c.settings);
  if (s.unsubscribeFooter && !org?.postal_address) warnings.push('Your organization has no postal address; the footer shows only its name. Add one in Settings (required by CAN-SPAM).');
  if (!s.unsubscribeFooter) warnings.push('The unsubscribe footer is off; the List-Unsubscribe header is still sent.');
  return { ready: problems.length === 0, problems, warnings };
}

/** Moves a campaign through its lifecycle; activation checks readiness; ending stops its enrollments. */
export async function transitionCampaign(db: Db, actor: TActor, id: string, to: TCampaignStatus): Promise<TCampaignView> {
  const c = await campaignRow(db, actor.orgId, id);
  const problem = transitionProblem(c.status, to);
  if (problem) throw new AppError('CONFLICT', problem);
  if (to === 'active') {
    const r = await campaignReadiness(db, actor.orgId, id);
    if (!r.ready) throw new AppError('INVALID_INPUT', `The campaign cannot start yet: ${r.problems.join(' ')}`);
  }
  const now = new Date();
  const [u] = await db.update(campaigns).set({
    status: to,
    ...(to === 'active' ? { startedAt: c.startedAt ?? now, pausedAt: null } : {}),
    ...(to === 'paused' ? { pausedAt: now } : {}),
    ...(to === 'completed' ? { completedAt: now } : {}),
    ...(to === 'archived' ? { archivedAt: now } : {}),
  }).where(and(eq(campaigns.orgId, actor.orgId), eq(campaigns.id, id), eq(campaigns.status, c.status))).returning({ id: campaigns.id });
  if (!u) throw new AppError('CONFLICT', 'The campaign changed meanwhile; reload and try again.');
  if (to === 'active') {
    // Resume: look at every active enrollment now (stale slots are re-slotted by the advance job).
    await db.execute(sql`update public.enrollments set next_step_at = now() where campaign_id = ${id}::uuid and status = 'active' and next_step_at is null and waiting_reason is null`);
    await kickAdvance(db, actor.orgId);
  }
  if (to === 'completed' || to === 'archived') {
    await db.execute(sql`update public.messages set status = 'cancelled' where campaign_id = ${id}::uuid and status in ('scheduled', 'pending_approval', 'blocked')`);
    await db.execute(sql`update public.enrollments set status = 'stopped', stop_reason = 'campaign_ended', stopped_at = now(), next_step_at = null, waiting_reason = null
                         where campaign_id = ${id}::uuid and status in ('active', 'paused')`);
  }
  await recordAudit(db, {
    orgId: actor.orgId, actorId: actor.userId, actorType: auditActorType(actor), action: `campaign.${to === 'active' ? (c.status === 'draft' ? 'activated' : 'resumed') : to}`,
    targetType: 'campaign', targetId: id, metadata: { from: c.status, to, name: c.name }, ip: actor.ip,
  });
  return getCampaign(db, actor.orgId, id);
}

/** Deletes a draft campaign (and its own sequence); other campaigns are archived instead. */
export async function deleteCampaign(db: Db, actor: TActor, id: string): Promise<void> {
  const c = await campaignRow(db, actor.orgId, id);
  if (c.status !== 'draft') throw new AppError('CONFLICT', 'Only a draft campaign can be deleted; archive this one instead (its history stays).');
  await db.delete(campaigns).where(and(eq(campaigns.orgId, actor.orgId), eq(campaigns.id, id)));
  const other = await one<{ n: number }>(db, sql`select count(*)::int as n from public.campaigns where sequence_id = ${c.sequenceId}::uuid`);
  if (!other?.n) await db.execute(sql`delete from public.sequences where id = ${c.sequenceId}::uuid and org_id = ${actor.orgId}::uuid`);
}

export const ZMoveEnrollments = z.object({
  /** Default: the sequence's latest version. */
  toVersionId: z.uuid().optional(),
  /** Default: every active or paused enrollment of the campaign on another version. */
  enrollmentIds: z.array(z.uuid()).max(10_000).optional(),
}).strict();

/**
 * Moves enrollments to another version of the campaign's sequence (the user's choice; never
 * automatic). Each continues at the step with the same id, else after the last step it passed; what
 * it already received stays received (messages are unique per enrollment and step id).
 */
export async function moveEnrollmentsToVersion(db: Db, actor: TActor, campaignId: string, input: z.infer<typeof ZMoveEnrollments>): Promise<{ moved: number; unchanged: number; notMappable: number; toVersion: number }> {
  const c = await campaignRow(db, actor.orgId, campaignId);
  const target = input.toVersionId ? await getVersion(db, actor.orgId, input.toVersionId) : await latestVersion(db, c.sequenceId);
  if (target.sequenceId !== c.sequenceId) throw new AppError('INVALID_INPUT', "That version belongs to another sequence than the campaign's.");
  const list = await rows<{ id: string; version_id: string; idx: number; steps: TStep[] }>(
    db,
    sql`select e.id, e.sequence_version_id as version_id, e.current_step_index as idx, v.steps
        from public.enrollments e join public.sequence_versions v on v.id = e.sequence_version_id
        where e.campaign_id = ${campaignId}::uuid and e.status in ('active', 'paused')
          ${input.enrollmentIds ? sql`and e.id = any(${sql.param(input.enrollmentIds)}::uuid[])` : sql``}
        for update of e`,
  );
  const newSteps = target.steps as TStep[];
  const updates: { id: string; idx: number; step: string | null }[] = [];
  let unchanged = 0;
  let notMappable = 0;
  for (const e of list) {
    if (e.version_id === target.id) {
      unchanged++;
      continue;
    }
    const idx = mapPosition(e.steps, newSteps, e.idx);
    if (idx === undefined) {
      notMappable++;
      continue;
    }
    updates.push({ id: e.id, idx, step: newSteps[idx]?.id ?? null });
  }
  if (updates.length) {
    await db.execute(sql`
      update public.enrollments e set sequence_version_id = ${target.id}::uuid, current_step_index = x.idx, current_step_id = x.step, next_step_at = now()
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(id uuid, idx int, step text)
      where e.id = x.id`);
    // Unsent emails were composed from the old version: drop them so the new version's content is used.
    await db.execute(sql`delete from public.messages where enrollment_id = any(${sql.param(updates.map((u) => u.id))}::uuid[])
                         and status in ('blocked', 'pending_approval', 'scheduled')`);
  }
  return { moved: updates.length, unchanged, notMappable, toVersion: target.version };
}

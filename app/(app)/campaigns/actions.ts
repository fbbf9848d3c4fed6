'use server';
/** Campaign actions: thin — shape the input, call the sequences feature, refresh the pages. */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requestMeta, userAction } from '@/lib/http/action';
import type { TUserContext } from '@/lib/auth';
import { CAMPAIGN_STATUSES } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { findLeads } from '@/features/leads';
import {
  MAX_ENROLL_PER_REQUEST, ZCampaignSettingsPatch, actorOf, createCampaign, deleteCampaign, enrollLeads, getCampaign, markMeetingBooked, moveEnrollmentsToVersion,
  pauseEnrollment, resumeEnrollment, retryBlocked, saveSequenceVersion, transitionCampaign, updateCampaign, type TStep,
} from '@/features/sequences';
import { notesByStep, parseStepsJson, rethrowByStep } from '../sequences/step-fields';
import { audienceFilter, settingsFromForm } from './form-input';

async function actor(ctx: TUserContext) {
  const { ip } = await requestMeta();
  return actorOf(ctx, ip);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const many = (v: unknown): string[] => (Array.isArray(v) ? v : v ? [v] : []).filter((x): x is string => typeof x === 'string' && x !== '');
const refresh = (id?: string) => {
  revalidatePath('/campaigns', 'layout');
  if (id) revalidatePath(`/campaigns/${id}`);
};

// ---- create, lifecycle, delete --------------------------------------------------------------------

const ZCreateForm = z.object({
  name: z.string().max(500).default(''),
  start: z.enum(['blank', 'template']).default('blank'),
  templateId: z.string().optional(),
  mailboxIds: z.union([z.string(), z.array(z.string())]).optional(),
});

export const createCampaignAction = userAction(ZCreateForm, async ({ input, ctx, db }) => {
  const templateId = input.start === 'template' ? input.templateId : undefined;
  if (input.start === 'template' && !templateId) throw new AppError('INVALID_INPUT', 'Choose a template, or start from a blank sequence.', { fields: { templateId: ['Choose a template.'] } });
  const c = await createCampaign(db, await actor(ctx), {
    name: input.name,
    ...(templateId ? { templateId: z.uuid({ message: 'Choose a template.' }).parse(templateId) } : {}),
    mailboxIds: many(input.mailboxIds),
  });
  refresh();
  redirect(`/campaigns/${c.id}?tab=sequence&created=1`);
});

export const transitionCampaignAction = userAction(z.object({ id: z.uuid(), to: z.enum(CAMPAIGN_STATUSES) }), async ({ input, ctx, db }) => {
  const c = await transitionCampaign(db, await actor(ctx), input.id, input.to);
  refresh(input.id);
  const words: Record<string, string> = {
    active: 'Active: emails go out as their send slots come.',
    paused: 'Paused: nothing is sent until you resume it.',
    completed: 'Completed: every lead stopped and unsent emails were cancelled.',
    archived: 'Archived.',
  };
  return { message: words[c.status] ?? `Now ${c.status}.` };
});

export const deleteCampaignAction = userAction(z.object({ id: z.uuid() }), async ({ input, ctx, db }) => {
  await deleteCampaign(db, await actor(ctx), input.id);
  refresh();
  redirect('/campaigns?deleted=1');
});

// ---- sequence ------------------------------------------------------------------------------------

export const saveCampaignSequenceAction = userAction(z.object({ campaignId: z.uuid(), steps: z.string().max(5_000_000) }), async ({ input, ctx, db }) => {
  const steps = parseStepsJson(input.steps);
  const c = await getCampaign(db, ctx.orgId, input.campaignId);
  let saved;
  try {
    saved = await saveSequenceVersion(db, await actor(ctx), c.sequenceId, steps);
  } catch (e) {
    rethrowByStep(e, steps);
  }
  refresh(c.id);
  const older = saved.stillOnOlder;
  return {
    data: { steps: saved.version.steps as TStep[], version: saved.version.version, stillOnOlder: older, notes: notesByStep(saved, steps) },
    message:
      `Saved as version ${saved.version.version}.` +
      (older ? ` ${plural(older, 'lead')} already in the campaign stay${older === 1 ? 's' : ''} on the version they started with unless you move them.` : ''),
  };
});

export const moveEnrollmentsAction = userAction(z.object({ campaignId: z.uuid() }), async ({ input, ctx, db }) => {
  const r = await moveEnrollmentsToVersion(db, await actor(ctx), input.campaignId, {});
  refresh(input.campaignId);
  const parts = [`Moved ${plural(r.moved, 'lead')} to version ${r.toVersion}.`];
  if (r.notMappable) parts.push(`${plural(r.notMappable, 'lead')} could not be placed in the new steps and stayed where they were.`);
  return { data: r, message: `${parts.join(' ')} Emails they already received are not sent again.` };
});

// ---- settings and mailboxes --------------------------------------------------------------------------

export const updateCampaignAction = userAction(z.record(z.string(), z.unknown()), async ({ input, ctx, db }) => {
  const id = z.uuid().parse(input.id);
  const parsed = ZCampaignSettingsPatch.safeParse(settingsFromForm(input));
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fields[`settings.${String(i.path[0] ?? 'windowStart')}`] ??= []).push(i.message);
    throw new AppError('INVALID_INPUT', 'Some settings are not valid.', { fields });
  }
  const settings = parsed.data;
  const c = await updateCampaign(db, await actor(ctx), id, {
    name: typeof input.name === 'string' ? input.name : undefined,
    description: typeof input.description === 'string' ? input.description.trim() || null : undefined,
    settings,
    mailboxIds: many(input.mailboxIds),
  });
  refresh(id);
  return { message: `Saved. ${c.mailboxes.length ? `Sending from ${c.mailboxes.map((m) => m.email).join(', ')}.` : 'No mailbox yet: add one before activating.'} Emails not yet sent are rescheduled under the new rules.` };
});

// ---- enrollment ----------------------------------------------------------------------------------

const ZEnrollForm = z.object({
  campaignId: z.uuid(),
  leadIds: z.array(z.uuid()).max(MAX_ENROLL_PER_REQUEST).optional(),
  listIds: z.array(z.uuid()).max(50).optional(),
  /** "Everything matching this search": the leads table's own filter. */
  filter: z.object({ q: z.string().max(200).optional(), status: z.string().max(50).optional(), listId: z.string().optional(), tagId: z.string().optional() }).optional(),
  allowActiveElsewhere: z.boolean().default(false),
});

export const enrollAction = userAction(ZEnrollForm, async ({ input, ctx, db }) => {
  const r = await enrollLeads(db, await actor(ctx), input.campaignId, {
    leadIds: input.leadIds,
    listIds: input.listIds,
    filter: input.filter ? audienceFilter(input.filter) : undefined,
    allowActiveElsewhere: input.allowActiveElsewhere,
  });
  refresh(input.campaignId);
  return { data: r, message: r.enrolled ? `Enrolled ${plural(r.enrolled, 'lead')}.` : 'No lead was enrolled.' };
});

/** Leads to pick from on the Audience tab: the leads table's search and filters, with the total. */
export const findAudienceAction = userAction(
  z.object({ q: z.string().max(200).default(''), status: z.string().max(50).default(''), listId: z.string().default(''), tagId: z.string().default('') }),
  async ({ input, ctx, db }) => {
    const page = await findLeads(db, ctx.orgId, { ...audienceFilter(input), limit: 25, sort: 'updated', withCount: true });
    return {
      total: page.total ?? page.items.length,
      items: page.items.map((l) => ({
        id: l.id, name: l.fullName || [l.firstName, l.lastName].filter(Boolean).join(' ') || l.email || 'Unnamed lead', email: l.email, company: l.companyName,
        status: l.status, suppressed: Boolean(l.suppressedAt), timezone: l.timezone,
      })),
    };
  },
);

export const enrollmentAction = userAction(z.object({ id: z.uuid(), intent: z.enum(['pause', 'resume', 'retry']) }), async ({ input, ctx, db }) => {
  const who = await actor(ctx);
  const e = input.intent === 'pause' ? await pauseEnrollment(db, who, input.id) : input.intent === 'resume' ? await resumeEnrollment(db, who, input.id) : await retryBlocked(db, who, input.id);
  refresh(e.campaignId);
  revalidatePath(`/leads/${e.leadId}`);
  return { message: input.intent === 'pause' ? 'Paused for this lead.' : input.intent === 'resume' ? 'Resumed for this lead.' : 'The email will be composed again now.' };
});

/** "Meeting booked" on a lead: stops its enrollments where the campaign says so. */
export const meetingBookedAction = userAction(z.object({ leadId: z.uuid() }), async ({ input, ctx, db }) => {
  const r = await markMeetingBooked(db, { orgId: ctx.orgId, leadId: input.leadId, source: 'marked by a teammate', actorId: ctx.userId });
  revalidatePath(`/leads/${input.leadId}`);
  revalidatePath('/campaigns', 'layout');
  return { message: r.stopped ? `Meeting booked: stopped ${plural(r.stopped, 'enrollment')}.` : 'Meeting booked. No running campaign had to stop for it.' };
});

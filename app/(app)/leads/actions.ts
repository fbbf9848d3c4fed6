'use server';
/** Leads form actions: thin — validate with the feature's schemas, call the service, refresh the pages. */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requestMeta, userAction } from '@/lib/http/action';
import { asUser, type TUserContext } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import {
  LEAD_STATUSES, ZBulkLeads, ZLeadSelection, ZCustomFieldInput, ZCustomFieldPatch, ZLeadFilter, ZListInput, ZListPatch, ZRestoreLeads, ZTagInput, ZTagPatch,
  bulkLeadAction, countLeads, createCustomField, createLead, createList, createTag, deleteCustomField, deleteLeads, deleteList, deleteTag,
  getLead, restoreLeads, updateCustomField, updateLead, updateList, updateTag, type TActor, type TLead,
} from '@/features/leads';
import { enrollLeads, getCampaign } from '@/features/sequences';

async function actor(ctx: TUserContext): Promise<TActor> {
  const { ip } = await requestMeta();
  return { orgId: ctx.orgId, userId: ctx.userId, via: ctx.via, apiKeyId: ctx.apiKeyId, ip };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** How many leads match a filter (asked for only when someone selects "all matching"). */
export const countMatchingAction = userAction(ZLeadFilter, async ({ input, ctx, db }) => ({ data: await countLeads(db, ctx.orgId, input) }));

const BULK_DONE: Record<string, (n: number) => string> = {
  add_to_list: (n) => `Added ${plural(n, 'lead')} to the list.`,
  remove_from_list: (n) => `Removed ${plural(n, 'lead')} from the list.`,
  tag: (n) => `Tagged ${plural(n, 'lead')}.`,
  untag: (n) => `Removed the tag from ${plural(n, 'lead')}.`,
  set_status: (n) => `Changed the status of ${plural(n, 'lead')}.`,
  delete: (n) => `Deleted ${plural(n, 'lead')}.`,
};

export const bulkLeadsAction = userAction(ZBulkLeads, async ({ input, ctx, db }) => {
  const r = await bulkLeadAction(db, await actor(ctx), input);
  revalidatePath('/leads', 'layout');
  const none = r.affected === 0 ? ' Nothing needed changing.' : '';
  return { data: r, message: `${BULK_DONE[r.action]?.(r.affected) ?? 'Done.'}${none}` };
});

/**
 * "Add to campaign" from the leads table: the selection (ids, or everything matching the filter) is
 * enrolled in the campaign by its rules; leads without an email, suppressed, already in it or active in
 * another campaign are skipped and counted.
 */
export const enrollLeadsAction = userAction(z.object({ campaignId: z.uuid(), selection: ZLeadSelection }), async ({ input, ctx, db }) => {
  const campaign = await getCampaign(db, ctx.orgId, input.campaignId);
  const sel = input.selection;
  const r = await enrollLeads(db, await actor(ctx), input.campaignId, 'ids' in sel ? { leadIds: sel.ids } : { filter: sel.filter });
  revalidatePath(`/campaigns/${input.campaignId}`);
  const skipped = ([
    [r.skipped.alreadyEnrolled, 'already in it'],
    [r.skipped.activeElsewhere, 'active in another campaign'],
    [r.skipped.suppressed, 'on the suppression list'],
    [r.skipped.noEmail, 'without an email address'],
    [r.skipped.notFound, 'deleted meanwhile'],
  ] as const).filter(([n]) => n > 0).map(([n, why]) => `${plural(n, 'lead')} ${why}`);
  const start = campaign.status === 'active' ? '' : ` The campaign is ${campaign.status}: nothing is sent until it is active.`;
  return {
    data: r,
    message: `Enrolled ${plural(r.enrolled, 'lead')} in “${campaign.name}”.${skipped.length ? ` Skipped: ${skipped.join(', ')}.` : ''}${r.enrolled ? start : ''}`,
  };
});

export const restoreLeadsAction = userAction(ZRestoreLeads, async ({ input, ctx, db }) => {
  const r = await restoreLeads(db, await actor(ctx), input);
  revalidatePath('/leads', 'layout');
  const conflicts = r.conflicts
    ? ` ${plural(r.conflicts, 'lead')} stayed deleted because a live lead now has the same email address or LinkedIn URL.`
    : '';
  return { data: r, message: `Restored ${plural(r.restored, 'lead')}.${conflicts}` };
});

export const deleteLeadAction = userAction(z.object({ id: z.uuid() }), async ({ input, ctx, db }) => {
  const r = await deleteLeads(db, await actor(ctx), { ids: [input.id] });
  if (!r.deleted) throw new AppError('NOT_FOUND', 'That lead was already deleted.');
  revalidatePath('/leads', 'layout');
  return { data: r };
});

// --- the lead form (create and edit) --------------------------------------------------------------

/** Form inputs by name (the camelCase field names the service's errors use). */
const TEXT_FIELDS = [
  'email', 'firstName', 'lastName', 'title', 'seniority', 'department', 'phone', 'whatsapp', 'linkedinUrl', 'website', 'city', 'state',
  'country', 'timezone', 'source', 'companyName', 'companyDomain',
] as const;

const ZLeadForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

function customValues(form: Record<string, string | string[]>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(form)) {
    if (!k.startsWith('customFields.') || typeof v !== 'string') continue;
    out[k.slice('customFields.'.length)] = v.trim() === '' ? null : v.trim();
  }
  return out;
}

const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []).filter(Boolean);

/** transaction: false — the lead is created in its own RLS transaction, which must commit before redirect() (a thrown redirect would roll it back). */
export const createLeadAction = userAction(
  ZLeadForm,
  async ({ input, ctx }) => {
    const fields: Record<string, string> = {};
    for (const k of TEXT_FIELDS) {
      const v = input[k];
      if (typeof v === 'string' && v.trim()) fields[k] = v.trim();
    }
    const custom = Object.fromEntries(Object.entries(customValues(input)).filter(([, v]) => v !== null)) as Record<string, string>;
    const status = typeof input.status === 'string' && (LEAD_STATUSES as readonly string[]).includes(input.status) ? (input.status as TLead['status']) : undefined;
    const who = await actor(ctx);
    const lead = await asUser(ctx, (db) =>
      createLead(db, who, {
        ...fields,
        status,
        customFields: Object.keys(custom).length ? custom : undefined,
        listIds: many(input.listIds),
        tagIds: many(input.tagIds),
      }),
    );
    revalidatePath('/leads', 'layout');
    redirect(`/leads/${lead.id}`);
  },
  { transaction: false },
);

/** Edits: only the fields that differ from what is stored are sent, so unchanged values are never re-normalised. */
export const updateLeadAction = userAction(ZLeadForm, async ({ input, ctx, db }) => {
  const id = typeof input.id === 'string' ? input.id : '';
  const current = await getLead(db, ctx.orgId, id);
  const stored: Record<string, string | null> = {
    email: current.email, firstName: current.firstName, lastName: current.lastName, title: current.title, seniority: current.seniority,
    department: current.department, phone: current.phone, whatsapp: current.whatsapp, linkedinUrl: current.linkedinUrl, website: current.website,
    city: current.city, state: current.state, country: current.country, timezone: current.timezone, source: current.source,
    companyName: current.companyName,
    // The company's domain as the form showed it (it belongs to the company, not the lead).
    companyDomain: typeof input.currentCompanyDomain === 'string' ? input.currentCompanyDomain : '',
  };
  const patch: Record<string, unknown> = {};
  for (const k of TEXT_FIELDS) {
    const v = input[k];
    if (typeof v !== 'string') continue;
    const next = v.trim();
    if (k === 'companyDomain' && !next) continue; // clearing the domain does not detach the company
    if (next !== (stored[k] ?? '')) patch[k] = next === '' ? null : next;
  }
  if (patch.companyDomain && patch.companyName === undefined && current.companyName) patch.companyName = current.companyName;
  const custom = customValues(input);
  const changedCustom = Object.fromEntries(
    Object.entries(custom).filter(([k, v]) => String(current.customFields[k] ?? '') !== (v ?? '')),
  );
  if (Object.keys(changedCustom).length) patch.customFields = changedCustom;
  if (!Object.keys(patch).length) return { message: 'Nothing changed.' };
  await updateLead(db, await actor(ctx), id, patch);
  revalidatePath(`/leads/${id}`);
  revalidatePath('/leads');
  return { message: 'Lead saved.' };
});

export const setLeadStatusAction = userAction(z.object({ id: z.uuid(), status: z.enum(LEAD_STATUSES) }), async ({ input, ctx, db }) => {
  await updateLead(db, await actor(ctx), input.id, { status: input.status });
  revalidatePath(`/leads/${input.id}`);
  revalidatePath('/leads');
  return { message: 'Status changed.' };
});

const ZMembership = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('add_to_list'), id: z.uuid(), listId: z.uuid({ message: 'Choose a list.' }) }),
  z.object({ intent: z.literal('remove_from_list'), id: z.uuid(), listId: z.uuid() }),
  z.object({ intent: z.literal('tag'), id: z.uuid(), tagId: z.uuid({ message: 'Choose a tag.' }) }),
  z.object({ intent: z.literal('untag'), id: z.uuid(), tagId: z.uuid() }),
]);

/** Lists and tags of one lead (the detail page), through the bulk service with one id. */
export const leadMembershipAction = userAction(ZMembership, async ({ input, ctx, db }) => {
  const action =
    input.intent === 'add_to_list' || input.intent === 'remove_from_list'
      ? { type: input.intent, listId: input.listId }
      : { type: input.intent, tagIds: [input.tagId] };
  await bulkLeadAction(db, await actor(ctx), { selection: { ids: [input.id] }, action });
  revalidatePath(`/leads/${input.id}`);
  revalidatePath('/leads', 'layout');
  const done = { add_to_list: 'Added to the list.', remove_from_list: 'Removed from the list.', tag: 'Tag added.', untag: 'Tag removed.' };
  return { message: done[input.intent] };
});

// --- lists, tags, custom fields -------------------------------------------------------------------

export const createListAction = userAction(ZListInput, async ({ input, ctx, db }) => {
  const l = await createList(db, await actor(ctx), input);
  revalidatePath('/leads', 'layout');
  return { data: { id: l.id, name: l.name }, message: `List “${l.name}” created.` };
});

export const renameListAction = userAction(ZListPatch.and(z.object({ id: z.uuid() })), async ({ input, ctx, db }) => {
  const { id, ...patch } = input;
  const l = await updateList(db, await actor(ctx), id, patch);
  revalidatePath('/leads', 'layout');
  return { message: `List saved as “${l.name}”.` };
});

export const deleteListAction = userAction(z.object({ id: z.uuid() }), async ({ input, ctx, db }) => {
  await deleteList(db, await actor(ctx), input.id);
  revalidatePath('/leads', 'layout');
  return { message: 'List deleted. Its leads are still in the table.' };
});

/** A colour input always sends a value; "no colour" is its own checkbox. */
const ZTagForm = z.object({ name: z.string(), color: z.string().optional(), noColor: z.string().optional() });
const tagColor = (f: { color?: string; noColor?: string }) => (f.noColor ? null : f.color || null);

export const createTagAction = userAction(ZTagForm, async ({ input, ctx, db }) => {
  const t = await createTag(db, await actor(ctx), ZTagInput.parse({ name: input.name, color: tagColor(input) }));
  revalidatePath('/leads', 'layout');
  return { message: `Tag “${t.name}” created.` };
});

export const updateTagAction = userAction(ZTagForm.extend({ id: z.uuid() }), async ({ input, ctx, db }) => {
  const t = await updateTag(db, await actor(ctx), input.id, ZTagPatch.parse({ name: input.name, color: tagColor(input) }));
  revalidatePath('/leads', 'layout');
  return { message: `Tag “${t.name}” saved.` };
});

export const deleteTagAction = userAction(z.object({ id: z.uuid() }), async ({ input, ctx, db }) => {
  await deleteTag(db, await actor(ctx), input.id);
  revalidatePath('/leads', 'layout');
  return { message: 'Tag deleted and removed from its leads.' };
});

export const createCustomFieldAction = userAction(ZCustomFieldInput, async ({ input, ctx, db }) => {
  const f = await createCustomField(db, await actor(ctx), input);
  revalidatePath('/leads', 'layout');
  return { message: `Custom field “${f.label}” created (key ${f.key}).` };
});

export const renameCustomFieldAction = userAction(ZCustomFieldPatch.extend({ id: z.uuid() }), async ({ input, ctx, db }) => {
  const f = await updateCustomField(db, await actor(ctx), input.id, { label: input.label });
  revalidatePath('/leads', 'layout');
  return { message: `Custom field renamed to “${f.label}”.` };
});

export const deleteCustomFieldAction = userAction(
  z.object({ id: z.uuid() }),
  async ({ input, ctx, db }) => {
    await deleteCustomField(db, await actor(ctx), input.id);
    revalidatePath('/leads', 'layout');
    return { message: 'Custom field deleted, with its values on every lead.' };
  },
  { roles: ['owner', 'admin'] },
);

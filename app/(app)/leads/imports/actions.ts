'use server';
/** Import wizard actions (L2): live preview of a mapping, confirm (queues the job), progress, retry. */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { Db } from '@/db';
import { requestMeta, userAction } from '@/lib/http/action';
import type { TUserContext } from '@/lib/auth';
import {
  CUSTOM_FIELD_TYPES, DEDUPE_MODES, confirmImport, discardImport, findCustomFields, getImport, isTarget, keyFromLabel, mappingProblem, previewImport, retryImport,
  type TActor, type TMapping,
} from '@/features/leads';
import { AppError } from '@/lib/errors';

async function actor(ctx: TUserContext): Promise<TActor> {
  const { ip } = await requestMeta();
  return { orgId: ctx.orgId, userId: ctx.userId, via: ctx.via, apiKeyId: ctx.apiKeyId, ip };
}

/** One row of the mapping screen: a target field, '' to ignore the column, or 'new' for a new custom field. */
const ZColumnChoice = z.object({
  index: z.number().int().min(0).max(999),
  header: z.string().max(500),
  target: z.string().max(200),
  newLabel: z.string().max(100).optional(),
  newType: z.enum(CUSTOM_FIELD_TYPES).optional(),
});
const ZMappingChoice = z.object({ id: z.uuid(), columns: z.array(ZColumnChoice).max(1000) });

type TNewField = { key: string; label: string; type: (typeof CUSTOM_FIELD_TYPES)[number] };

/** The screen's choices → the service's mapping (and the custom fields to create on confirm). */
async function toMapping(db: Db, orgId: string, columns: z.output<typeof ZColumnChoice>[]) {
  const existing = new Map((await findCustomFields(db, orgId)).map((f) => [f.key, f]));
  const newFields: TNewField[] = [];
  const newKeys: Record<number, string> = {};
  const fields: Record<string, string[]> = {};
  const mapped = columns.map((c) => {
    if (!c.target) return { index: c.index, target: null };
    if (c.target === 'new') {
      const label = (c.newLabel ?? '').trim() || c.header.trim();
      if (!label) {
        fields[`columns.${c.index}`] = ['Name the new custom field.'];
        return { index: c.index, target: null };
      }
      const key = keyFromLabel(label);
      newKeys[c.index] = key;
      if (!existing.has(key) && !newFields.some((f) => f.key === key)) newFields.push({ key, label, type: c.newType ?? 'text' });
      return { index: c.index, target: `custom.${key}` };
    }
    if (!isTarget(c.target)) {
      fields[`columns.${c.index}`] = ['Not a field LeadPilot knows.'];
      return { index: c.index, target: null };
    }
    return { index: c.index, target: c.target };
  });
  if (Object.keys(fields).length) throw new AppError('INVALID_INPUT', Object.values(fields).flat()[0]!, { fields });
  return { mapping: { columns: mapped }, newFields, newKeys };
}

/** The first rows as this mapping would store them, and what would stop the import. */
export const previewImportAction = userAction(ZMappingChoice, async ({ input, ctx, db }) => {
  const { mapping, newKeys } = await toMapping(db, ctx.orgId, input.columns);
  const rows = await previewImport(db, ctx.orgId, input.id, mapping);
  const problem = mappingProblem({ columns: mapping.columns.map((c) => ({ ...c, header: '' })) } as TMapping);
  return { data: { rows, problem, newKeys } };
});

const ZConfirm = ZMappingChoice.extend({
  dedupe: z.enum(DEDUPE_MODES),
  listChoice: z.string().max(100).default(''),
  newListName: z.string().trim().max(200).optional(),
  tags: z.string().max(2000).default(''),
});

export const confirmImportAction = userAction(ZConfirm, async ({ input, ctx, db }) => {
  const { mapping, newFields } = await toMapping(db, ctx.orgId, input.columns);
  const tags = input.tags.split(/[;,]/).map((t) => t.trim()).filter(Boolean);
  const list =
    input.listChoice === 'new'
      ? input.newListName
        ? { newListName: input.newListName }
        : (() => {
            throw new AppError('INVALID_INPUT', 'Name the new list, or choose "No list".', { fields: { newListName: ['Name the new list.'] } });
          })()
      : input.listChoice
        ? { listId: input.listChoice }
        : {};
  const imp = await confirmImport(db, await actor(ctx), input.id, { mapping, newCustomFields: newFields, options: { dedupe: input.dedupe, tags, ...list } });
  revalidatePath(`/leads/imports/${input.id}`);
  revalidatePath('/leads/imports');
  return { data: { status: imp.status } };
});

/** Progress for the progress bar (polled every second while the import runs). */
export const importProgressAction = userAction(z.object({ id: z.uuid() }), async ({ input, ctx, db }) => {
  const i = await getImport(db, ctx.orgId, input.id);
  return { data: { status: i.status, progress: i.progress, processedRows: i.processedRows, totalRows: i.totalRows, counts: i.counts } };
});

export const retryImportAction = userAction(z.object({ id: z.uuid() }), async ({ input, ctx, db }) => {
  await retryImport(db, await actor(ctx), input.id);
  revalidatePath(`/leads/imports/${input.id}`);
  revalidatePath('/leads/imports');
  return { message: 'Import queued again. It continues after the last row it stored.' };
});

/** Discards an upload that was never confirmed, then back to the upload step. */
export const discardImportAction = userAction(z.object({ id: z.uuid() }), async ({ input, ctx, db }) => {
  await discardImport(db, await actor(ctx), input.id);
  revalidatePath('/leads/imports');
  return { message: 'Upload discarded.' };
});

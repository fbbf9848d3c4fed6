'use server';
/** Template library actions: thin — validate, call the sequences feature, refresh. */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requestMeta, userAction } from '@/lib/http/action';
import type { TUserContext } from '@/lib/auth';
import { ZTemplateInput, actorOf, createTemplate, deleteTemplate, duplicateTemplate, updateTemplate, type TStep } from '@/features/sequences';
import { notesByStep, parseStepsJson, rethrowByStep } from '../sequences/step-fields';

async function actor(ctx: TUserContext) {
  const { ip } = await requestMeta();
  return actorOf(ctx, ip);
}

const text = z.string().max(5000).optional();
const ZTemplateForm = z.object({
  id: z.string().optional(),
  name: text, description: text, category: text, industry: text, useCase: text,
  steps: z.string().max(5_000_000),
});

/** Creates (no id) or updates an organization template from the builder. The answer carries the stored (sanitised) steps. */
export const saveTemplateAction = userAction(ZTemplateForm, async ({ input, ctx, db }) => {
  const steps = parseStepsJson(input.steps);
  const fields = ZTemplateInput.parse({
    name: input.name ?? '',
    description: input.description?.trim() || null,
    category: input.category || 'custom',
    industry: input.industry?.trim() || null,
    useCase: input.useCase?.trim() || null,
    steps,
  });
  const who = await actor(ctx);
  const id = input.id ? z.uuid().parse(input.id) : undefined;
  let saved;
  try {
    saved = id ? await updateTemplate(db, who, id, fields) : await createTemplate(db, who, fields);
  } catch (e) {
    rethrowByStep(e, steps);
  }
  revalidatePath('/templates', 'layout');
  return {
    data: { id: saved.template.id, steps: saved.template.steps as TStep[], notes: notesByStep(saved, steps) },
    message: id ? `Saved “${saved.template.name}”.` : `Created “${saved.template.name}” in your organization's library.`,
  };
});

/** Copies a template (a system one, usually) into the organization, then opens the copy. */
export const duplicateTemplateAction = userAction(z.object({ id: z.uuid() }), async ({ input, ctx, db }) => {
  const copy = await duplicateTemplate(db, await actor(ctx), input.id);
  revalidatePath('/templates', 'layout');
  redirect(`/templates/${copy.id}?copied=1`);
});

export const deleteTemplateAction = userAction(z.object({ id: z.uuid() }), async ({ input, ctx, db }) => {
  await deleteTemplate(db, await actor(ctx), input.id);
  revalidatePath('/templates', 'layout');
  redirect('/templates?deleted=1');
});

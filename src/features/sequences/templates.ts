/**
 * The template library (S1): system templates (seeded, read-only) and the organization's own; filters
 * by category, industry and use case; duplicate a system template into the organization; usage counts.
 */
import { z } from 'zod';
import { and, asc, desc, eq, ilike, isNull, or, sql as dsql } from 'drizzle-orm';
import { sql, type Db } from '@/db';
import { sequenceTemplates, TEMPLATE_CATEGORIES, type TTemplateCategory } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { TAllowList } from '@/lib/safe-fetch';
import { validateStepsForSave, type TActor, type TStepsValidation } from './common';
import { ZCampaignSettingsPatch } from './settings';
import { channelsOf, type TStep } from './steps';

export const ZTemplateQuery = z.object({
  category: z.enum(TEMPLATE_CATEGORIES).optional(),
  industry: z.string().trim().max(100).optional(),
  useCase: z.string().trim().max(100).optional(),
  q: z.string().trim().max(100).optional(),
  scope: z.enum(['all', 'system', 'organization']).default('all'),
});
export type TTemplateQuery = z.input<typeof ZTemplateQuery>;

export const ZTemplateInput = z.object({
  name: z.string().trim().min(1, 'Give the template a name.').max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  category: z.enum(TEMPLATE_CATEGORIES).default('custom'),
  industry: z.string().trim().max(100).nullable().optional(),
  useCase: z.string().trim().max(100).nullable().optional(),
  steps: z.array(z.unknown()).max(50),
  /** Suggested campaign settings for campaigns started from it. */
  settings: ZCampaignSettingsPatch.optional(),
}).strict();
export type TTemplateInput = z.infer<typeof ZTemplateInput>;
export const ZTemplatePatch = ZTemplateInput.partial().strict();

export type TTemplateRow = typeof sequenceTemplates.$inferSelect;

export type TTemplateView = {
  id: string; name: string; description: string | null; category: TTemplateCategory; industry: string | null; useCase: string | null;
  channels: string[]; isSystem: boolean; usageCount: number; stepCount: number; emailCount: number; steps: TStep[]; settings: Record<string, unknown>;
  createdAt: string; updatedAt: string;
};

export const templateView = (t: TTemplateRow): TTemplateView => {
  const steps = (t.steps ?? []) as TStep[];
  return {
    id: t.id, name: t.name, description: t.description, category: t.category, industry: t.industry, useCase: t.useCase, channels: t.channels,
    isSystem: t.isSystem, usageCount: t.usageCount, stepCount: steps.length, emailCount: steps.filter((s) => s.type === 'email').length,
    steps, settings: t.settings ?? {}, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString(),
  };
};

/** System templates and the organization's, filtered; most used first. */
export async function findTemplates(db: Db, orgId: string, query: TTemplateQuery = {}): Promise<TTemplateView[]> {
  const q = ZTemplateQuery.parse(query);
  const scope = q.scope === 'system' ? isNull(sequenceTemplates.orgId) : q.scope === 'organization' ? eq(sequenceTemplates.orgId, orgId) : or(isNull(sequenceTemplates.orgId), eq(sequenceTemplates.orgId, orgId));
  const like = (s: string) => `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const list = await db
    .select()
    .from(sequenceTemplates)
    .where(
      and(
        scope,
        q.category ? eq(sequenceTemplates.category, q.category) : undefined,
        q.industry ? eq(dsql`lower(${sequenceTemplates.industry})`, q.industry.toLowerCase()) : undefined,
        q.useCase ? eq(dsql`lower(${sequenceTemplates.useCase})`, q.useCase.toLowerCase()) : undefined,
        q.q ? or(ilike(sequenceTemplates.name, like(q.q)), ilike(sequenceTemplates.description, like(q.q))) : undefined,
      ),
    )
    .orderBy(desc(sequenceTemplates.usageCount), asc(sequenceTemplates.name))
    .limit(500);
  return list.map(templateView);
}

/** The distinct industries and use cases, for the library's filters. */
export async function templateFacets(db: Db, orgId: string): Promise<{ categories: readonly TTemplateCategory[]; industries: string[]; useCases: string[] }> {
  const r = await db
    .selectDistinct({ industry: sequenceTemplates.industry, useCase: sequenceTemplates.useCase })
    .from(sequenceTemplates)
    .where(or(isNull(sequenceTemplates.orgId), eq(sequenceTemplates.orgId, orgId)));
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => Boolean(x)))].sort();
  return { categories: TEMPLATE_CATEGORIES, industries: uniq(r.map((x) => x.industry)), useCases: uniq(r.map((x) => x.useCase)) };
}

export async function getTemplateRow(db: Db, orgId: string, id: string): Promise<TTemplateRow> {
  const [t] = await db
    .select()
    .from(sequenceTemplates)
    .where(and(eq(sequenceTemplates.id, id), or(isNull(sequenceTemplates.orgId), eq(sequenceTemplates.orgId, orgId))));
  if (!t) throw new AppError('NOT_FOUND', 'That template does not exist.');
  return t;
}

export const getTemplate = async (db: Db, orgId: string, id: string) => templateView(await getTemplateRow(db, orgId, id));

export type TSavedTemplate = { template: TTemplateView; warnings: TStepsValidation['warnings']; removed: TStepsValidation['removed'] };

export async function createTemplate(db: Db, actor: TActor, input: TTemplateInput, opts: { allowForTests?: TAllowList } = {}): Promise<TSavedTemplate> {
  const v = await validateStepsForSave(input.steps, opts);
  const [t] = await db
    .insert(sequenceTemplates)
    .values({
      orgId: actor.orgId, isSystem: false, name: input.name, description: input.description ?? null, category: input.category,
      industry: input.industry ?? null, useCase: input.useCase ?? null, channels: channelsOf(v.steps), steps: v.steps,
      settings: input.settings ?? {}, createdBy: actor.userId,
    })
    .returning();
  return { template: templateView(t!), warnings: v.warnings, removed: v.removed };
}

export async function updateTemplate(db: Db, actor: TActor, id: string, patch: z.infer<typeof ZTemplatePatch>, opts: { allowForTests?: TAllowList } = {}): Promise<TSavedTemplate> {
  const t = await getTemplateRow(db, actor.orgId, id);
  if (t.isSystem) throw new AppError('FORBIDDEN', 'System templates cannot be changed. Duplicate it into your organization and edit the copy.');
  const v = patch.steps ? await validateStepsForSave(patch.steps, opts) : undefined;
  const [u] = await db
    .update(sequenceTemplates)
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.category !== undefined ? { category: patch.category } : {}),
      ...(patch.industry !== undefined ? { industry: patch.industry } : {}),
      ...(patch.useCase !== undefined ? { useCase: patch.useCase } : {}),
      ...(patch.settings !== undefined ? { settings: patch.settings } : {}),
      ...(v ? { steps: v.steps, channels: channelsOf(v.steps) } : {}),
    })
    .where(and(eq(sequenceTemplates.id, id), eq(sequenceTemplates.orgId, actor.orgId)))
    .returning();
  return { template: templateView(u!), warnings: v?.warnings ?? [], removed: v?.removed ?? [] };
}

export async function deleteTemplate(db: Db, actor: TActor, id: string): Promise<void> {
  const t = await getTemplateRow(db, actor.orgId, id);
  if (t.isSystem) throw new AppError('FORBIDDEN', 'System templates cannot be deleted.');
  await db.delete(sequenceTemplates).where(and(eq(sequenceTemplates.id, id), eq(sequenceTemplates.orgId, actor.orgId)));
}

/** Copies a template (system or the organization's) into the organization; counts as a use. */
export async function duplicateTemplate(db: Db, actor: TActor, id: string, input: { name?: string } = {}): Promise<TTemplateView> {
  const t = await getTemplateRow(db, actor.orgId, id);
  const [c] = await db
    .insert(sequenceTemplates)
    .values({
      orgId: actor.orgId, isSystem: false, name: (input.name ?? `${t.name} (copy)`).slice(0, 200), description: t.description, category: t.category,
      industry: t.industry, useCase: t.useCase, channels: t.channels, steps: t.steps, settings: t.settings, createdBy: actor.userId,
    })
    .returning();
  await bumpTemplateUsage(db, id);
  return templateView(c!);
}

/** One more use of a template (a campaign or a copy was made from it). */
export async function bumpTemplateUsage(db: Db, id: string): Promise<void> {
  await db.execute(sql`select app.bump_template_usage(${id}::uuid)`);
}

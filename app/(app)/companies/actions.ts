'use server';
/** Company form actions: edit, intent signals, (re)qualification. Thin: the leads feature does the work. */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requestMeta, userAction } from '@/lib/http/action';
import type { TUserContext } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import { INTENT_STRENGTHS, addIntentSignals, deleteIntentSignal, getCompany, qualifyCompany, updateCompany, type TActor } from '@/features/leads';

async function actor(ctx: TUserContext): Promise<TActor> {
  const { ip } = await requestMeta();
  return { orgId: ctx.orgId, userId: ctx.userId, via: ctx.via, apiKeyId: ctx.apiKeyId, ip };
}

const refresh = (id: string) => {
  revalidatePath(`/companies/${id}`);
  revalidatePath('/companies');
  revalidatePath('/leads', 'layout');
};

const TEXT = ['name', 'domain', 'website', 'industry', 'sizeRange', 'linkedinUrl', 'phone', 'city', 'state', 'country', 'description'] as const;

/** Sends only what changed, so stored values are never re-normalised needlessly. */
export const updateCompanyAction = userAction(z.record(z.string(), z.string()), async ({ input, ctx, db }) => {
  const id = input.id ?? '';
  const cur = await getCompany(db, ctx.orgId, id);
  const patch: Record<string, unknown> = {};
  const fields: Record<string, string[]> = {};
  for (const k of TEXT) {
    const v = input[k];
    if (v === undefined) continue;
    const next = v.trim();
    if (next !== (cur[k] ?? '')) patch[k] = next === '' ? (k === 'name' ? '' : null) : next;
  }
  for (const k of ['employeeCount', 'revenue'] as const) {
    const v = input[k]?.trim().replace(/[\s,]/g, '');
    if (v === undefined) continue;
    const n = v === '' ? null : Number(v);
    if (n !== null && (!Number.isInteger(n) || n < 0)) {
      fields[k] = [k === 'revenue' ? 'Give the revenue as a whole amount, for example 2500000.' : 'Give a whole number of employees.'];
      continue;
    }
    if (n !== (cur[k] ?? null)) patch[k] = n;
  }
  if (Object.keys(fields).length) throw new AppError('INVALID_INPUT', Object.values(fields).flat()[0]!, { fields });
  if (!Object.keys(patch).length) return { message: 'Nothing changed.' };
  await updateCompany(db, await actor(ctx), id, patch);
  refresh(id);
  return { message: 'Company saved.' };
});

const ZSignalForm = z.object({
  companyId: z.uuid(),
  signalType: z.string().trim().min(1, 'Describe the signal, for example “Hiring SDRs” or “Visited the pricing page”.').max(300),
  strength: z.enum(INTENT_STRENGTHS, { message: 'Choose high, medium or low.' }),
  /** From a datetime-local input (the browser's local time) converted to ISO by the form, or empty for now. */
  detectedAt: z.string().optional(),
  source: z.string().trim().max(200).optional(),
});

export const addSignalAction = userAction(ZSignalForm, async ({ input, ctx, db }) => {
  const at = input.detectedAt ? new Date(input.detectedAt) : null;
  if (at && Number.isNaN(at.getTime())) throw new AppError('INVALID_INPUT', 'That detection date is not valid.', { fields: { detectedAt: ['Not a valid date.'] } });
  if (at && at.getTime() > Date.now() + 60_000) throw new AppError('INVALID_INPUT', 'A signal cannot be detected in the future.', { fields: { detectedAt: ['In the future.'] } });
  const r = await addIntentSignals(db, await actor(ctx), input.companyId, {
    signals: [{ signalType: input.signalType, strength: input.strength, detectedAt: at?.toISOString(), source: input.source || undefined }],
  });
  refresh(input.companyId);
  return { message: `Signal added. Intent is now ${r.intentTier}.` };
});

export const deleteSignalAction = userAction(z.object({ companyId: z.uuid(), signalId: z.uuid() }), async ({ input, ctx, db }) => {
  const r = await deleteIntentSignal(db, await actor(ctx), input.companyId, input.signalId);
  refresh(input.companyId);
  return { message: `Signal removed. Intent is now ${r.intentTier}.` };
});

const ZQualifyForm = z.object({
  companyId: z.uuid(),
  score: z.coerce.number({ message: 'Give a fit score from 1 to 10.' }).int('A fit score is a whole number.').min(1, 'A fit score is 1 to 10.').max(10, 'A fit score is 1 to 10.'),
  reasoning: z.string().trim().max(5000).optional(),
  /** One signal per line; empty = the company's current intent signals. */
  signals: z.string().max(20_000).optional(),
});

export const qualifyCompanyAction = userAction(ZQualifyForm, async ({ input, ctx, db }) => {
  const lines = (input.signals ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean).slice(0, 200);
  const q = await qualifyCompany(db, await actor(ctx), input.companyId, {
    score: input.score,
    reasoning: input.reasoning || undefined,
    signals: lines.length ? lines.map((signal) => ({ signal })) : undefined,
  });
  refresh(input.companyId);
  const moved = q.previousScore === null ? 'First qualification recorded.' : `Score ${q.previousScore} → ${q.snapshot.score}${q.changed ? ' (a significant change)' : ''}.`;
  return { message: `${moved} Snapshot saved.` };
});

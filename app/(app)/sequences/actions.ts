'use server';
/** Actions the sequence builder uses wherever it is shown (templates, campaigns): check, preview, find a lead to preview with. */
import { z } from 'zod';
import { userAction } from '@/lib/http/action';
import { findLeads } from '@/features/leads';
import { previewStep, validateStepsForSave } from '@/features/sequences';
import { notesByStep, rethrowByStep } from './step-fields';

const ZStepsArg = z.object({ steps: z.array(z.record(z.string(), z.unknown())).max(50) });

/** Checks steps as saving would (structure, variables, spintax, unsafe HTML, webhook addresses) without saving. */
export const checkStepsAction = userAction(ZStepsArg, async ({ input }) => {
  try {
    const v = await validateStepsForSave(input.steps);
    const notes = notesByStep(v, input.steps);
    const n = notes.warnings.length;
    return { data: notes, message: n ? `No errors; ${n} warning${n === 1 ? '' : 's'} to look at.` : 'No problems found.' };
  } catch (e) {
    rethrowByStep(e, input.steps);
  }
}, { transaction: false });

const ZPreviewArg = z.object({
  leadId: z.uuid({ message: 'Choose a lead to preview with.' }),
  steps: z.array(z.record(z.string(), z.unknown())).max(50),
  stepId: z.string().min(1).max(40),
  variant: z.string().regex(/^[A-Z]$/).optional(),
  campaignId: z.uuid().optional(),
  mailboxId: z.uuid().optional(),
});

/** Renders one step (as edited, not yet saved) for one real lead, exactly as the engine would. */
export const previewStepAction = userAction(ZPreviewArg, async ({ input, ctx, db }) => {
  try {
    return await previewStep(db, ctx.orgId, input);
  } catch (e) {
    rethrowByStep(e, input.steps);
  }
});

/** Leads to preview with: a search over name, email and company (the leads table's own search). */
export const searchLeadsAction = userAction(z.object({ q: z.string().trim().max(200).default('') }), async ({ input, ctx, db }) => {
  const page = await findLeads(db, ctx.orgId, { q: input.q || undefined, limit: 8, sort: 'updated' });
  return page.items.map((l) => ({ id: l.id, name: l.fullName || [l.firstName, l.lastName].filter(Boolean).join(' ') || l.email || 'Unnamed lead', email: l.email, company: l.companyName }));
});

/**
 * Sequences and their immutable versions (S2, S12): saving steps always makes a new version;
 * enrollments keep the version they started on until a user moves them. Live preview of a step
 * against a real lead (S3).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { and, desc, eq, inArray, sql as dsql } from 'drizzle-orm';
import { one, type Db } from '@/db';
import { campaignMailboxes, mailboxes, sequences, sequenceVersions } from '@/db/schema';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { AppError } from '@/lib/errors';
import type { TAllowList } from '@/lib/safe-fetch';
import { iso, validateStepsForSave, type TActor, type TStepsValidation } from './common';
import { composeEmail, composeText, type TComposeProblem } from './compose';
import { loadLeads, loadOrgs, sourceFor } from './sources';
import { ZSteps, type TEmailStep, type TStep } from './steps';
import { bumpTemplateUsage, getTemplateRow } from './templates';

export type TSequenceRow = typeof sequences.$inferSelect;
export type TVersionRow = typeof sequenceVersions.$inferSelect;

/** A sequence to start from when nothing is given: one email. */
export const BLANK_STEPS: TStep[] = [
  { id: 's1', type: 'email', name: 'First email', thread: false, variants: [{ key: 'A', weight: 100, subject: 'Quick question, {{first_name|there}}', html: '<p>Hi {{first_name|there}},</p><p></p><p>{{sender_name}}</p>' }] },
];

export type TVersionView = { id: string; version: number; steps: TStep[]; createdAt: string; createdBy: string | null; enrolled?: number };
export type TSequenceView = {
  id: string; name: string; description: string | null; templateId: string | null; createdAt: string; updatedAt: string;
  current: TVersionView; versions: { id: string; version: number; createdAt: string; enrolled: number }[];
};

const versionView = (v: TVersionRow): TVersionView => ({ id: v.id, version: v.version, steps: v.steps as TStep[], createdAt: iso(v.createdAt)!, createdBy: v.createdBy });

export const ZSequenceInput = z.object({
  name: z.string().trim().min(1, 'Give the sequence a name.').max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  templateId: z.uuid().optional(),
  steps: z.array(z.unknown()).max(50).optional(),
}).strict();

/** Creates a sequence with version 1 (a template's steps, the given steps, or one blank email). */
export async function createSequence(db: Db, actor: TActor, input: z.infer<typeof ZSequenceInput>, opts: { allowForTests?: TAllowList } = {}): Promise<TSequenceView & Pick<TStepsValidation, 'warnings' | 'removed'>> {
  let raw: unknown = input.steps;
  if (!raw && input.templateId) raw = (await getTemplateRow(db, actor.orgId, input.templateId)).steps;
  const v = await validateStepsForSave(raw ?? BLANK_STEPS, opts);
  const [s] = await db
    .insert(sequences)
    .values({ orgId: actor.orgId, name: input.name, description: input.description ?? null, templateId: input.templateId ?? null, webhookSecret: encryptSecret(randomBytes(24).toString('base64url')), createdBy: actor.userId })
    .returning();
  await db.insert(sequenceVersions).values({ orgId: actor.orgId, sequenceId: s!.id, version: 1, steps: v.steps, createdBy: actor.userId });
  if (input.templateId && !input.steps) await bumpTemplateUsage(db, input.templateId);
  return { ...(await getSequence(db, actor.orgId, s!.id)), warnings: v.warnings, removed: v.removed };
}

export async function getSequenceRow(db: Db, orgId: string, id: string): Promise<TSequenceRow> {
  const [s] = await db.select().from(sequences).where(and(eq(sequences.orgId, orgId), eq(sequences.id, id)));
  if (!s) throw new AppError('NOT_FOUND', 'That sequence does not exist.');
  return s;
}

export async function latestVersion(db: Db, sequenceId: string): Promise<TVersionRow> {
  const [v] = await db.select().from(sequenceVersions).where(eq(sequenceVersions.sequenceId, sequenceId)).orderBy(desc(sequenceVersions.version)).limit(1);
  if (!v) throw new AppError('NOT_FOUND', 'That sequence has no saved steps.');
  return v;
}

export async function getVersion(db: Db, orgId: string, versionId: string): Promise<TVersionRow> {
  const [v] = await db.select().from(sequenceVersions).where(and(eq(sequenceVersions.orgId, orgId), eq(sequenceVersions.id, versionId)));
  if (!v) throw new AppError('NOT_FOUND', 'That sequence version does not exist.');
  return v;
}

export async function getSequence(db: Db, orgId: string, id: string): Promise<TSequenceView> {
  const s = await getSequenceRow(db, orgId, id);
  const versions = await db
    .select({
      id: sequenceVersions.id, version: sequenceVersions.version, createdAt: sequenceVersions.createdAt,
      enrolled: dsql<number>`(select count(*)::int from public.enrollments e where e.sequence_version_id = ${sequenceVersions.id} and e.status in ('active', 'paused'))`,
    })
    .from(sequenceVersions)
    .where(eq(sequenceVersions.sequenceId, id))
    .orderBy(desc(sequenceVersions.version));
  const current = await latestVersion(db, id);
  return {
    id: s.id, name: s.name, description: s.description, templateId: s.templateId, createdAt: iso(s.createdAt)!, updatedAt: iso(s.updatedAt)!,
    current: versionView(current),
    versions: versions.map((v) => ({ id: v.id, version: v.version, createdAt: iso(v.createdAt)!, enrolled: Number(v.enrolled) })),
  };
}

export async function findSequences(db: Db, orgId: string) {
  const list = await db
    .select({
      id: sequences.id, name: sequences.name, description: sequences.description, templateId: sequences.templateId, createdAt: sequences.createdAt, updatedAt: sequences.updatedAt,
      version: dsql<number>`(select max(v.version)::int from public.sequence_versions v where v.sequence_id = ${sequences.id})`,
      campaigns: dsql<number>`(select count(*)::int from public.campaigns c where c.sequence_id = ${sequences.id})`,
    })
    .from(sequences)
    .where(eq(sequences.orgId, orgId))
    .orderBy(desc(sequences.updatedAt))
    .limit(500);
  return list.map((s) => ({ ...s, version: Number(s.version), campaigns: Number(s.campaigns), createdAt: iso(s.createdAt)!, updatedAt: iso(s.updatedAt)! }));
}

export async function updateSequence(db: Db, actor: TActor, id: string, patch: { name?: string; description?: string | null }): Promise<TSequenceView> {
  await getSequenceRow(db, actor.orgId, id);
  if (patch.name !== undefined || patch.description !== undefined) {
    await db.update(sequences).set({ ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.description !== undefined ? { description: patch.description } : {}) })
      .where(and(eq(sequences.orgId, actor.orgId), eq(sequences.id, id)));
  }
  return getSequence(db, actor.orgId, id);
}

/**
 * Saves edited steps as a new version. Leads already enrolled stay on their version (the answer says
 * how many) until someone moves them (moveEnrollmentsToVersion).
 */
export async function saveSequenceVersion(
  db: Db,
  actor: TActor,
  sequenceId: string,
  steps: unknown,
  opts: { allowForTests?: TAllowList } = {},
): Promise<{ version: TVersionView; previous: number | null; stillOnOlder: number } & Pick<TStepsValidation, 'warnings' | 'removed'>> {
  await getSequenceRow(db, actor.orgId, sequenceId);
  const v = await validateStepsForSave(steps, opts);
  // Lock the sequence row so two saves cannot take the same version number.
  await db.execute(dsql`select 1 from public.sequences where id = ${sequenceId}::uuid for update`);
  const prev = await one<{ v: number | null }>(db, dsql`select max(version)::int as v from public.sequence_versions where sequence_id = ${sequenceId}::uuid`);
  const [row] = await db.insert(sequenceVersions).values({ orgId: actor.orgId, sequenceId, version: (prev?.v ?? 0) + 1, steps: v.steps, createdBy: actor.userId }).returning();
  await db.update(sequences).set({ updatedAt: new Date() }).where(eq(sequences.id, sequenceId));
  const older = await one<{ n: number }>(
    db,
    dsql`select count(*)::int as n from public.enrollments e join public.sequence_versions v on v.id = e.sequence_version_id
         where v.sequence_id = ${sequenceId}::uuid and v.id <> ${row!.id}::uuid and e.status in ('active', 'paused')`,
  );
  return { version: versionView(row!), previous: prev?.v ?? null, stillOnOlder: older?.n ?? 0, warnings: v.warnings, removed: v.removed };
}

export async function findSequenceVersions(db: Db, orgId: string, sequenceId: string): Promise<TVersionView[]> {
  await getSequenceRow(db, orgId, sequenceId);
  const list = await db.select().from(sequenceVersions).where(eq(sequenceVersions.sequenceId, sequenceId)).orderBy(desc(sequenceVersions.version));
  return list.map(versionView);
}

/** The HMAC key webhook steps sign their payloads with (X-LeadPilot-Signature), for the receiver. */
export async function revealWebhookSecret(db: Db, orgId: string, sequenceId: string): Promise<string> {
  const s = await getSequenceRow(db, orgId, sequenceId);
  if (!s.webhookSecret) throw new AppError('NOT_FOUND', 'This sequence has no signing secret.');
  return decryptSecret(s.webhookSecret);
}

export const ZPreviewInput = z.object({
  leadId: z.uuid(),
  /** Either saved steps (a version, or the sequence's latest) or steps being edited. */
  sequenceId: z.uuid().optional(),
  versionId: z.uuid().optional(),
  steps: z.array(z.unknown()).max(50).optional(),
  stepId: z.string().min(1).max(40),
  variant: z.string().regex(/^[A-Z]$/).optional(),
  /** Which mailbox sends it ({{sender_name}}); default: the campaign's first, else none. */
  mailboxId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
}).strict();

export type TPreview =
  | { kind: 'email'; ok: true; variant: string; subject: string; html: string; text: string; threaded: boolean; removed: string[] }
  | { kind: 'email'; ok: false; variant: string; problems: TComposeProblem[] }
  | { kind: 'text'; ok: boolean; text: string; problems: TComposeProblem[] }
  | { kind: 'none'; ok: true; message: string };

/** Renders one step for one real lead, exactly as the advance job would (S3 live preview). */
export async function previewStep(db: Db, orgId: string, input: z.infer<typeof ZPreviewInput>): Promise<TPreview> {
  let steps: TStep[];
  if (input.steps) {
    const parsed = ZSteps.safeParse(input.steps);
    if (!parsed.success) throw new AppError('INVALID_INPUT', 'The steps are not valid; fix them to preview.');
    steps = parsed.data as TStep[];
  } else if (input.versionId) steps = (await getVersion(db, orgId, input.versionId)).steps as TStep[];
  else if (input.sequenceId) steps = (await latestVersion(db, (await getSequenceRow(db, orgId, input.sequenceId)).id)).steps as TStep[];
  else throw new AppError('INVALID_INPUT', 'Give the steps, a sequence or a version to preview.');
  const idx = steps.findIndex((s) => s.id === input.stepId);
  if (idx < 0) throw new AppError('NOT_FOUND', `There is no step "${input.stepId}".`);
  const lead = (await loadLeads(db, [input.leadId])).get(input.leadId);
  if (!lead || lead.orgId !== orgId || lead.deleted) throw new AppError('NOT_FOUND', 'That lead does not exist.');
  const org = (await loadOrgs(db, [orgId])).get(orgId);
  let mailboxId = input.mailboxId;
  if (!mailboxId && input.campaignId) {
    const [cm] = await db.select({ id: campaignMailboxes.mailboxId }).from(campaignMailboxes).where(eq(campaignMailboxes.campaignId, input.campaignId)).limit(1);
    mailboxId = cm?.id;
  }
  const [mb] = mailboxId ? await db.select({ email: mailboxes.email, displayName: mailboxes.displayName }).from(mailboxes).where(and(eq(mailboxes.orgId, orgId), inArray(mailboxes.id, [mailboxId]))) : [];
  const source = sourceFor(lead, mb ?? null, org, { unsubscribe_url: 'https://unsubscribe.example/preview' });
  const step = steps[idx]!;
  const seed = `preview:${lead.id}:${step.id}`;
  switch (step.type) {
    case 'email': {
      let thread: { rootSubject: string } | undefined;
      if (step.thread) {
        const root = [...steps.slice(0, idx)].reverse().find((s): s is TEmailStep => s.type === 'email' && !s.thread);
        if (root) {
          const r = composeEmail({ step: root, source, seed: `preview:${lead.id}:${root.id}` });
          thread = { rootSubject: r.ok ? r.subject : root.variants[0]!.subject };
        }
      }
      const r = composeEmail({ step, source, seed, variantKey: input.variant, thread });
      return r.ok ? { kind: 'email', ok: true, variant: r.variant, subject: r.subject, html: r.html, text: r.text, threaded: Boolean(thread), removed: r.removed } : { kind: 'email', ...r };
    }
    case 'task': {
      const r = composeText(step.title, source, seed);
      return { kind: 'text', ok: !r.problems.length, text: r.text, problems: r.problems };
    }
    case 'whatsapp':
    case 'sms': {
      const r = composeText(step.body, source, seed);
      return { kind: 'text', ok: !r.problems.length, text: r.text, problems: r.problems };
    }
    default:
      return { kind: 'none', ok: true, message: `A ${step.type} step has nothing to render.` };
  }
}

/**
 * The step model (S2, S14) shared by templates and sequence versions: email (A/B variants, optional
 * "reply in the same thread"), wait, task, conditional (opened / clicked / replied, or not, within N
 * days → jump forward), webhook (signed POST through the SSRF-safe fetcher), and WhatsApp / SMS (stored
 * and validated now; sent by the messaging channels when a number is connected).
 */
import { z } from 'zod';
import { TASK_TYPES } from '@/db/schema';

export const ZStepId = z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/, 'Step ids are 1–40 letters, digits, _ or -.');

export const ZEmailVariant = z.object({
  key: z.string().regex(/^[A-Z]$/, 'Variant keys are single capital letters (A, B, …).'),
  /** Share of enrollments that get this variant (relative to the other variants' weights). */
  weight: z.number().int().min(0).max(100).default(100),
  subject: z.string().max(500).default(''),
  html: z.string().max(100_000),
  /** Plain-text version; generated from the HTML when absent. */
  text: z.string().max(100_000).optional(),
});
export type TEmailVariant = z.infer<typeof ZEmailVariant>;

const name = z.string().trim().max(120).optional();

export const ZEmailStep = z.object({
  id: ZStepId,
  type: z.literal('email'),
  name,
  /** Send as a reply in the thread of the enrollment's previous email ("Re: <first subject>", In-Reply-To, References). */
  thread: z.boolean().default(false),
  variants: z.array(ZEmailVariant).min(1, 'An email step needs its content.').max(5, 'At most 5 variants.'),
});

export const ZWaitStep = z.object({
  id: ZStepId,
  type: z.literal('wait'),
  name,
  days: z.number().int().min(0).max(365).default(0),
  hours: z.number().int().min(0).max(23).default(0),
});

export const ZTaskStep = z.object({
  id: ZStepId,
  type: z.literal('task'),
  name,
  title: z.string().trim().min(1).max(300),
  description: z.string().max(5000).optional(),
  taskType: z.enum(TASK_TYPES).default('todo'),
  /** 'campaign_owner' or a member's user id. */
  assignee: z.union([z.literal('campaign_owner'), z.uuid()]).default('campaign_owner'),
  dueInDays: z.number().int().min(0).max(90).default(1),
  /** Hold the sequence until the task is done (or skipped). */
  waitForCompletion: z.boolean().default(false),
});

/** Where a conditional goes: the next step, the end of the sequence, or a later step's id. */
export const ZTarget = z.union([z.literal('next'), z.literal('end'), ZStepId]);

export const ZConditionalStep = z.object({
  id: ZStepId,
  type: z.literal('conditional'),
  name,
  condition: z.enum(['opened', 'clicked', 'replied']),
  /** true: "not opened / not clicked / not replied". */
  negate: z.boolean().default(false),
  withinDays: z.number().int().min(1).max(60),
  /** The email step whose message is looked at; default: the closest email step before this one. */
  ref: ZStepId.optional(),
  onTrue: ZTarget.default('next'),
  onFalse: ZTarget.default('end'),
});

export const ZWebhookStep = z.object({
  id: ZStepId,
  type: z.literal('webhook'),
  name,
  url: z.url({ protocol: /^https?$/, error: 'A webhook URL must start with http:// or https://' }).max(2000),
  /** Include the lead's fields in the payload (else only ids). */
  includeLead: z.boolean().default(true),
});

export const ZWhatsappStep = z.object({ id: ZStepId, type: z.literal('whatsapp'), name, body: z.string().trim().min(1).max(4096) });
export const ZSmsStep = z.object({ id: ZStepId, type: z.literal('sms'), name, body: z.string().trim().min(1).max(1600) });

export const ZStep = z.discriminatedUnion('type', [ZEmailStep, ZWaitStep, ZTaskStep, ZConditionalStep, ZWebhookStep, ZWhatsappStep, ZSmsStep]);
export type TStep = z.infer<typeof ZStep>;
export type TEmailStep = z.infer<typeof ZEmailStep>;
export type TWaitStep = z.infer<typeof ZWaitStep>;
export type TTaskStep = z.infer<typeof ZTaskStep>;
export type TConditionalStep = z.infer<typeof ZConditionalStep>;
export type TWebhookStep = z.infer<typeof ZWebhookStep>;
export type TStepType = TStep['type'];

/** Structural rules a list of steps must keep (ids unique, jumps forward, conditions refer to emails). */
export const ZSteps = z
  .array(ZStep)
  .min(1, 'A sequence needs at least one step.')
  .max(50, 'A sequence has at most 50 steps.')
  .superRefine((steps, ctx) => {
    const index = new Map<string, number>();
    steps.forEach((s, i) => {
      if (index.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Step id "${s.id}" is used twice.` });
      else index.set(s.id, i);
    });
    steps.forEach((s, i) => {
      if (s.type === 'email') {
        const keys = new Set<string>();
        for (const [j, v] of s.variants.entries()) {
          if (keys.has(v.key)) ctx.addIssue({ code: 'custom', path: [i, 'variants', j, 'key'], message: `Variant ${v.key} appears twice.` });
          keys.add(v.key);
        }
        if (s.variants.every((v) => v.weight === 0)) ctx.addIssue({ code: 'custom', path: [i, 'variants'], message: 'At least one variant needs a weight above 0.' });
        if (!s.thread) s.variants.forEach((v, j) => {
          if (!v.subject.trim()) ctx.addIssue({ code: 'custom', path: [i, 'variants', j, 'subject'], message: 'An email that starts a thread needs a subject.' });
        });
        if (s.thread && !steps.slice(0, i).some((p) => p.type === 'email')) {
          ctx.addIssue({ code: 'custom', path: [i, 'thread'], message: 'The first email cannot reply in a thread: there is no earlier email.' });
        }
      }
      if (s.type === 'wait' && s.days === 0 && s.hours === 0) ctx.addIssue({ code: 'custom', path: [i], message: 'A wait needs at least one hour.' });
      if (s.type === 'conditional') {
        const ref = s.ref ?? [...steps.slice(0, i)].reverse().find((p) => p.type === 'email')?.id;
        const refIdx = ref === undefined ? -1 : (index.get(ref) ?? -1);
        if (refIdx < 0 || refIdx >= i || steps[refIdx]!.type !== 'email') {
          ctx.addIssue({ code: 'custom', path: [i, 'ref'], message: 'A condition looks at an earlier email step; there is none.' });
        }
        for (const key of ['onTrue', 'onFalse'] as const) {
          const target = s[key];
          if (target === 'next' || target === 'end') continue;
          const t = index.get(target);
          if (t === undefined) ctx.addIssue({ code: 'custom', path: [i, key], message: `There is no step "${target}".` });
          else if (t <= i) ctx.addIssue({ code: 'custom', path: [i, key], message: 'A condition can only jump forward (to a later step).' });
        }
      }
    });
  });

/** The email step a conditional looks at. */
export function conditionRef(steps: TStep[], i: number): string | undefined {
  const s = steps[i];
  if (!s || s.type !== 'conditional') return undefined;
  return s.ref ?? [...steps.slice(0, i)].reverse().find((p) => p.type === 'email')?.id;
}

/** Index of the step a target names, from step i. steps.length = the end. */
export function targetIndex(steps: TStep[], i: number, target: string): number {
  if (target === 'next') return i + 1;
  if (target === 'end') return steps.length;
  const t = steps.findIndex((s) => s.id === target);
  return t < 0 ? steps.length : t;
}

/** Channels a list of steps uses (for the template's `channels`). */
export function channelsOf(steps: TStep[]): ('email' | 'whatsapp' | 'sms')[] {
  const out = new Set<'email' | 'whatsapp' | 'sms'>();
  for (const s of steps) if (s.type === 'email' || s.type === 'whatsapp' || s.type === 'sms') out.add(s.type);
  if (!out.size) out.add('email');
  return [...out];
}

/** Input schemas shared by the forms (server actions) and the /api routes. */
import { z } from 'zod';
import { ROLES } from '@/db/schema';
import { passwordProblem } from '@/lib/auth/password';

export const zEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address.'));

export const ZSignUp = z
  .object({
    fullName: z.string().trim().min(1, 'Tell us your name.').max(100),
    email: zEmail,
    password: z.string().max(200, 'Use at most 200 characters.'),
    orgName: z.string().trim().max(120).optional().transform((v) => v || undefined),
    invitation: z.string().max(200).optional().transform((v) => v || undefined),
  })
  .superRefine((v, c) => {
    const problem = passwordProblem(v.password, v.email);
    if (problem) c.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type TSignUp = z.infer<typeof ZSignUp>;

export const ZSignIn = z.object({
  email: zEmail,
  password: z.string().min(1, 'Enter your password.').max(200),
  next: z.string().max(500).optional(),
});

export const ZForgotPassword = z.object({ email: zEmail });

export const ZResetPassword = z
  .object({ token: z.string().max(200).optional(), password: z.string().max(200), confirm: z.string().max(200) })
  .superRefine((v, c) => {
    const problem = passwordProblem(v.password);
    if (problem) c.addIssue({ code: 'custom', path: ['password'], message: problem });
    if (v.password !== v.confirm) c.addIssue({ code: 'custom', path: ['confirm'], message: 'The two passwords differ.' });
  });

export const zRole = z.enum(ROLES);

export const ZInvite = z.object({ email: zEmail, role: zRole.default('member') });
export const ZChangeRole = z.object({ userId: z.uuid(), role: zRole });
export const ZMemberRef = z.object({ userId: z.uuid() });
export const ZIdRef = z.object({ id: z.uuid() });

/** The time zones the settings offer: every IANA zone this runtime knows, plus UTC. */
export const TIMEZONE_OPTIONS: string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((tz) => tz !== 'UTC')];
const TIMEZONES = new Set<string>(TIMEZONE_OPTIONS);
export const isTimezone = (tz: string): boolean => TIMEZONES.has(tz);
export const zTimezone = z.string().refine(isTimezone, 'Choose a time zone from the list (an IANA name such as Europe/Berlin).');
export const zTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:00)?$/, 'Use HH:MM (24-hour).').transform((t) => t.slice(0, 5));

const text = (max: number) => z.string().trim().max(max).optional().transform((v) => v || undefined);
const list = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? '').split('\n')).map((s) => s.trim()).filter(Boolean).slice(0, 20));

export const ZBusinessContext = z.object({
  company_name: text(200),
  industry: text(200),
  target_audience: text(1000),
  value_proposition: text(2000),
  tone: z.enum(['professional', 'friendly', 'formal', 'casual', 'consultative']).optional().or(z.literal('').transform(() => undefined)),
  key_pain_points: list,
  case_studies: list,
  cta: text(500),
  sender_name: text(100),
  sender_title: text(100),
});

export const ZUpdateOrganization = z
  .object({
    name: z.string().trim().min(1, 'Give the organization a name.').max(120),
    timezone: zTimezone,
    sendWindowStart: zTime,
    sendWindowEnd: zTime,
    sendDays: z
      .union([z.array(z.coerce.number()), z.coerce.number()])
      .transform((v) => [...new Set(Array.isArray(v) ? v : [v])].sort())
      .pipe(z.array(z.number().int().min(1).max(7)).min(1, 'Pick at least one sending day.')),
    postalAddress: z.string().trim().max(500).optional().transform((v) => v || null),
    businessContext: ZBusinessContext.prefault({}),
  })
  .refine((v) => v.sendWindowStart < v.sendWindowEnd, { path: ['sendWindowEnd'], message: 'The window must end after it starts.' });
export type TUpdateOrganization = z.infer<typeof ZUpdateOrganization>;

/**
 * The organization settings form posts flat names (`businessContext.industry`) and leaves `sendDays` out
 * when no day is ticked; this nests them for ZUpdateOrganization, whose field paths then match the inputs.
 */
export function nestFormFields(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const parts = key.split('.');
    let cur = out;
    for (const p of parts.slice(0, -1)) {
      const next = cur[p];
      cur = (cur[p] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
    }
    cur[parts.at(-1)!] = value;
  }
  return out;
}
export const ZOrganizationForm = z.preprocess((raw) => {
  const nested = nestFormFields(raw) as Record<string, unknown>;
  return nested && typeof nested === 'object' ? { ...nested, sendDays: nested.sendDays ?? [] } : nested;
}, ZUpdateOrganization);

/** PATCH /api/v1/organization: any subset; business context keys given replace those stored ("" clears one). */
export const ZPatchOrganization = z
  .object({
    name: z.string(),
    timezone: z.string(),
    sendWindowStart: z.string(),
    sendWindowEnd: z.string(),
    sendDays: z.array(z.number().int()),
    postalAddress: z.string().nullable(),
    businessContext: z
      .object(Object.fromEntries(Object.keys(ZBusinessContext.shape).map((k) => [k, z.union([z.string(), z.array(z.string()), z.null()])])))
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type TPatchOrganization = z.infer<typeof ZPatchOrganization>;

export const ZCreateOrganization = z.object({ name: z.string().trim().min(1, 'Give the organization a name.').max(120) });

export const ZCreateApiKey = z.object({ name: z.string().trim().min(1, 'Name the key (for example "Zapier").').max(100) });

export const ZAuditQuery = z.object({
  before: z.string().max(80).optional(),
  action: z.string().trim().max(60).regex(/^[a-z_.]*$/, 'Use an action prefix such as "member." or "api_key".').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

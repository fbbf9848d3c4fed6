/** Input schemas shared by the /api routes, server actions and services of the leads feature. */
import { z } from 'zod';
import { CUSTOM_FIELD_TYPES, INTENT_STRENGTHS, LEAD_STATUSES } from '@/db/schema';
import { CUSTOM_KEY_PATTERN, isTarget } from './fields';
import { ZLeadFilter } from './filters';

/** Optional text: trimmed, '' → undefined on create; on update null clears the field. */
const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`);
const opt = (max: number) => text(max).optional().transform((v) => v || undefined);
const patch = (max: number) => z.union([text(max), z.null()]).optional().transform((v) => (v === '' ? null : v));

export const ZCustomFieldValues = z.record(z.string().regex(CUSTOM_KEY_PATTERN, 'Custom field keys are lower_snake_case.'), z.union([z.string().max(2000), z.number(), z.null()]));

const leadShape = <T extends z.ZodType>(f: (max: number) => T) => ({
  email: f(320),
  phone: f(40),
  whatsapp: f(40),
  firstName: f(200),
  lastName: f(200),
  /** Split into first and last name when those are not given. */
  fullName: f(400),
  title: f(300),
  seniority: f(100),
  department: f(200),
  linkedinUrl: f(500),
  website: f(2000),
  city: f(200),
  state: f(200),
  country: f(100),
  timezone: f(100),
  source: f(100),
  sourceRef: f(200),
  /** The company by id, or by name/domain (found or created: domain first, then name). */
  companyId: z.union([z.uuid(), z.null()]).optional(),
  companyName: f(300),
  companyDomain: f(2000),
});

export const ZCreateLead = z.object({
  ...leadShape(opt),
  status: z.enum(LEAD_STATUSES).optional(),
  customFields: ZCustomFieldValues.optional(),
  listIds: z.array(z.uuid()).max(50).optional(),
  tagIds: z.array(z.uuid()).max(50).optional(),
});
export type TCreateLead = z.input<typeof ZCreateLead>;

export const ZUpdateLead = z
  .object({
    ...leadShape(patch),
    status: z.enum(LEAD_STATUSES).optional(),
    /** Merged into the lead's custom fields; null removes a key. */
    customFields: ZCustomFieldValues.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Send at least one field to change.');
export type TUpdateLead = z.input<typeof ZUpdateLead>;

const companyShape = <T extends z.ZodType>(f: (max: number) => T) => ({
  domain: f(2000),
  website: f(2000),
  industry: f(200),
  sizeRange: f(50),
  linkedinUrl: f(500),
  phone: f(40),
  city: f(200),
  state: f(200),
  country: f(100),
  description: f(10000),
});
const count = z.number().int().min(0).max(2_147_483_647);
const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const ZCreateCompany = z.object({
  name: text(300).min(1, 'Give the company a name.'),
  ...companyShape(opt),
  employeeCount: count.optional(),
  revenue: money.optional(),
  customFields: z.record(z.string().max(100), z.unknown()).optional(),
});
export type TCreateCompany = z.input<typeof ZCreateCompany>;

export const ZUpdateCompany = z
  .object({
    name: text(300).min(1, 'Give the company a name.').optional(),
    ...companyShape(patch),
    employeeCount: z.union([count, z.null()]).optional(),
    revenue: z.union([money, z.null()]).optional(),
    customFields: z.record(z.string().max(100), z.unknown()).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Send at least one field to change.');
export type TUpdateCompany = z.input<typeof ZUpdateCompany>;

export const ZListInput = z.object({
  name: text(200).min(1, 'Name the list.').refine((s) => !/[;\r\n]/.test(s), 'List names cannot contain ";".'),
  description: z.union([text(2000), z.null()]).optional(),
});
export const ZListPatch = ZListInput.partial().refine((v) => v.name !== undefined || v.description !== undefined, 'Send a name or a description.');

export const ZTagInput = z.object({
  name: text(100).min(1, 'Name the tag.').refine((s) => !/[;,\r\n]/.test(s), 'Tag names cannot contain ";" or ",".'),
  color: z.union([z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #3366ff.').transform((s) => s.toLowerCase()), z.null()]).optional(),
});
export const ZTagPatch = ZTagInput.partial().refine((v) => v.name !== undefined || v.color !== undefined, 'Send a name or a colour.');

export const ZCustomFieldInput = z.object({
  /** Derived from the label when omitted ("Plan tier" → plan_tier). */
  key: z.string().regex(CUSTOM_KEY_PATTERN, 'Keys are lower_snake_case, start with a letter, at most 50 characters.').optional(),
  label: text(100).min(1, 'Label the field.'),
  type: z.enum(CUSTOM_FIELD_TYPES),
});
export const ZCustomFieldPatch = z.object({ label: text(100).min(1, 'Label the field.') });

export const ZSuppressionInput = z.object({
  /** Email addresses or bare domains (one per entry). */
  values: z.array(z.string().trim().min(1).max(320)).min(1).max(10_000),
  kind: z.enum(['email', 'domain']).optional(),
});
export const ZSuppressionQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(['email', 'domain']).optional(),
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ZIntentSignalInput = z.object({
  signalType: text(300).min(1, 'Describe the signal.'),
  strength: z.enum(INTENT_STRENGTHS),
  detectedAt: z.iso.datetime({ offset: true }).optional(),
  source: opt(200),
});
export const ZAddIntentSignals = z.object({ signals: z.array(ZIntentSignalInput).min(1).max(500) });

export const ZQualifyCompany = z.object({
  score: z.number().int().min(1, 'A fit score is 1 to 10.').max(10, 'A fit score is 1 to 10.'),
  reasoning: opt(5000),
  /** The signals this qualification saw (stored with the snapshot); defaults to the company's intent signals. */
  signals: z.array(z.record(z.string(), z.unknown())).max(200).optional(),
});

/** A selection of leads: explicit ids, or every lead matching a filter. */
export const ZLeadSelection = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(10_000) }).strict(),
  z.object({ filter: ZLeadFilter }).strict(),
]);
export type TLeadSelection = z.input<typeof ZLeadSelection>;

export const ZBulkAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('add_to_list'), listId: z.uuid() }),
  z.object({ type: z.literal('remove_from_list'), listId: z.uuid() }),
  z.object({ type: z.literal('tag'), tagIds: z.array(z.uuid()).min(1).max(50) }),
  z.object({ type: z.literal('untag'), tagIds: z.array(z.uuid()).min(1).max(50) }),
  z.object({ type: z.literal('set_status'), status: z.enum(LEAD_STATUSES) }),
  z.object({ type: z.literal('delete') }),
]);
export const ZBulkLeads = z.object({ selection: ZLeadSelection, action: ZBulkAction });
export type TBulkLeads = z.input<typeof ZBulkLeads>;

export const ZRestoreLeads = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(10_000) }).strict(),
  /** The undo token a delete returned: restores exactly that deletion. */
  z.object({ undoToken: z.string().min(10).max(200) }).strict(),
]);

export const DEDUPE_MODES = ['skip', 'fill_empty', 'overwrite'] as const;
export type TDedupeMode = (typeof DEDUPE_MODES)[number];

export const ZImportOptions = z.object({
  /** What to do when a row matches an existing lead (by email, then LinkedIn URL). */
  dedupe: z.enum(DEDUPE_MODES).default('skip'),
  /** Add every imported lead to this list… */
  listId: z.uuid().optional(),
  /** …or to a new list of this name. */
  newListName: text(200).min(1).refine((s) => !/[;\r\n]/.test(s), 'List names cannot contain ";".').optional(),
  /** Tag every imported lead (tags are created when missing). */
  tags: z.array(text(100).min(1).refine((s) => !/[;,\r\n]/.test(s), 'Tag names cannot contain ";" or ",".')).max(20).default([]),
});
export type TImportOptions = z.output<typeof ZImportOptions>;

export const ZMappingInput = z.object({
  columns: z
    .array(
      z.object({
        index: z.number().int().min(0).max(999),
        target: z.union([z.string().refine(isTarget, 'Not a field LeadPilot knows.'), z.null()]),
      }),
    )
    .max(1000),
});

export const ZConfirmImport = z.object({
  mapping: ZMappingInput,
  options: ZImportOptions.prefault({}),
  /** Custom fields to create for `custom.<key>` targets that do not exist yet. */
  newCustomFields: z.array(z.object({ key: z.string().regex(CUSTOM_KEY_PATTERN), label: text(100).min(1), type: z.enum(CUSTOM_FIELD_TYPES) })).max(100).default([]),
});
export type TConfirmImport = z.input<typeof ZConfirmImport>;

export const ZExportRequest = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  selection: ZLeadSelection.optional(),
});

/**
 * The leads table's filter, sort and cursor model (L3). One zod schema serves the query string
 * (`?status=new,contacted&hasEmail=true&custom=industry_code:42`), JSON bodies (bulk actions on
 * "all matching this filter", exports) and the UI. Pure: no I/O.
 */
import { z } from 'zod';
import { LEAD_STATUSES } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { CUSTOM_KEY_PATTERN } from './fields';

/** A list from repeated params, a comma-separated string or a JSON array. */
const many = <T extends z.ZodType>(inner: T, max = 50) =>
  z.preprocess((v) => {
    if (v === undefined || v === null || v === '') return undefined;
    const arr = Array.isArray(v) ? v : String(v).split(',');
    const out = arr.flatMap((x) => (typeof x === 'string' ? x.split(',') : [x])).map((x) => (typeof x === 'string' ? x.trim() : x)).filter((x) => x !== '');
    return out.length ? out : undefined;
  }, z.array(inner).max(max).optional());

const flag = z.preprocess(
  (v) => (v === 'true' || v === '1' || v === 'yes' ? true : v === 'false' || v === '0' || v === 'no' ? false : v === '' ? undefined : v),
  z.boolean().optional(),
);

const day = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .optional(),
);

const ZCustomFilterText = z
  .string()
  .max(300)
  .transform((s, ctx) => {
    const i = s.indexOf(':');
    const key = i > 0 ? s.slice(0, i).trim() : '';
    if (!CUSTOM_KEY_PATTERN.test(key)) {
      ctx.addIssue({ code: 'custom', message: 'Write custom field filters as key:value (for example plan:enterprise).' });
      return z.NEVER;
    }
    return { key, value: s.slice(i + 1).trim() };
  });

/** `key:value`, or the parsed `{ key, value }` (so a parsed filter parses again unchanged). */
export const ZCustomFilter = z.union([z.object({ key: z.string().regex(CUSTOM_KEY_PATTERN), value: z.string().max(300) }), ZCustomFilterText]);

export const ZLeadFilter = z.object({
  /** Search in name, email, company and title. */
  q: z.string().trim().max(200).optional().transform((v) => v || undefined),
  status: many(z.enum(LEAD_STATUSES)),
  listId: z.uuid().optional(),
  /** Leads with any of these tags. */
  tagId: many(z.uuid()),
  country: many(z.string().trim().min(1).max(100)),
  intentTier: many(z.enum(['hot', 'warm', 'cold'])),
  fitTier: many(z.enum(['hot', 'review', 'rejected', 'unscored'])),
  source: many(z.string().trim().min(1).max(100)),
  companyId: z.uuid().optional(),
  importId: z.uuid().optional(),
  hasEmail: flag,
  hasPhone: flag,
  suppressed: flag,
  createdFrom: day,
  createdTo: day,
  /** Custom field equals: key:value (repeat for several). */
  custom: many(ZCustomFilter, 10),
  /** The trash: soft-deleted leads instead of live ones. */
  deleted: flag,
});
export type TLeadFilter = z.output<typeof ZLeadFilter>;
export type TLeadFilterInput = z.input<typeof ZLeadFilter>;

export const LEAD_SORTS = ['created', 'name', 'company', 'status', 'fit_score', 'updated'] as const;
export type TLeadSort = (typeof LEAD_SORTS)[number];

export const ZListLeadsQuery = ZLeadFilter.extend({
  sort: z.enum(LEAD_SORTS).default('created'),
  dir: z.enum(['asc', 'desc']).optional(),
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Also count every lead matching the filter (an extra query). */
  withCount: flag,
});
export type TListLeadsQuery = z.output<typeof ZListLeadsQuery>;
export type TListLeadsQueryInput = z.input<typeof ZListLeadsQuery>;

/** Default direction per sort: newest first, names A→Z, best fit first. */
export const defaultDir = (s: TLeadSort): 'asc' | 'desc' => (s === 'created' || s === 'updated' || s === 'fit_score' ? 'desc' : 'asc');

/** A keyset cursor: the last row's sort value and id. Opaque to clients. */
export type TCursor = { v: string | number | null; id: string };

export function encodeCursor(c: TCursor): string {
  return Buffer.from(JSON.stringify([c.v, c.id])).toString('base64url');
}

const ZCursorTuple = z.tuple([z.union([z.string().max(500), z.number(), z.null()]), z.uuid()]);

export function decodeCursor(s: string): TCursor {
  try {
    const [v, id] = ZCursorTuple.parse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    return { v, id };
  } catch {
    throw new AppError('INVALID_INPUT', 'The cursor is not valid. Start again from the first page.', { fields: { cursor: ['Not a valid cursor.'] } });
  }
}

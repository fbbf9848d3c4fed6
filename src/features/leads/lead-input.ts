/**
 * Entered lead data (API, forms) → stored column values, through the same normalisers as imports.
 * Problems become one INVALID_INPUT with a message per field. `undefined` leaves a field alone on
 * update; `null` clears it.
 */
import { rows, sql, type Db } from '@/db';
import type { TCustomFieldType } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { coerceCustomValue } from './custom-values';
import { countryCode, normaliseCountry } from './countries';
import { normaliseEmail, normaliseLinkedinUrl, normalisePhone, normaliseTimezone, normaliseWebsite, splitName } from './normalise';

type Val = string | null | undefined;
export type TLeadFieldsIn = {
  email?: Val; phone?: Val; whatsapp?: Val; firstName?: Val; lastName?: Val; fullName?: Val; title?: Val; seniority?: Val;
  department?: Val; linkedinUrl?: Val; website?: Val; city?: Val; state?: Val; country?: Val; timezone?: Val; source?: Val; sourceRef?: Val;
};
export type TLeadColumns = Partial<Record<
  'email' | 'phone' | 'whatsapp' | 'first_name' | 'last_name' | 'title' | 'seniority' | 'department' | 'linkedin_url' | 'website' |
  'city' | 'state' | 'country' | 'timezone' | 'source' | 'source_ref',
  string | null
>>;

const norm = <T>(fields: Record<string, string[]>, key: string, r: { value?: T | null; error?: string }): T | null => {
  if (r.error) (fields[key] ??= []).push(r.error);
  return r.value ?? null;
};

/** Normalises the given fields; `regionHint` is the lead's stored country when the input has none. */
export function leadColumnsFrom(input: TLeadFieldsIn, regionHint?: string | null): TLeadColumns {
  const fields: Record<string, string[]> = {};
  const out: TLeadColumns = {};
  const set = (col: keyof TLeadColumns, v: Val, f?: (s: string) => string | null) => {
    if (v === undefined) return;
    out[col] = v === null || v.trim() === '' ? null : f ? f(v) : v.trim();
  };
  set('email', input.email, (v) => norm(fields, 'email', normaliseEmail(v)));
  const country = input.country === undefined ? undefined : normaliseCountry(input.country);
  if (country !== undefined) out.country = country;
  const region = countryCode(country ?? regionHint ?? null);
  set('phone', input.phone, (v) => norm(fields, 'phone', normalisePhone(v, region)));
  set('whatsapp', input.whatsapp, (v) => norm(fields, 'whatsapp', normalisePhone(v, region)));
  if (input.fullName && input.firstName === undefined && input.lastName === undefined) {
    const s = splitName(input.fullName);
    out.first_name = s.first;
    out.last_name = s.last;
  }
  set('first_name', input.firstName);
  set('last_name', input.lastName);
  for (const [k, col] of [['title', 'title'], ['seniority', 'seniority'], ['department', 'department'], ['city', 'city'], ['state', 'state'], ['source', 'source'], ['sourceRef', 'source_ref']] as const) {
    set(col, input[k]);
  }
  set('linkedin_url', input.linkedinUrl, (v) => norm(fields, 'linkedinUrl', normaliseLinkedinUrl(v)));
  set('website', input.website, (v) => norm(fields, 'website', normaliseWebsite(v))?.url ?? null);
  set('timezone', input.timezone, (v) => norm(fields, 'timezone', normaliseTimezone(v)));
  if (out.source === null) out.source = 'manual';
  if (Object.keys(fields).length) throw new AppError('INVALID_INPUT', Object.values(fields).flat()[0]!, { fields });
  return out;
}

export type TFieldDefs = Map<string, { label: string; type: TCustomFieldType }>;

export async function customFieldDefs(db: Db, orgId: string): Promise<TFieldDefs> {
  const r = await rows<{ key: string; label: string; type: TCustomFieldType }>(
    db,
    sql`select key, label, type from public.custom_field_definitions where org_id = ${orgId}::uuid`,
  );
  return new Map(r.map((d) => [d.key, { label: d.label, type: d.type }]));
}

/** Checks values against the organization's definitions; null values mean "remove". */
export function checkCustomFields(defs: TFieldDefs, values: Record<string, unknown>): { set: Record<string, string | number>; remove: string[] } {
  const fields: Record<string, string[]> = {};
  const set: Record<string, string | number> = {};
  const remove: string[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const def = defs.get(key);
    if (!def) {
      fields[`customFields.${key}`] = [`There is no custom field "${key}". Create it first.`];
      continue;
    }
    const r = coerceCustomValue(def.type, raw, def.label);
    if ('error' in r) fields[`customFields.${key}`] = [r.error];
    else if (r.value === null) remove.push(key);
    else set[key] = r.value;
  }
  if (Object.keys(fields).length) throw new AppError('INVALID_INPUT', Object.values(fields).flat()[0]!, { fields });
  return { set, remove };
}

/**
 * Custom field definitions (L5): per organization, keyed, typed (text, number, date, url). Values live in
 * leads.custom_fields. A label may not reuse a built-in export column, so exports import back unchanged.
 */
import { one, rows, sql, type Db } from '@/db';
import type { TCustomFieldType } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { z } from 'zod';
import { EXPORT_COLUMNS } from './fields';
import { ZCustomFieldInput, ZCustomFieldPatch } from './schemas';
import type { TActor } from './types';

export type TCustomField = { id: string; key: string; label: string; type: TCustomFieldType; createdAt: string; updatedAt: string };

const COLS = sql`id, key, label, type, to_json(created_at) #>> '{}' as "createdAt", to_json(updated_at) #>> '{}' as "updatedAt"`;
const BUILT_IN = new Set(EXPORT_COLUMNS.map((c) => c.header.toLowerCase()));

/** "Plan tier" → "plan_tier"; "2024 budget" → "f_2024_budget". */
export function keyFromLabel(label: string): string {
  const k = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return (/^[a-z]/.test(k) ? k : `f_${k}`).slice(0, 50).replace(/_+$/, '') || 'field';
}

/** A label equal to a built-in export column would import back as that column, not as this field. */
function assertLabel(label: string) {
  if (BUILT_IN.has(label.trim().toLowerCase())) {
    throw new AppError('INVALID_INPUT', `"${label}" is the name of a built-in field. Choose another label.`, { fields: { label: ['That is a built-in field.'] } });
  }
}

export async function findCustomFields(db: Db, orgId: string): Promise<TCustomField[]> {
  return rows<TCustomField>(db, sql`select ${COLS} from public.custom_field_definitions where org_id = ${orgId}::uuid order by lower(label)`);
}

export async function createCustomField(db: Db, actor: TActor, raw: z.input<typeof ZCustomFieldInput>): Promise<TCustomField> {
  const input = ZCustomFieldInput.parse(raw);
  assertLabel(input.label);
  const key = input.key ?? keyFromLabel(input.label);
  const dup = await one<{ key: string; label: string }>(
    db,
    sql`select key, label from public.custom_field_definitions where org_id = ${actor.orgId}::uuid and (key = ${key} or lower(label) = lower(${input.label}))`,
  );
  if (dup) {
    throw new AppError('CONFLICT', dup.key === key ? `A custom field with the key "${key}" exists.` : `A custom field labelled "${dup.label}" exists.`, {
      fields: { [dup.key === key ? 'key' : 'label']: ['Already in use.'] },
    });
  }
  return (await one<TCustomField>(
    db,
    sql`insert into public.custom_field_definitions (org_id, key, label, type) values (${actor.orgId}::uuid, ${key}, ${input.label}, ${input.type}) returning ${COLS}`,
  ))!;
}

/** Renames a field (its key and type stay: stored values depend on them). */
export async function updateCustomField(db: Db, actor: TActor, id: string, raw: z.input<typeof ZCustomFieldPatch>): Promise<TCustomField> {
  const input = ZCustomFieldPatch.parse(raw);
  assertLabel(input.label);
  const dup = /^[0-9a-f-]{36}$/i.test(id)
    ? await one<{ id: string }>(db, sql`select id from public.custom_field_definitions where org_id = ${actor.orgId}::uuid and lower(label) = lower(${input.label}) and id <> ${id}::uuid`)
    : undefined;
  if (dup) throw new AppError('CONFLICT', `A custom field labelled "${input.label}" exists.`, { fields: { label: ['Already in use.'] } });
  const r = /^[0-9a-f-]{36}$/i.test(id)
    ? await one<TCustomField>(db, sql`update public.custom_field_definitions set label = ${input.label} where id = ${id}::uuid and org_id = ${actor.orgId}::uuid returning ${COLS}`)
    : undefined;
  if (!r) throw new AppError('NOT_FOUND', 'That custom field does not exist.');
  return r;
}

/** Deletes the definition and its values on every lead (owners and admins; RLS enforces it). */
export async function deleteCustomField(db: Db, actor: TActor, id: string): Promise<{ id: string; deleted: true }> {
  const def = /^[0-9a-f-]{36}$/i.test(id)
    ? await one<{ key: string }>(db, sql`select key from public.custom_field_definitions where id = ${id}::uuid and org_id = ${actor.orgId}::uuid`)
    : undefined;
  if (!def) throw new AppError('NOT_FOUND', 'That custom field does not exist.');
  const r = await one<{ id: string }>(db, sql`delete from public.custom_field_definitions where id = ${id}::uuid and org_id = ${actor.orgId}::uuid returning id`);
  if (!r) throw new AppError('FORBIDDEN', 'Only owners and admins can delete custom fields.');
  await db.execute(sql`update public.leads set custom_fields = custom_fields - ${def.key} where org_id = ${actor.orgId}::uuid and custom_fields ? ${def.key}`);
  return { id, deleted: true };
}

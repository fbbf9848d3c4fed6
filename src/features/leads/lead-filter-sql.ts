/**
 * The SQL condition of a lead filter (alias `l`). One builder for the table, bulk actions on "all
 * matching", counts and exports, so they always agree on which leads a filter means.
 */
import type { SQL } from 'drizzle-orm';
import { rows, sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import { normaliseCountry } from './countries';
import { coerceCustomValue } from './custom-values';
import { ZLeadFilter, type TLeadFilter, type TLeadFilterInput } from './filters';
import { customFieldDefs } from './lead-input';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const arr = (v: unknown[]) => sql.param(v);
/** Up to this many matches a search filters by the matching ids; beyond, by its patterns (see leadFilterSql). */
export const SEARCH_ID_LIMIT = 2000;

export async function leadFilterSql(db: Db, orgId: string, raw: TLeadFilterInput | TLeadFilter): Promise<SQL> {
  const f = ZLeadFilter.parse(raw);
  const w: SQL[] = [sql`l.org_id = ${orgId}::uuid`, f.deleted ? sql`l.deleted_at is not null` : sql`l.deleted_at is null`];
  if (f.q) {
    // Each word is one trigram-indexed condition inside app.search_lead_ids (see the migrations). Rare
    // words: filter by the ids it found. Common words (more than SEARCH_ID_LIMIT matches): the same
    // patterns in the query itself, so the planner walks the sort's index and stops after a page.
    const words = [...new Set(f.q.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, 6);
    const patterns = words.map((word) => `%${escapeLike(word)}%`);
    const found = await rows<{ id: string }>(
      db,
      sql`select s.id from app.search_lead_ids(${orgId}::uuid, ${arr(patterns)}::text[], ${Boolean(f.deleted)}, ${SEARCH_ID_LIMIT + 1}) as s(id)`,
    );
    w.push(found.length <= SEARCH_ID_LIMIT ? sql`l.id = any(${arr(found.map((r) => r.id))}::uuid[])` : sql`l.search_text like all(${arr(patterns)}::text[])`);
  }
  if (f.status) w.push(sql`l.status = any(${arr(f.status)}::text[])`);
  if (f.listId) w.push(sql`exists (select 1 from public.list_members m where m.list_id = ${f.listId}::uuid and m.lead_id = l.id)`);
  if (f.tagId) w.push(sql`exists (select 1 from public.lead_tags t where t.lead_id = l.id and t.tag_id = any(${arr(f.tagId)}::uuid[]))`);
  if (f.country) w.push(sql`l.country = any(${arr([...new Set(f.country.map((c) => normaliseCountry(c) ?? c))])}::text[])`);
  if (f.source) w.push(sql`l.source = any(${arr(f.source)}::text[])`);
  if (f.companyId) w.push(sql`l.company_id = ${f.companyId}::uuid`);
  if (f.importId) w.push(sql`l.import_id = ${f.importId}::uuid`);
  if (f.hasEmail !== undefined) w.push(f.hasEmail ? sql`l.email is not null` : sql`l.email is null`);
  if (f.hasPhone !== undefined) w.push(f.hasPhone ? sql`l.phone is not null` : sql`l.phone is null`);
  if (f.suppressed !== undefined) w.push(f.suppressed ? sql`l.suppressed_at is not null` : sql`l.suppressed_at is null`);
  if (f.createdFrom) w.push(sql`l.created_at >= ${f.createdFrom}::timestamptz`);
  if (f.createdTo) {
    // A bare date includes that whole day (UTC).
    w.push(f.createdTo.length === 10 ? sql`l.created_at < ${f.createdTo}::date + 1` : sql`l.created_at <= ${f.createdTo}::timestamptz`);
  }
  if (f.intentTier) {
    const cold = f.intentTier.includes('cold');
    w.push(sql`(l.company_id in (select c.id from public.companies c where c.org_id = ${orgId}::uuid and c.intent_tier = any(${arr(f.intentTier)}::text[]))
                ${cold ? sql`or l.company_id is null` : sql``})`);
  }
  if (f.fitTier) {
    const tiers = f.fitTier.filter((t) => t !== 'unscored');
    const unscored = f.fitTier.includes('unscored');
    w.push(sql`(l.company_id in (select c.id from public.companies c where c.org_id = ${orgId}::uuid
                                 and (c.fit_tier = any(${arr(tiers)}::text[]) ${unscored ? sql`or c.fit_score is null` : sql``}))
                ${unscored ? sql`or l.company_id is null` : sql``})`);
  }
  if (f.custom?.length) {
    const defs = await customFieldDefs(db, orgId);
    for (const { key, value } of f.custom) {
      const def = defs.get(key);
      if (!def) throw new AppError('INVALID_INPUT', `There is no custom field "${key}".`, { fields: { custom: [`No custom field "${key}".`] } });
      const v = coerceCustomValue(def.type, value, def.label);
      if ('error' in v) throw new AppError('INVALID_INPUT', v.error, { fields: { custom: [v.error] } });
      const filter = JSON.stringify({ [key]: v.value });
      if (v.value === null) w.push(sql`not (l.custom_fields ? ${key})`);
      else if (f.deleted) w.push(sql`l.custom_fields @> ${filter}::jsonb`);
      // the partial jsonb index, through app.custom_field_lead_ids (RLS would keep it unused)
      else w.push(sql`l.id in (select s.id from app.custom_field_lead_ids(${orgId}::uuid, ${filter}::jsonb) as s(id))`);
    }
  }
  return sql.join(w, sql` and `);
}

/** The condition of a selection: explicit ids (live leads of the org) or a filter. */
export async function leadSelectionSql(db: Db, orgId: string, sel: { ids: string[] } | { filter: TLeadFilterInput }): Promise<SQL> {
  if ('ids' in sel) return sql`l.org_id = ${orgId}::uuid and l.deleted_at is null and l.id = any(${arr([...new Set(sel.ids)])}::uuid[])`;
  return leadFilterSql(db, orgId, sel.filter);
}

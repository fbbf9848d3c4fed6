/** Tags (L5): short labels with an optional colour, with lead counts; tagging goes through bulkLeadAction. */
import { one, rows, sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import { ZTagInput, ZTagPatch } from './schemas';
import type { z } from 'zod';
import type { TActor } from './types';

export type TTag = { id: string; name: string; color: string | null; leadCount: number; createdAt: string };

const COLS = sql`x.id, x.name, x.color, to_json(x.created_at) #>> '{}' as "createdAt",
  (select count(*)::int from public.lead_tags t join public.leads l on l.id = t.lead_id and l.deleted_at is null where t.tag_id = x.id) as "leadCount"`;

const taken = (name: string) => new AppError('CONFLICT', `There is already a tag called "${name}".`, { fields: { name: ['That name is taken.'] } });

export async function findTags(db: Db, orgId: string): Promise<TTag[]> {
  return rows<TTag>(db, sql`select ${COLS} from public.tags x where x.org_id = ${orgId}::uuid order by lower(x.name)`);
}

export async function getTag(db: Db, orgId: string, id: string): Promise<TTag> {
  const r = /^[0-9a-f-]{36}$/i.test(id) ? await one<TTag>(db, sql`select ${COLS} from public.tags x where x.id = ${id}::uuid and x.org_id = ${orgId}::uuid`) : undefined;
  if (!r) throw new AppError('NOT_FOUND', 'That tag does not exist.');
  return r;
}

export async function createTag(db: Db, actor: TActor, raw: z.input<typeof ZTagInput>): Promise<TTag> {
  const input = ZTagInput.parse(raw);
  const r = await one<{ id: string }>(
    db,
    sql`insert into public.tags (org_id, name, color) values (${actor.orgId}::uuid, ${input.name}, ${input.color ?? null})
        on conflict (org_id, lower(name)) do nothing returning id`,
  );
  if (!r) throw taken(input.name);
  return getTag(db, actor.orgId, r.id);
}

/**
 * Ids of tags with these names, creating the missing ones (imports). Inserted in name order, so two
 * transactions creating the same new tags at once wait for each other instead of deadlocking.
 */
export async function ensureTags(db: Db, orgId: string, names: string[]): Promise<Map<string, string>> {
  const unique = [...new Map(names.map((n) => [n.trim().toLowerCase(), n.trim()])).entries()].filter(([k]) => k).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  if (!unique.length) return new Map();
  await db.execute(sql`insert into public.tags (org_id, name) select ${orgId}::uuid, n from unnest(${sql.param(unique)}::text[]) n
                       on conflict (org_id, lower(name)) do nothing`);
  const r = await rows<{ id: string; lname: string }>(
    db,
    sql`select id, lower(name) as lname from public.tags where org_id = ${orgId}::uuid and lower(name) = any(${sql.param(unique.map((n) => n.toLowerCase()))}::text[])`,
  );
  return new Map(r.map((t) => [t.lname, t.id]));
}

export async function updateTag(db: Db, actor: TActor, id: string, raw: z.input<typeof ZTagPatch>): Promise<TTag> {
  const input = ZTagPatch.parse(raw);
  await getTag(db, actor.orgId, id);
  if (input.name) {
    const dup = await one<{ id: string }>(db, sql`select id from public.tags where org_id = ${actor.orgId}::uuid and lower(name) = lower(${input.name}) and id <> ${id}::uuid`);
    if (dup) throw taken(input.name);
  }
  const sets = [];
  if (input.name !== undefined) sets.push(sql`name = ${input.name}`);
  if (input.color !== undefined) sets.push(sql`color = ${input.color}`);
  await db.execute(sql`update public.tags set ${sql.join(sets, sql`, `)} where id = ${id}::uuid and org_id = ${actor.orgId}::uuid`);
  return getTag(db, actor.orgId, id);
}

export async function deleteTag(db: Db, actor: TActor, id: string): Promise<{ id: string; deleted: true }> {
  const r = await one<{ id: string }>(db, sql`delete from public.tags where id = ${id}::uuid and org_id = ${actor.orgId}::uuid returning id`);
  if (!r) throw new AppError('NOT_FOUND', 'That tag does not exist.');
  return { id, deleted: true };
}

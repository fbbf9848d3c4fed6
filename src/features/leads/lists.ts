/** Lists (L5): named sets of leads, with member counts; membership changes go through bulkLeadAction. */
import { one, rows, sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import { ZListInput, ZListPatch } from './schemas';
import type { z } from 'zod';
import type { TActor } from './types';

export type TList = { id: string; name: string; description: string | null; leadCount: number; createdAt: string; updatedAt: string };

const COLS = sql`x.id, x.name, x.description, to_json(x.created_at) #>> '{}' as "createdAt", to_json(x.updated_at) #>> '{}' as "updatedAt",
  (select count(*)::int from public.list_members m join public.leads l on l.id = m.lead_id and l.deleted_at is null where m.list_id = x.id) as "leadCount"`;

const taken = (name: string) => new AppError('CONFLICT', `There is already a list called "${name}".`, { fields: { name: ['That name is taken.'] } });

async function nameTaken(db: Db, orgId: string, name: string, exceptId?: string) {
  const r = await one<{ id: string }>(db, sql`select id from public.lists where org_id = ${orgId}::uuid and lower(name) = lower(${name}) ${exceptId ? sql`and id <> ${exceptId}::uuid` : sql``}`);
  return Boolean(r);
}

export async function findLists(db: Db, orgId: string): Promise<TList[]> {
  return rows<TList>(db, sql`select ${COLS} from public.lists x where x.org_id = ${orgId}::uuid order by lower(x.name)`);
}

export async function getList(db: Db, orgId: string, id: string): Promise<TList> {
  const r = /^[0-9a-f-]{36}$/i.test(id) ? await one<TList>(db, sql`select ${COLS} from public.lists x where x.id = ${id}::uuid and x.org_id = ${orgId}::uuid`) : undefined;
  if (!r) throw new AppError('NOT_FOUND', 'That list does not exist.');
  return r;
}

export async function createList(db: Db, actor: TActor, raw: z.input<typeof ZListInput>): Promise<TList> {
  const input = ZListInput.parse(raw);
  if (await nameTaken(db, actor.orgId, input.name)) throw taken(input.name);
  const r = await one<{ id: string }>(
    db,
    sql`insert into public.lists (org_id, name, description, created_by) values (${actor.orgId}::uuid, ${input.name}, ${input.description ?? null}, ${actor.userId}::uuid) returning id`,
  );
  return getList(db, actor.orgId, r!.id);
}

/** The list of this name, created when missing (imports). */
export async function ensureList(db: Db, actor: TActor, name: string): Promise<string> {
  const found = await one<{ id: string }>(db, sql`select id from public.lists where org_id = ${actor.orgId}::uuid and lower(name) = lower(${name.trim()})`);
  if (found) return found.id;
  return (await createList(db, actor, { name })).id;
}

export async function updateList(db: Db, actor: TActor, id: string, raw: z.input<typeof ZListPatch>): Promise<TList> {
  const input = ZListPatch.parse(raw);
  await getList(db, actor.orgId, id);
  if (input.name && (await nameTaken(db, actor.orgId, input.name, id))) throw taken(input.name);
  const sets = [];
  if (input.name !== undefined) sets.push(sql`name = ${input.name}`);
  if (input.description !== undefined) sets.push(sql`description = ${input.description}`);
  await db.execute(sql`update public.lists set ${sql.join(sets, sql`, `)} where id = ${id}::uuid and org_id = ${actor.orgId}::uuid`);
  return getList(db, actor.orgId, id);
}

/** Deletes the list (its leads stay). */
export async function deleteList(db: Db, actor: TActor, id: string): Promise<{ id: string; deleted: true }> {
  const r = await one<{ id: string }>(db, sql`delete from public.lists where id = ${id}::uuid and org_id = ${actor.orgId}::uuid returning id`);
  if (!r) throw new AppError('NOT_FOUND', 'That list does not exist.');
  return { id, deleted: true };
}

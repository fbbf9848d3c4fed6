/**
 * Bulk actions (L3) on a selection of ids or on every lead matching a filter: add to / remove from a
 * list, tag / untag, set status (with a timeline event per lead), delete (soft, with an undo token).
 * One set-based statement each, whatever the number of leads.
 */
import { one, sql, type Db } from '@/db';
import { assertOwned } from './create-lead';
import { deleteLeads } from './delete-leads';
import { leadSelectionSql } from './lead-filter-sql';
import { ZBulkLeads, type TBulkLeads } from './schemas';
import type { TActor } from './types';

export type TBulkResult = { action: string; affected: number; undoToken?: string | null };

export async function bulkLeadAction(db: Db, actor: TActor, raw: TBulkLeads): Promise<TBulkResult> {
  const { selection, action } = ZBulkLeads.parse(raw);
  if (action.type === 'delete') {
    const r = await deleteLeads(db, actor, selection);
    return { action: action.type, affected: r.deleted, undoToken: r.undoToken };
  }
  const where = await leadSelectionSql(db, actor.orgId, selection);
  const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(db, q))?.n ?? 0;
  let affected = 0;
  switch (action.type) {
    case 'add_to_list':
      await assertOwned(db, actor.orgId, 'lists', [action.listId]);
      affected = await count(sql`with i as (insert into public.list_members (list_id, lead_id, org_id)
                                            select ${action.listId}::uuid, l.id, l.org_id from public.leads l where ${where}
                                            on conflict do nothing returning 1)
                                 select count(*)::int as n from i`);
      break;
    case 'remove_from_list':
      await assertOwned(db, actor.orgId, 'lists', [action.listId]);
      affected = await count(sql`with d as (delete from public.list_members m using public.leads l
                                            where m.list_id = ${action.listId}::uuid and m.lead_id = l.id and ${where} returning 1)
                                 select count(*)::int as n from d`);
      break;
    case 'tag':
      await assertOwned(db, actor.orgId, 'tags', action.tagIds);
      affected = await count(sql`with i as (insert into public.lead_tags (tag_id, lead_id, org_id)
                                            select t, l.id, l.org_id from public.leads l cross join unnest(${sql.param([...new Set(action.tagIds)])}::uuid[]) t
                                            where ${where} on conflict do nothing returning lead_id)
                                 select count(distinct lead_id)::int as n from i`);
      break;
    case 'untag':
      await assertOwned(db, actor.orgId, 'tags', action.tagIds);
      affected = await count(sql`with d as (delete from public.lead_tags lt using public.leads l
                                            where lt.lead_id = l.id and lt.tag_id = any(${sql.param([...new Set(action.tagIds)])}::uuid[]) and ${where}
                                            returning lt.lead_id)
                                 select count(distinct lead_id)::int as n from d`);
      break;
    case 'set_status':
      affected = await count(sql`with old as (select l.id, l.status from public.leads l where ${where} and l.status <> ${action.status} for update),
                                      u as (update public.leads l set status = ${action.status} from old where l.id = old.id
                                            returning l.id, l.org_id, old.status as from_status),
                                      e as (insert into public.lead_events (org_id, lead_id, type, summary, data, actor_id)
                                            select org_id, id, 'status_changed',
                                                   'Status changed from ' || replace(from_status, '_', ' ') || ' to ' || ${action.status.replace('_', ' ')},
                                                   jsonb_build_object('from', from_status, 'to', ${action.status}::text, 'bulk', true), ${actor.userId}::uuid
                                            from u returning 1)
                                 select count(*)::int as n from u`);
      break;
  }
  return { action: action.type, affected };
}

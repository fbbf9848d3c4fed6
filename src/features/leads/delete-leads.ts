/**
 * Soft delete with undo (L3): deleted leads leave the table and the unique email/LinkedIn indexes, and
 * come back with their lists, tags and timeline. A delete returns an undo token naming exactly that
 * deletion. Restoring skips a lead whose email or LinkedIn URL a live lead has taken since.
 */
import { one, rows, sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import { recordActorAudit } from '@/features/accounts';
import { leadSelectionSql } from './lead-filter-sql';
import { ZLeadSelection, ZRestoreLeads, type TLeadSelection } from './schemas';
import type { TActor } from './types';

export type TDeleteResult = { deleted: number; undoToken: string | null };

const tokenOf = (at: string) => Buffer.from(JSON.stringify({ deletedAt: at })).toString('base64url');
function atOf(token: string): string {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { deletedAt?: unknown };
    if (typeof v.deletedAt === 'string' && !Number.isNaN(Date.parse(v.deletedAt))) return v.deletedAt;
  } catch {
    /* falls through */
  }
  throw new AppError('INVALID_INPUT', 'That undo token is not valid.', { fields: { undoToken: ['Not a valid undo token.'] } });
}

export async function deleteLeads(db: Db, actor: TActor, raw: TLeadSelection): Promise<TDeleteResult> {
  const selection = ZLeadSelection.parse(raw);
  const where = await leadSelectionSql(db, actor.orgId, selection);
  const r = await one<{ n: number; at: string }>(
    db,
    sql`with d as (update public.leads l set deleted_at = now() where ${where} and l.deleted_at is null returning l.id, l.org_id),
             e as (insert into public.lead_events (org_id, lead_id, type, summary, actor_id)
                   select org_id, id, 'deleted', 'Deleted', ${actor.userId}::uuid from d returning 1)
        select (select count(*)::int from d) as n, to_json(now()) #>> '{}' as at`,
  );
  const deleted = r?.n ?? 0;
  const undoToken = deleted ? tokenOf(r!.at) : null;
  if (deleted) {
    await recordActorAudit(db, actor, {
      action: 'leads.deleted', targetType: 'lead',
      targetId: 'ids' in selection && selection.ids.length === 1 ? selection.ids[0] : undefined,
      metadata: { count: deleted, by: 'ids' in selection ? 'ids' : 'filter', ...('filter' in selection ? { filter: selection.filter } : {}) },
    });
  }
  return { deleted, undoToken };
}

export async function restoreLeads(db: Db, actor: TActor, raw: { ids: string[] } | { undoToken: string }): Promise<{ restored: number; conflicts: number }> {
  const input = ZRestoreLeads.parse(raw);
  const cand = 'ids' in input
    ? sql`l.id = any(${sql.param([...new Set(input.ids)])}::uuid[])`
    : sql`l.deleted_at = ${atOf(input.undoToken)}::timestamptz`;
  const r = await one<{ candidates: number; restored: number }>(
    db,
    sql`with cand as (
          select l.id, l.email, l.linkedin_url,
                 row_number() over (partition by l.email order by l.deleted_at desc, l.id) as re,
                 row_number() over (partition by l.linkedin_url order by l.deleted_at desc, l.id) as rl
          from public.leads l
          where l.org_id = ${actor.orgId}::uuid and l.deleted_at is not null and ${cand}
        ), ok as (
          select c.id from cand c
          where (c.email is null or c.re = 1) and (c.linkedin_url is null or c.rl = 1)
            and not exists (select 1 from public.leads o
                            where o.org_id = ${actor.orgId}::uuid and o.deleted_at is null
                              and ((c.email is not null and o.email = c.email) or (c.linkedin_url is not null and o.linkedin_url = c.linkedin_url)))
        ), u as (
          update public.leads l set deleted_at = null from ok where l.id = ok.id returning l.id, l.org_id
        ), e as (
          insert into public.lead_events (org_id, lead_id, type, summary, actor_id)
          select org_id, id, 'restored', 'Restored', ${actor.userId}::uuid from u returning 1
        )
        select (select count(*)::int from cand) as candidates, (select count(*)::int from u) as restored`,
  );
  if ('ids' in input && !r?.candidates) throw new AppError('NOT_FOUND', 'None of those leads is in the trash.');
  return { restored: r?.restored ?? 0, conflicts: (r?.candidates ?? 0) - (r?.restored ?? 0) };
}

/** Leads in the trash, newest deletion first (for an undo bar or a trash view). */
export async function findDeletedLeadIds(db: Db, orgId: string, limit = 100): Promise<string[]> {
  const r = await rows<{ id: string }>(db, sql`select id from public.leads where org_id = ${orgId}::uuid and deleted_at is not null order by deleted_at desc limit ${limit}`);
  return r.map((x) => x.id);
}

/** One lead of the organization (NOT_FOUND for another organization's id: RLS hides it). */
import { one, sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import { LEAD_COLUMNS, type TLead } from './types';

export async function getLead(db: Db, orgId: string, id: string, opts: { includeDeleted?: boolean; forUpdate?: boolean } = {}): Promise<TLead> {
  const lead = await findLead(db, orgId, id, opts);
  if (!lead) throw new AppError('NOT_FOUND', 'That lead does not exist.');
  return lead;
}

export async function findLead(db: Db, orgId: string, id: string, opts: { includeDeleted?: boolean; forUpdate?: boolean } = {}): Promise<TLead | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return one<TLead>(
    db,
    sql`select ${LEAD_COLUMNS} from public.leads l
        where l.id = ${id}::uuid and l.org_id = ${orgId}::uuid ${opts.includeDeleted ? sql`` : sql`and l.deleted_at is null`}
        ${opts.forUpdate ? sql`for update` : sql``}`,
  );
}

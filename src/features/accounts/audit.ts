/** The audit log (P8): security-relevant actions, append-only, readable by owners and admins. */
import { and, desc, eq, lt, like } from 'drizzle-orm';
import { type Db } from '@/db';
import { auditLog } from '@/db/schema';

export type TAuditEntry = {
  orgId: string;
  actorId?: string | null;
  actorType?: 'user' | 'api_key' | 'system';
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
  ip?: string;
};

/** Records an entry. As a user, the policy requires actor_id = the caller; jobs record as service. */
export async function recordAudit(db: Db, e: TAuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    orgId: e.orgId,
    actorId: e.actorId ?? null,
    actorType: e.actorType ?? 'user',
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    metadata: e.metadata ?? {},
    ip: e.ip,
  });
}

export async function findAuditLog(db: Db, orgId: string, opts: { limit?: number; before?: Date; action?: string } = {}) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, orgId),
        opts.before ? lt(auditLog.createdAt, opts.before) : undefined,
        opts.action ? like(auditLog.action, `${opts.action.replace(/[%_]/g, '')}%`) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt))
    .limit(Math.min(opts.limit ?? 50, 200));
}

/** The audit log (P8): security-relevant actions, append-only, readable by owners and admins. */
import { rows, sql, type Db } from '@/db';
import { auditLog } from '@/db/schema';
import { AppError } from '@/lib/errors';

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

/** Who did it: a signed-in user or an API key acting as its creator, from which address. */
export type TAuditActor = { orgId: string; userId: string; via?: 'session' | 'api_key'; apiKeyId?: string; ip?: string };

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

/** Records an entry for an actor (session or API key), keeping the key id and IP. */
export async function recordActorAudit(
  db: Db,
  actor: TAuditActor,
  e: { action: string; targetType?: string; targetId?: string; metadata?: Record<string, unknown> },
): Promise<void> {
  await recordAudit(db, {
    orgId: actor.orgId,
    actorId: actor.userId,
    actorType: actor.via === 'api_key' ? 'api_key' : 'user',
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    metadata: { ...(e.metadata ?? {}), ...(actor.apiKeyId ? { apiKeyId: actor.apiKeyId } : {}) },
    ip: actor.ip,
  });
}

export type TAuditRow = {
  id: string;
  action: string;
  actorType: 'user' | 'api_key' | 'system';
  actorId: string | null;
  /** Null when the actor has left the organization (their profile is no longer visible) or for system entries. */
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  metadata: Record<string, unknown>;
  ip: string | null;
  /** ISO 8601 with microseconds. */
  createdAt: string;
};

/**
 * Cursor for "older than this entry": `<ISO timestamp with microseconds>_<id>`, or a bare ISO timestamp
 * (strictly older than that instant). Entries are ordered by (created_at, id) descending, so entries
 * written in the same transaction (same created_at) are never skipped or repeated.
 */
export const AUDIT_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2}))(?:_([0-9a-f-]{36}))?$/i;

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

export async function findAuditLog(
  db: Db,
  orgId: string,
  opts: { limit?: number; before?: string; action?: string } = {},
): Promise<{ entries: TAuditRow[]; nextCursor: string | null }> {
  const limit = Math.max(1, Math.min(opts.limit ?? 50, 200));
  let beforeTs: string | null = null;
  let beforeId = ZERO_UUID;
  if (opts.before) {
    const m = AUDIT_CURSOR.exec(opts.before);
    if (!m || Number.isNaN(Date.parse(m[1]!))) {
      throw new AppError('INVALID_INPUT', 'That "before" cursor is not valid. Use the nextCursor of the previous page or an ISO timestamp.', { fields: { before: ['Not a valid cursor.'] } });
    }
    beforeTs = m[1]!;
    beforeId = m[2] ?? ZERO_UUID;
  }
  const prefix = opts.action?.trim() || null;
  const r = await rows<{
    id: string; action: string; actor_type: TAuditRow['actorType']; actor_id: string | null; actor_email: string | null;
    target_type: string | null; target_id: string | null; metadata: Record<string, unknown> | string; ip: string | null; created: string;
  }>(
    db,
    sql`select a.id, a.action, a.actor_type, a.actor_id, u.email as actor_email, a.target_type, a.target_id, a.metadata, a.ip,
               to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created
        from public.audit_log a
        left join public.users u on u.id = a.actor_id
        where a.org_id = ${orgId}::uuid
          and (${beforeTs}::timestamptz is null or (a.created_at, a.id) < (${beforeTs}::timestamptz, ${beforeId}::uuid))
          and (${prefix}::text is null or left(a.action, char_length(${prefix}::text)) = ${prefix}::text)
        order by a.created_at desc, a.id desc
        limit ${limit + 1}`,
  );
  const page = r.slice(0, limit);
  const entries = page.map((x) => ({
    id: x.id,
    action: x.action,
    actorType: x.actor_type,
    actorId: x.actor_id,
    actorEmail: x.actor_email,
    targetType: x.target_type,
    targetId: x.target_id,
    metadata: typeof x.metadata === 'string' ? (JSON.parse(x.metadata) as Record<string, unknown>) : (x.metadata ?? {}),
    ip: x.ip,
    createdAt: x.created,
  }));
  const last = entries.at(-1);
  return { entries, nextCursor: r.length > limit && last ? `${last.createdAt}_${last.id}` : null };
}

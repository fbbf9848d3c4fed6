/**
 * Members: list, change role, remove (or leave). The database enforces the owner rules
 * (app.memberships_guard: only owners make or unmake owners; the last owner stays), RLS lets only owners
 * and admins change others; these functions add clear messages and the audit trail.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { type Db } from '@/db';
import { apiKeys, memberships, users, type TRole } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { recordActorAudit, type TAuditActor } from './audit';

export async function findMembers(db: Db, orgId: string) {
  return db
    .select({ userId: users.id, email: users.email, fullName: users.fullName, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.createdAt));
}

type TActor = TAuditActor & { role: TRole };

export async function changeMemberRole(db: Db, actor: TActor, input: { userId: string; role: TRole }) {
  if (actor.role === 'member') throw new AppError('FORBIDDEN', 'Only owners and admins can change roles.');
  if (input.role === 'owner' && actor.role !== 'owner') throw new AppError('FORBIDDEN', 'Only an owner can make someone an owner.');
  const [before] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, input.userId)));
  if (!before) throw new AppError('NOT_FOUND', 'That person is not a member of this organization.');
  const [m] = await db
    .update(memberships)
    .set({ role: input.role })
    .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, input.userId)))
    .returning();
  if (!m) throw new AppError('NOT_FOUND', 'That person is not a member of this organization.');
  if (before.role !== input.role) {
    await recordActorAudit(db, actor, { action: 'member.role_changed', targetType: 'user', targetId: input.userId, metadata: { from: before.role, role: input.role } });
  }
  return m;
}

/**
 * Removes a member, or lets anyone leave. The person's API keys in this organization are revoked (a key
 * also stops working by itself once its creator is no longer a member). The audit entry and the key
 * revocation are written before the membership goes, while the actor may still write to this
 * organization; a refused removal (last owner) rolls all of it back.
 */
export async function removeMember(db: Db, actor: TActor, input: { userId: string }) {
  const leaving = input.userId === actor.userId;
  if (actor.role === 'member' && !leaving) throw new AppError('FORBIDDEN', 'Only owners and admins can remove members.');
  const [target] = await db
    .select({ role: memberships.role, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, input.userId)));
  if (!target) throw new AppError('NOT_FOUND', 'That person is not a member of this organization.');
  await recordActorAudit(db, actor, {
    action: leaving ? 'member.left' : 'member.removed',
    targetType: 'user',
    targetId: input.userId,
    metadata: { email: target.email, role: target.role },
  });
  if (actor.role !== 'member') {
    await db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.orgId, actor.orgId), eq(apiKeys.createdBy, input.userId), isNull(apiKeys.revokedAt)));
  }
  const [m] = await db
    .delete(memberships)
    .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, input.userId)))
    .returning();
  if (!m) throw new AppError('NOT_FOUND', 'That person is not a member of this organization.');
  return m;
}

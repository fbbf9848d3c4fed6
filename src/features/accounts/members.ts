/** Members: list, change role, remove. The database enforces the owner rules (see memberships_guard). */
import { and, asc, eq } from 'drizzle-orm';
import { sql, type Db } from '@/db';
import { apiKeys, memberships, users, type TRole } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { recordAudit } from './audit';

export async function findMembers(db: Db, orgId: string) {
  return db
    .select({ userId: users.id, email: users.email, fullName: users.fullName, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.createdAt));
}

type TActor = { orgId: string; userId: string; role: TRole };

export async function changeMemberRole(db: Db, actor: TActor, input: { userId: string; role: TRole }) {
  if (actor.role === 'member') throw new AppError('FORBIDDEN', 'Only owners and admins can change roles.');
  const [m] = await db
    .update(memberships)
    .set({ role: input.role })
    .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, input.userId)))
    .returning();
  if (!m) throw new AppError('NOT_FOUND', 'That person is not a member of this organization.');
  await recordAudit(db, { orgId: actor.orgId, actorId: actor.userId, action: 'member.role_changed', targetType: 'user', targetId: input.userId, metadata: { role: input.role } });
  return m;
}

/** Removes a member (or lets a member leave). Their API keys in this organization are revoked. */
export async function removeMember(db: Db, actor: TActor, input: { userId: string }) {
  if (actor.role === 'member' && input.userId !== actor.userId) throw new AppError('FORBIDDEN', 'Only owners and admins can remove members.');
  const [m] = await db
    .delete(memberships)
    .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, input.userId)))
    .returning();
  if (!m) throw new AppError('NOT_FOUND', 'That person is not a member of this organization.');
  if (actor.role !== 'member') {
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.orgId, actor.orgId), eq(apiKeys.createdBy, input.userId), sql`${apiKeys.revokedAt} is null`));
  }
  await recordAudit(db, {
    orgId: actor.orgId,
    actorId: actor.userId,
    action: input.userId === actor.userId ? 'member.left' : 'member.removed',
    targetType: 'user',
    targetId: input.userId,
  }).catch(() => {
    /* a member who just left can no longer write to this organization's log */
  });
  return m;
}

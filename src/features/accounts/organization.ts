/** Organizations: creation (sign-up, /welcome) and settings. */
import { eq } from 'drizzle-orm';
import { asService, one, sql, type Db } from '@/db';
import { organizations } from '@/db/schema';
import { randomToken } from '@/lib/crypto';
import { AppError } from '@/lib/errors';
import { recordAudit } from './audit';
import type { TUpdateOrganization } from './schemas';

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'org';
}

/** Creates an organization with `userId` as its owner. Call inside a service transaction. */
export async function createOrganizationFor(tx: Db, userId: string, name: string): Promise<{ id: string; slug: string }> {
  for (let i = 0; i < 5; i++) {
    const slug = `${slugify(name)}-${randomToken(4).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 5) || 'x'}`;
    const org = await one<{ id: string }>(
      tx,
      sql`insert into public.organizations (name, slug) values (${name}, ${slug}) on conflict (slug) do nothing returning id`,
    );
    if (!org) continue;
    await tx.execute(sql`insert into public.memberships (org_id, user_id, role) values (${org.id}, ${userId}, 'owner')`);
    return { id: org.id, slug };
  }
  throw new Error('could not find a free organization slug');
}

/** A signed-in user without an organization (removed from their last one) starts a new one. */
export async function createOrganization(db: Db, user: { userId: string; email: string }, name: string) {
  return asService(db, async (tx) => {
    const org = await createOrganizationFor(tx, user.userId, name);
    await recordAudit(tx, { orgId: org.id, actorId: user.userId, action: 'organization.created', targetType: 'organization', targetId: org.id });
    return org;
  });
}

export async function getOrganization(db: Db, orgId: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw new AppError('NOT_FOUND', 'That organization does not exist or you are not a member.');
  return org;
}

/** Updates settings; RLS lets only owners and admins through. */
export async function updateOrganization(db: Db, ctx: { orgId: string; userId: string }, input: TUpdateOrganization) {
  const [org] = await db
    .update(organizations)
    .set({
      name: input.name,
      timezone: input.timezone,
      sendWindowStart: input.sendWindowStart,
      sendWindowEnd: input.sendWindowEnd,
      sendDays: input.sendDays,
      postalAddress: input.postalAddress,
      businessContext: input.businessContext,
    })
    .where(eq(organizations.id, ctx.orgId))
    .returning();
  if (!org) throw new AppError('FORBIDDEN', 'Only owners and admins can change organization settings.');
  await recordAudit(db, { orgId: ctx.orgId, actorId: ctx.userId, action: 'organization.updated', targetType: 'organization', targetId: ctx.orgId });
  return org;
}

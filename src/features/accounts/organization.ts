/** Organizations: creation (sign-up, /welcome) and settings. */
import { eq } from 'drizzle-orm';
import { asService, one, sql, type Db } from '@/db';
import { organizations } from '@/db/schema';
import { randomToken } from '@/lib/crypto';
import { AppError } from '@/lib/errors';
import { recordActorAudit, recordAudit, type TAuditActor } from './audit';
import { isTimezone, ZUpdateOrganization, type TPatchOrganization, type TUpdateOrganization } from './schemas';

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

/**
 * Updates settings; RLS lets only owners and admins through. The rules are checked here too (not only
 * by the form's schema), so every caller gets a field error rather than a constraint violation.
 */
export async function updateOrganization(db: Db, ctx: TAuditActor, input: TUpdateOrganization) {
  const fields: Record<string, string[]> = {};
  if (!isTimezone(input.timezone)) fields.timezone = ['Choose a time zone from the list (an IANA name such as Europe/Berlin).'];
  if (!(input.sendWindowStart < input.sendWindowEnd)) fields.sendWindowEnd = ['The window must end after it starts.'];
  if (!input.sendDays.length || input.sendDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) fields.sendDays = ['Pick at least one sending day (1 = Monday … 7 = Sunday).'];
  if (Object.keys(fields).length) throw new AppError('INVALID_INPUT', 'Some fields are not valid.', { fields });
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
  await recordActorAudit(db, ctx, { action: 'organization.updated', targetType: 'organization', targetId: ctx.orgId });
  return org;
}

/**
 * PATCH semantics for the API: the given fields over the stored ones, then the same rules as the form.
 * Business-context keys given replace the stored ones; "" or null clears one.
 */
export async function patchOrganization(db: Db, ctx: TAuditActor, patch: TPatchOrganization) {
  const cur = await getOrganization(db, ctx.orgId);
  const context: Record<string, unknown> = { ...cur.businessContext };
  for (const [k, v] of Object.entries(patch.businessContext ?? {})) {
    if (v === null || v === '') delete context[k];
    else context[k] = v;
  }
  const input = ZUpdateOrganization.parse({
    name: patch.name ?? cur.name,
    timezone: patch.timezone ?? cur.timezone,
    sendWindowStart: patch.sendWindowStart ?? cur.sendWindowStart,
    sendWindowEnd: patch.sendWindowEnd ?? cur.sendWindowEnd,
    sendDays: patch.sendDays ?? cur.sendDays,
    postalAddress: patch.postalAddress === undefined ? (cur.postalAddress ?? undefined) : (patch.postalAddress ?? undefined),
    businessContext: context,
  });
  return updateOrganization(db, ctx, input);
}

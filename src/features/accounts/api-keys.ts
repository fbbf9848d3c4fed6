/** API keys (P6): create (the key is returned once), list by prefix, revoke. Owners and admins only. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { type Db } from '@/db';
import { apiKeys, memberships, users } from '@/db/schema';
import { generateApiKey } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import { recordActorAudit, type TAuditActor } from './audit';

/** Creates a key acting as `actor` in the actor's organization. The full key is in the result only, once. */
export async function createApiKey(db: Db, actor: TAuditActor, input: { name: string }) {
  const k = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ orgId: actor.orgId, name: input.name, prefix: k.prefix, keyHash: k.hash, createdBy: actor.userId })
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
  await recordActorAudit(db, actor, { action: 'api_key.created', targetType: 'api_key', targetId: row!.id, metadata: { name: input.name, prefix: k.prefix } });
  return { ...row!, key: k.key };
}

export type TApiKeyStatus = 'active' | 'revoked' | 'inactive';

/** Keys of the organization, newest first. `inactive`: its creator is no longer a member, so it cannot be used. */
export async function findApiKeys(db: Db, orgId: string) {
  const list = await db
    .select({
      id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt, createdByEmail: users.email, creatorRole: memberships.role,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .leftJoin(memberships, and(eq(memberships.orgId, apiKeys.orgId), eq(memberships.userId, apiKeys.createdBy)))
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt));
  return list.map(({ creatorRole, ...k }) => ({
    ...k,
    status: (k.revokedAt ? 'revoked' : creatorRole ? 'active' : 'inactive') as TApiKeyStatus,
  }));
}

export async function revokeApiKey(db: Db, actor: TAuditActor, id: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, actor.orgId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
  if (!row) throw new AppError('NOT_FOUND', 'That API key does not exist or is already revoked.');
  await recordActorAudit(db, actor, { action: 'api_key.revoked', targetType: 'api_key', targetId: id, metadata: { prefix: row.prefix } });
  return row;
}

/** API keys (P6): create (the key is returned once), list by prefix, revoke. Owners and admins only. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { type Db } from '@/db';
import { apiKeys, users } from '@/db/schema';
import { generateApiKey } from '@/lib/auth';
import { AppError } from '@/lib/errors';
import { recordAudit } from './audit';

export async function createApiKey(db: Db, actor: { orgId: string; userId: string }, input: { name: string }) {
  const k = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ orgId: actor.orgId, name: input.name, prefix: k.prefix, keyHash: k.hash, createdBy: actor.userId })
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
  await recordAudit(db, { orgId: actor.orgId, actorId: actor.userId, action: 'api_key.created', targetType: 'api_key', targetId: row!.id, metadata: { name: input.name, prefix: k.prefix } });
  return { ...row!, key: k.key };
}

export async function findApiKeys(db: Db, orgId: string) {
  return db
    .select({
      id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt, createdByEmail: users.email,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Db, actor: { orgId: string; userId: string }, id: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, actor.orgId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
  if (!row) throw new AppError('NOT_FOUND', 'That API key does not exist or is already revoked.');
  await recordAudit(db, { orgId: actor.orgId, actorId: actor.userId, action: 'api_key.revoked', targetType: 'api_key', targetId: id, metadata: { prefix: row.prefix } });
  return row;
}

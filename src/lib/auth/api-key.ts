/**
 * Organization API keys (P6). A key is `lp_` + 32 random bytes (base64url); only its SHA-256 is stored,
 * with a short prefix to tell keys apart in the list. A key acts as its creator within its organization
 * only, and stops working when revoked or when the creator leaves the organization.
 */
import { asService, one, sql, type Db } from '@/db';
import { randomToken, sha256Hex } from '@/lib/crypto';

export const API_KEY_PREFIX = 'lp_';

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  return { key, prefix: key.slice(0, 11), hash: sha256Hex(key) };
}

export type TApiKeyIdentity = { apiKeyId: string; orgId: string; userId: string; email: string };

export async function verifyApiKey(db: Db, key: string): Promise<TApiKeyIdentity | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length < 20 || key.length > 100) return null;
  const row = await asService(db, (tx) =>
    one<{ id: string; org_id: string; user_id: string; email: string; stale: boolean }>(
      tx,
      sql`select k.id, k.org_id, k.created_by as user_id, u.email,
                 (k.last_used_at is null or k.last_used_at < now() - interval '1 minute') as stale
          from public.api_keys k
          join public.memberships m on m.org_id = k.org_id and m.user_id = k.created_by
          join public.users u on u.id = k.created_by
          where k.key_hash = ${sha256Hex(key)} and k.revoked_at is null`,
    ),
  );
  if (!row) return null;
  if (row.stale) {
    await asService(db, (tx) => tx.execute(sql`update public.api_keys set last_used_at = now() where id = ${row.id}::uuid`));
  }
  return { apiKeyId: row.id, orgId: row.org_id, userId: row.user_id, email: row.email };
}

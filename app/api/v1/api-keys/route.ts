import { route } from '@/lib/http/route';
import { apiKeyDto, createApiKey, createApiKeyEndpoint, findApiKeys, listApiKeysEndpoint } from '@/features/accounts';

export const GET = route(listApiKeysEndpoint, async ({ db, ctx }) => ({ apiKeys: (await findApiKeys(db, ctx.orgId)).map(apiKeyDto) }));

export const POST = route(createApiKeyEndpoint, async ({ db, ctx, body, ip }) => {
  const k = await createApiKey(db, { ...ctx, ip }, body!);
  return { id: k.id, name: k.name, prefix: k.prefix, createdAt: k.createdAt.toISOString(), key: k.key };
});

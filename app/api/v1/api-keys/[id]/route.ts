import { route } from '@/lib/http/route';
import { revokeApiKey, revokeApiKeyEndpoint } from '@/features/accounts';

export const DELETE = route(revokeApiKeyEndpoint, async ({ db, ctx, params, ip }) => {
  await revokeApiKey(db, { ...ctx, ip }, params!.id);
  return { id: params!.id, revoked: true as const };
});

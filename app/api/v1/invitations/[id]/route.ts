import { route } from '@/lib/http/route';
import { revokeInvitation, revokeInvitationEndpoint } from '@/features/accounts';

export const DELETE = route(revokeInvitationEndpoint, async ({ db, ctx, params, ip }) => {
  await revokeInvitation(db, { ...ctx, ip }, params!.id);
  return { id: params!.id, revoked: true as const };
});

import { route } from '@/lib/http/route';
import { changeMemberRole, deleteMemberEndpoint, patchMemberEndpoint, removeMember } from '@/features/accounts';

export const PATCH = route(patchMemberEndpoint, async ({ db, ctx, params, body, ip }) => {
  const m = await changeMemberRole(db, { ...ctx, ip }, { userId: params!.userId, role: body!.role });
  return { member: { userId: m.userId, role: m.role } };
});

export const DELETE = route(deleteMemberEndpoint, async ({ db, ctx, params, ip }) => {
  await removeMember(db, { ...ctx, ip }, { userId: params!.userId });
  return { userId: params!.userId, removed: true as const };
});

import { route } from '@/lib/http/route';
import { getMeEndpoint } from '@/features/accounts';

export const GET = route(getMeEndpoint, async ({ ctx }) => ({
  user: { id: ctx.userId, email: ctx.email, fullName: ctx.fullName },
  organization: { id: ctx.orgId, name: ctx.orgName },
  role: ctx.role,
  via: ctx.via,
  organizations: ctx.memberships.map((m) => ({ id: m.orgId, name: m.orgName, role: m.role })),
}));

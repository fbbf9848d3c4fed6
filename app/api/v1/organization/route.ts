import { route } from '@/lib/http/route';
import { getOrganization, getOrganizationEndpoint, organizationDto, patchOrganization, patchOrganizationEndpoint } from '@/features/accounts';

export const GET = route(getOrganizationEndpoint, async ({ db, ctx }) => organizationDto(await getOrganization(db, ctx.orgId)));

export const PATCH = route(patchOrganizationEndpoint, async ({ db, ctx, body, ip }) =>
  organizationDto(await patchOrganization(db, { ...ctx, ip }, body!)),
);

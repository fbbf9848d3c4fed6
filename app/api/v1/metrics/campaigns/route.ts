import { route } from '@/lib/http/route';
import { campaignsOverview, metricsOverviewEndpoint } from '@/features/sequences';

export const GET = route(metricsOverviewEndpoint, async ({ db, ctx }) => ({ campaigns: await campaignsOverview(db, ctx.orgId) }));

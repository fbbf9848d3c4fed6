import { route } from '@/lib/http/route';
import { actorOf, createCampaign, createCampaignEndpoint, findCampaigns, listCampaignsEndpoint } from '@/features/sequences';

export const GET = route(listCampaignsEndpoint, async ({ db, ctx, query }) => ({ campaigns: await findCampaigns(db, ctx.orgId, query) }));

export const POST = route(createCampaignEndpoint, async ({ db, ctx, body, ip }) => ({ campaign: await createCampaign(db, actorOf(ctx, ip), body) }));

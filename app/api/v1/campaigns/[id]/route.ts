import { route } from '@/lib/http/route';
import {
  actorOf, campaignReadiness, deleteCampaign, deleteCampaignEndpoint, getCampaign, getCampaignEndpoint, updateCampaign, updateCampaignEndpoint,
} from '@/features/sequences';

export const GET = route(getCampaignEndpoint, async ({ db, ctx, params }) => ({
  campaign: await getCampaign(db, ctx.orgId, params.id),
  readiness: await campaignReadiness(db, ctx.orgId, params.id),
}));

export const PATCH = route(updateCampaignEndpoint, async ({ db, ctx, params, body, ip }) => ({ campaign: await updateCampaign(db, actorOf(ctx, ip), params.id, body) }));

export const DELETE = route(deleteCampaignEndpoint, async ({ db, ctx, params, ip }) => {
  await deleteCampaign(db, actorOf(ctx, ip), params.id);
  return { id: params.id, deleted: true as const };
});

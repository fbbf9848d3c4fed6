import { route } from '@/lib/http/route';
import { actorOf, campaignStatusEndpoint, transitionCampaign } from '@/features/sequences';

export const POST = route(campaignStatusEndpoint, async ({ db, ctx, params, body, ip }) => ({ campaign: await transitionCampaign(db, actorOf(ctx, ip), params.id, body.status) }));

import { route } from '@/lib/http/route';
import { campaignReadiness, campaignReadinessEndpoint } from '@/features/sequences';

export const GET = route(campaignReadinessEndpoint, ({ db, ctx, params }) => campaignReadiness(db, ctx.orgId, params.id));

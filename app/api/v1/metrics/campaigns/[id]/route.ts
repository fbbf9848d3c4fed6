import { route } from '@/lib/http/route';
import { campaignMetrics, campaignMetricsEndpoint } from '@/features/sequences';

export const GET = route(campaignMetricsEndpoint, ({ db, ctx, params, query }) => campaignMetrics(db, ctx.orgId, params.id, query));

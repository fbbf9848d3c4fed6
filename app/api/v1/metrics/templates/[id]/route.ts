import { route } from '@/lib/http/route';
import { templateMetrics, templateMetricsEndpoint } from '@/features/sequences';

export const GET = route(templateMetricsEndpoint, ({ db, ctx, params, query }) => templateMetrics(db, ctx.orgId, params.id, query));

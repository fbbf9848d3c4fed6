import { route } from '@/lib/http/route';
import { findLeadsByIntentScore, leadsByIntentEndpoint } from '@/features/leads';

export const GET = route(leadsByIntentEndpoint, async ({ db, ctx, query }) => ({
  leads: await findLeadsByIntentScore(db, ctx.orgId, query!.score, { limit: query!.limit }),
}));

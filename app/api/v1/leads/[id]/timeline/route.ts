import { route } from '@/lib/http/route';
import { getLead, leadTimeline, leadTimelineEndpoint } from '@/features/leads';

export const GET = route(leadTimelineEndpoint, async ({ db, ctx, params, query }) => {
  const lead = await getLead(db, ctx.orgId, params!.id, { includeDeleted: true });
  return { events: await leadTimeline(db, ctx.orgId, lead, { limit: query!.limit }) };
});

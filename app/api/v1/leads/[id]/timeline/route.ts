import { route } from '@/lib/http/route';
import { findLeadEvents, getLead, leadTimelineEndpoint } from '@/features/leads';

export const GET = route(leadTimelineEndpoint, async ({ db, ctx, params, query }) => {
  await getLead(db, ctx.orgId, params!.id, { includeDeleted: true });
  const events = await findLeadEvents(db, params!.id, { limit: query!.limit });
  return { events: events.map((e) => ({ id: e.id, type: e.type, summary: e.summary, data: e.data, actorId: e.actorId, occurredAt: e.occurredAt.toISOString() })) };
});

import { route } from '@/lib/http/route';
import { deleteLeadEndpoint, deleteLeads, getLeadDetail, getLeadEndpoint, updateLead, updateLeadEndpoint, getLead } from '@/features/leads';

export const GET = route(getLeadEndpoint, ({ db, ctx, params }) => getLeadDetail(db, ctx.orgId, params!.id));

export const PATCH = route(updateLeadEndpoint, async ({ db, ctx, params, body, ip }) => ({ lead: await updateLead(db, { ...ctx, ip }, params!.id, body!) }));

export const DELETE = route(deleteLeadEndpoint, async ({ db, ctx, params, ip }) => {
  await getLead(db, ctx.orgId, params!.id);
  return deleteLeads(db, { ...ctx, ip }, { ids: [params!.id] });
});

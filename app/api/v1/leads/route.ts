import { route } from '@/lib/http/route';
import { createLead, createLeadEndpoint, findLeads, listLeadsEndpoint } from '@/features/leads';

export const GET = route(listLeadsEndpoint, ({ db, ctx, query }) => findLeads(db, ctx.orgId, query!));

export const POST = route(createLeadEndpoint, async ({ db, ctx, body, ip }) => ({ lead: await createLead(db, { ...ctx, ip }, body!) }));

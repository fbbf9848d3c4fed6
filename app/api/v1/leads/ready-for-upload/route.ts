import { route } from '@/lib/http/route';
import { findLeadsReadyForUpload, leadsReadyForUploadEndpoint } from '@/features/leads';

export const GET = route(leadsReadyForUploadEndpoint, async ({ db, ctx, query }) => ({
  leads: await findLeadsReadyForUpload(db, ctx.orgId, query!.minScore, { limit: query!.limit }),
}));

import { route } from '@/lib/http/route';
import { markLeadsUploaded, markUploadedEndpoint } from '@/features/leads';

export const POST = route(markUploadedEndpoint, async ({ db, ctx, body }) => ({
  marked: await markLeadsUploaded(db, ctx.orgId, body!.leadIds, body!.platformName),
}));

import { route } from '@/lib/http/route';
import { previewImport, previewImportEndpoint } from '@/features/leads';

export const POST = route(previewImportEndpoint, async ({ db, ctx, params, body }) => ({ rows: await previewImport(db, ctx.orgId, params!.id, body!) }));

import { route } from '@/lib/http/route';
import { discardImport, discardImportEndpoint, getImport, getImportEndpoint } from '@/features/leads';

export const GET = route(getImportEndpoint, ({ db, ctx, params }) => getImport(db, ctx.orgId, params!.id));

export const DELETE = route(discardImportEndpoint, ({ db, ctx, params, ip }) => discardImport(db, { ...ctx, ip }, params!.id));

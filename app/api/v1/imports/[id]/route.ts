import { route } from '@/lib/http/route';
import { getImport, getImportEndpoint } from '@/features/leads';

export const GET = route(getImportEndpoint, ({ db, ctx, params }) => getImport(db, ctx.orgId, params!.id));

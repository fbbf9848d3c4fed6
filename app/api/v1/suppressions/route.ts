import { route } from '@/lib/http/route';
import { addSuppressions, addSuppressionsEndpoint, findSuppressions, listSuppressionsEndpoint } from '@/features/leads';

export const GET = route(listSuppressionsEndpoint, ({ db, ctx, query }) => findSuppressions(db, ctx.orgId, query!));

export const POST = route(addSuppressionsEndpoint, ({ db, ctx, body, ip }) => addSuppressions(db, { ...ctx, ip }, body!));

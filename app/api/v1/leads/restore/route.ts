import { route } from '@/lib/http/route';
import { restoreLeads, restoreLeadsEndpoint } from '@/features/leads';

export const POST = route(restoreLeadsEndpoint, ({ db, ctx, body, ip }) => restoreLeads(db, { ...ctx, ip }, body!));

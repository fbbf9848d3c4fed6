import { route } from '@/lib/http/route';
import { bulkLeadAction, bulkLeadsEndpoint } from '@/features/leads';

export const POST = route(bulkLeadsEndpoint, ({ db, ctx, body, ip }) => bulkLeadAction(db, { ...ctx, ip }, body!));

import { route } from '@/lib/http/route';
import { findReviewQueue, listApprovalsEndpoint } from '@/features/sequences';

export const GET = route(listApprovalsEndpoint, ({ db, ctx, query }) => findReviewQueue(db, ctx.orgId, query));

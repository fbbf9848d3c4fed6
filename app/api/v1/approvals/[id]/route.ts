import { route } from '@/lib/http/route';
import { actorOf, editApprovalEndpoint, editPendingMessage, getApprovalEndpoint, getReviewItem } from '@/features/sequences';

export const GET = route(getApprovalEndpoint, async ({ db, ctx, params }) => ({ item: await getReviewItem(db, ctx.orgId, params.id) }));

export const PATCH = route(editApprovalEndpoint, ({ db, ctx, params, body, ip }) => editPendingMessage(db, actorOf(ctx, ip), params.id, body));

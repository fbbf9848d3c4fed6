import { route } from '@/lib/http/route';
import { actorOf, retryEnrollmentEndpoint, retryBlocked } from '@/features/sequences';

export const POST = route(retryEnrollmentEndpoint, async ({ db, ctx, params, ip }) => ({ enrollment: await retryBlocked(db, actorOf(ctx, ip), params.id) }));

import { route } from '@/lib/http/route';
import { actorOf, pauseEnrollmentEndpoint, pauseEnrollment } from '@/features/sequences';

export const POST = route(pauseEnrollmentEndpoint, async ({ db, ctx, params, ip }) => ({ enrollment: await pauseEnrollment(db, actorOf(ctx, ip), params.id) }));

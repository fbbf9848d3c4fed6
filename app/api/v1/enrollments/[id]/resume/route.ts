import { route } from '@/lib/http/route';
import { actorOf, resumeEnrollmentEndpoint, resumeEnrollment } from '@/features/sequences';

export const POST = route(resumeEnrollmentEndpoint, async ({ db, ctx, params, ip }) => ({ enrollment: await resumeEnrollment(db, actorOf(ctx, ip), params.id) }));

import { route } from '@/lib/http/route';
import { getEnrollment, getEnrollmentEndpoint } from '@/features/sequences';

export const GET = route(getEnrollmentEndpoint, async ({ db, ctx, params, query }) => ({ enrollment: await getEnrollment(db, ctx.orgId, params.id, { tz: query.tz }) }));

import { route } from '@/lib/http/route';
import { findEnrollments, listEnrollmentsEndpoint } from '@/features/sequences';

export const GET = route(listEnrollmentsEndpoint, ({ db, ctx, query }) => findEnrollments(db, ctx.orgId, query));

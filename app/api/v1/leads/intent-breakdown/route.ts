import { route } from '@/lib/http/route';
import { getIntentBreakdown, intentBreakdownEndpoint } from '@/features/leads';

export const GET = route(intentBreakdownEndpoint, ({ db, ctx }) => getIntentBreakdown(db, ctx.orgId));

import { route } from '@/lib/http/route';
import { previewStep, previewStepEndpoint } from '@/features/sequences';

export const POST = route(previewStepEndpoint, ({ db, ctx, body }) => previewStep(db, ctx.orgId, body));

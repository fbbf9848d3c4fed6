import { route } from '@/lib/http/route';
import { actorOf, duplicateTemplate, duplicateTemplateEndpoint } from '@/features/sequences';

export const POST = route(duplicateTemplateEndpoint, async ({ db, ctx, params, body, ip }) => ({ template: await duplicateTemplate(db, actorOf(ctx, ip), params.id, body) }));

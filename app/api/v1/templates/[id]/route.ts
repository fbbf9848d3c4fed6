import { route } from '@/lib/http/route';
import { actorOf, deleteTemplate, deleteTemplateEndpoint, getTemplate, getTemplateEndpoint, updateTemplate, updateTemplateEndpoint } from '@/features/sequences';

export const GET = route(getTemplateEndpoint, async ({ db, ctx, params }) => ({ template: await getTemplate(db, ctx.orgId, params.id) }));

export const PATCH = route(updateTemplateEndpoint, ({ db, ctx, params, body, ip }) => updateTemplate(db, actorOf(ctx, ip), params.id, body));

export const DELETE = route(deleteTemplateEndpoint, async ({ db, ctx, params, ip }) => {
  await deleteTemplate(db, actorOf(ctx, ip), params.id);
  return { id: params.id, deleted: true as const };
});

import { route } from '@/lib/http/route';
import { actorOf, createTemplate, createTemplateEndpoint, findTemplates, listTemplatesEndpoint, templateFacets } from '@/features/sequences';

export const GET = route(listTemplatesEndpoint, async ({ db, ctx, query }) => ({
  templates: await findTemplates(db, ctx.orgId, query),
  facets: await templateFacets(db, ctx.orgId),
}));

export const POST = route(createTemplateEndpoint, ({ db, ctx, body, ip }) => createTemplate(db, actorOf(ctx, ip), body));

import { route } from '@/lib/http/route';
import { actorOf, findSequenceVersions, listVersionsEndpoint, saveSequenceVersion, saveVersionEndpoint } from '@/features/sequences';

export const GET = route(listVersionsEndpoint, async ({ db, ctx, params }) => ({ versions: await findSequenceVersions(db, ctx.orgId, params.id) }));

export const POST = route(saveVersionEndpoint, ({ db, ctx, params, body, ip }) => saveSequenceVersion(db, actorOf(ctx, ip), params.id, body.steps));

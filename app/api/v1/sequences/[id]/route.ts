import { route } from '@/lib/http/route';
import { actorOf, getSequence, getSequenceEndpoint, updateSequence, updateSequenceEndpoint } from '@/features/sequences';

export const GET = route(getSequenceEndpoint, async ({ db, ctx, params }) => ({ sequence: await getSequence(db, ctx.orgId, params.id) }));

export const PATCH = route(updateSequenceEndpoint, async ({ db, ctx, params, body, ip }) => ({ sequence: await updateSequence(db, actorOf(ctx, ip), params.id, body) }));

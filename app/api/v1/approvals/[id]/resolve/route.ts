import { route } from '@/lib/http/route';
import { actorOf, resolveUncertain, resolveUncertainEndpoint } from '@/features/sequences';

export const POST = route(resolveUncertainEndpoint, ({ db, ctx, params, body, ip }) => resolveUncertain(db, actorOf(ctx, ip), params.id, body));

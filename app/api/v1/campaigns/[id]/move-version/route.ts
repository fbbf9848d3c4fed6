import { route } from '@/lib/http/route';
import { actorOf, moveEnrollmentsToVersion, moveVersionEndpoint } from '@/features/sequences';

export const POST = route(moveVersionEndpoint, ({ db, ctx, params, body, ip }) => moveEnrollmentsToVersion(db, actorOf(ctx, ip), params.id, body));

import { route } from '@/lib/http/route';
import { actorOf, rejectEndpoint, rejectMessage } from '@/features/sequences';

export const POST = route(rejectEndpoint, ({ db, ctx, params, body, ip }) => rejectMessage(db, actorOf(ctx, ip), params.id, body));

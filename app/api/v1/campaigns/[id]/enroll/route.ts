import { route } from '@/lib/http/route';
import { actorOf, enrollEndpoint, enrollLeads } from '@/features/sequences';

export const POST = route(enrollEndpoint, ({ db, ctx, params, body, ip }) => enrollLeads(db, actorOf(ctx, ip), params.id, body));

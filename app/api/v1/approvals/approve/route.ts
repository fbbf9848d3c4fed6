import { route } from '@/lib/http/route';
import { actorOf, approveManyEndpoint, approveMessages } from '@/features/sequences';

export const POST = route(approveManyEndpoint, ({ db, ctx, body, ip }) => approveMessages(db, actorOf(ctx, ip), body));

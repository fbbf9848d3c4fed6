import { route } from '@/lib/http/route';
import { actorOf, testMailboxConnection, testMailboxEndpoint } from '@/features/mailboxes';

// No request-wide transaction: short RLS transactions around the network test (`db` is the process database here).
export const POST = route(testMailboxEndpoint, ({ db, ctx, params, ip, asUser }) => testMailboxConnection(db, asUser, actorOf(ctx, ip), params.id));

import { route } from '@/lib/http/route';
import { actorOf, pauseMailbox, pauseMailboxEndpoint } from '@/features/mailboxes';

export const POST = route(pauseMailboxEndpoint, async ({ db, ctx, params, ip }) => ({ mailbox: await pauseMailbox(db, actorOf(ctx, ip), params.id) }));

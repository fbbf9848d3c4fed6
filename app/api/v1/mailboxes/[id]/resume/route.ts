import { route } from '@/lib/http/route';
import { actorOf, resumeMailbox, resumeMailboxEndpoint } from '@/features/mailboxes';

export const POST = route(resumeMailboxEndpoint, async ({ db, ctx, params, ip }) => ({ mailbox: await resumeMailbox(db, actorOf(ctx, ip), params.id) }));

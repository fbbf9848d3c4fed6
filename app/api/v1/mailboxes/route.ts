import { route } from '@/lib/http/route';
import { actorOf, createMailbox, createMailboxEndpoint, findMailboxes, listMailboxesEndpoint } from '@/features/mailboxes';

export const GET = route(listMailboxesEndpoint, async ({ db, ctx }) => ({ mailboxes: await findMailboxes(db, actorOf(ctx)) }));

export const POST = route(createMailboxEndpoint, async ({ db, ctx, body, ip }) => ({ mailbox: await createMailbox(db, actorOf(ctx, ip), body) }));

import { route } from '@/lib/http/route';
import { actorOf, deleteMailbox, deleteMailboxEndpoint, getMailbox, getMailboxEndpoint, updateMailbox, updateMailboxEndpoint } from '@/features/mailboxes';

export const GET = route(getMailboxEndpoint, async ({ db, ctx, params }) => ({ mailbox: await getMailbox(db, ctx.orgId, params.id) }));

export const PATCH = route(updateMailboxEndpoint, async ({ db, ctx, params, body, ip }) => ({ mailbox: await updateMailbox(db, actorOf(ctx, ip), params.id, body) }));

export const DELETE = route(deleteMailboxEndpoint, async ({ db, ctx, params, ip }) => {
  await deleteMailbox(db, actorOf(ctx, ip), params.id);
  return { id: params.id, deleted: true as const };
});

import { route } from '@/lib/http/route';
import { AppError } from '@/lib/errors';
import { actorOf, approveMessages, approveOneEndpoint } from '@/features/sequences';

export const POST = route(approveOneEndpoint, async ({ db, ctx, params, ip }) => {
  const r = await approveMessages(db, actorOf(ctx, ip), { messageIds: [params.id] });
  if (!r.approved) throw new AppError('CONFLICT', 'This email is not waiting for approval (it may have been approved or rejected already).');
  return r;
});

import { route } from '@/lib/http/route';
import { markNotificationsRead, markNotificationsReadEndpoint } from '@/features/notifications';

export const POST = route(markNotificationsReadEndpoint, async ({ db, ctx, body }) => ({
  marked: await markNotificationsRead(db, ctx, body!.all ? 'all' : body!.ids!),
}));

import { route } from '@/lib/http/route';
import { countUnread, findNotifications, listNotificationsEndpoint, notificationDto } from '@/features/notifications';

export const GET = route(listNotificationsEndpoint, async ({ db, ctx, query }) => ({
  notifications: (await findNotifications(db, ctx, { limit: query!.limit, unreadOnly: query!.unread })).map(notificationDto),
  unread: await countUnread(db, ctx),
}));

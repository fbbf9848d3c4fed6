import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser, asUser } from '@/lib/auth';
import { PageHeader, formatDateTime } from '@/components/ui';
import { countUnread, findNotifications } from '@/features/notifications';
import { getOrganization } from '@/features/accounts';
import { MarkAllReadButton, NotificationList } from './notifications-ui';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  const user = await requireUser();
  const { list, unread, tz } = await asUser(user, async (db) => ({
    list: await findNotifications(db, user, { limit: 100 }),
    unread: await countUnread(db, user),
    tz: (await getOrganization(db, user.orgId)).timezone,
  }));
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <>
            {unread ? `${unread} unread` : 'All caught up'} · choose what you hear about in{' '}
            <Link className="text-primary hover:underline" href="/settings/notifications">notification settings</Link>
          </>
        }
        actions={unread ? <MarkAllReadButton /> : null}
      />
      <NotificationList
        items={list.map((n) => ({
          id: n.id, title: n.title, body: n.body, hasLink: Boolean(n.actionUrl), unread: !n.readAt, type: n.type,
          when: formatDateTime(n.createdAt, tz), iso: n.createdAt.toISOString(),
        }))}
      />
    </>
  );
}

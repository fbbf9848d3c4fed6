'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { asUser } from '@/lib/auth';
import { userAction } from '@/lib/http/action';
import { ZIdRef } from '@/features/accounts';
import { markNotificationsRead, openNotification } from '@/features/notifications';

export const markAllReadAction = userAction(z.object({}), async ({ ctx, db }) => {
  const n = await markNotificationsRead(db, ctx, 'all');
  revalidatePath('/', 'layout'); // the bell's count
  return { message: n ? `Marked ${n} notification${n === 1 ? '' : 's'} read.` : 'Nothing was unread.' };
});

/** Opens a notification: marks it read (committed first), then follows its link if it has one. */
export const openNotificationAction = userAction(
  ZIdRef,
  async ({ input, ctx }) => {
    const { actionUrl } = await asUser(ctx, (db) => openNotification(db, ctx, input.id));
    revalidatePath('/', 'layout');
    if (actionUrl) redirect(actionUrl);
    return {};
  },
  { transaction: false },
);

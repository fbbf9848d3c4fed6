/** The notification centre (bell) and preferences, read and written as the user under RLS. */
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { type Db } from '@/db';
import { notificationPreferences, notifications } from '@/db/schema';
import type { TPrefs } from './types';

export async function findNotifications(db: Db, ctx: { userId: string; orgId: string }, opts: { limit?: number } = {}) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, ctx.userId), eq(notifications.orgId, ctx.orgId), eq(notifications.inApp, true)))
    .orderBy(desc(notifications.createdAt))
    .limit(Math.min(opts.limit ?? 50, 200));
}

export async function countUnread(db: Db, ctx: { userId: string; orgId: string }): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, ctx.userId), eq(notifications.orgId, ctx.orgId), eq(notifications.inApp, true), isNull(notifications.readAt)));
  return Number(r?.n ?? 0);
}

export async function markNotificationsRead(db: Db, ctx: { userId: string; orgId: string }, ids: string[] | 'all'): Promise<number> {
  const where = and(eq(notifications.userId, ctx.userId), eq(notifications.orgId, ctx.orgId), isNull(notifications.readAt));
  const r = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(ids === 'all' ? where : and(where, inArray(notifications.id, ids)))
    .returning({ id: notifications.id });
  return r.length;
}

export async function getPreferences(db: Db, ctx: { userId: string; orgId: string }): Promise<TPrefs> {
  const [r] = await db
    .select({ prefs: notificationPreferences.prefs })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, ctx.userId), eq(notificationPreferences.orgId, ctx.orgId)));
  return (r?.prefs ?? {}) as TPrefs;
}

export async function updatePreferences(db: Db, ctx: { userId: string; orgId: string }, prefs: TPrefs): Promise<TPrefs> {
  const [r] = await db
    .insert(notificationPreferences)
    .values({ orgId: ctx.orgId, userId: ctx.userId, prefs })
    .onConflictDoUpdate({ target: [notificationPreferences.orgId, notificationPreferences.userId], set: { prefs } })
    .returning({ prefs: notificationPreferences.prefs });
  return (r?.prefs ?? {}) as TPrefs;
}

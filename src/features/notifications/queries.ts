/** The notification centre (bell) and preferences, read and written as the user under RLS. */
import { and, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { type Db } from '@/db';
import { AppError } from '@/lib/errors';
import { notificationPreferences, notifications } from '@/db/schema';
import type { TNotificationType } from '@/db/schema';
import { channelsFor, NOTIFICATION_SETTINGS, ZPrefs, type TPrefs } from './types';

export async function findNotifications(
  db: Db,
  ctx: { userId: string; orgId: string },
  opts: { limit?: number; unreadOnly?: boolean; before?: Date } = {},
) {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, ctx.userId),
        eq(notifications.orgId, ctx.orgId),
        eq(notifications.inApp, true),
        opts.unreadOnly ? isNull(notifications.readAt) : undefined,
        opts.before ? lt(notifications.createdAt, opts.before) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(Math.max(1, Math.min(opts.limit ?? 50, 200)));
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

/** Every switchable type with the channels in effect (stored choice, else the default). */
export function effectivePreferences(prefs: TPrefs | null | undefined): Record<TNotificationType, { email: boolean; in_app: boolean }> {
  const out = {} as Record<TNotificationType, { email: boolean; in_app: boolean }>;
  for (const s of NOTIFICATION_SETTINGS) {
    const c = channelsFor(s.type, prefs);
    out[s.type] = { email: c.email, in_app: c.inApp };
  }
  return out;
}

/** Replaces the user's preferences in the active organization (validated: unknown types are refused). */
export async function updatePreferences(db: Db, ctx: { userId: string; orgId: string }, input: TPrefs): Promise<TPrefs> {
  const prefs = ZPrefs.parse(input) as TPrefs;
  const [r] = await db
    .insert(notificationPreferences)
    .values({ orgId: ctx.orgId, userId: ctx.userId, prefs })
    .onConflictDoUpdate({ target: [notificationPreferences.orgId, notificationPreferences.userId], set: { prefs } })
    .returning({ prefs: notificationPreferences.prefs });
  return (r?.prefs ?? {}) as TPrefs;
}

/** Opens one notification: marks it read and returns where it points (null when it points nowhere). */
export async function openNotification(db: Db, ctx: { userId: string; orgId: string }, id: string): Promise<{ actionUrl: string | null }> {
  const [n] = await db
    .select({ actionUrl: notifications.actionUrl, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, ctx.userId), eq(notifications.orgId, ctx.orgId)));
  if (!n) throw new AppError('NOT_FOUND', 'That notification does not exist any more.');
  if (!n.readAt) await markNotificationsRead(db, ctx, [id]);
  // Only same-site paths (the column allows nothing else; checked again so a link never leaves the app).
  return { actionUrl: n.actionUrl && /^\/(?!\/)[^\s\\]*$/.test(n.actionUrl) ? n.actionUrl : null };
}

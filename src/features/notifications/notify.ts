/**
 * notify(): the one way features tell people something (P7). Inserts in-app notifications for the chosen
 * members of an organization and queues an email for each member whose preferences ask for one.
 * Call it inside a service transaction (jobs, webhooks, sign-up); it respects preferences per user.
 */
import { rows, sql, type Db } from '@/db';
import type { TNotificationType, TRole } from '@/db/schema';
import { enqueue } from '@/lib/jobs';
import { channelsFor, type TPrefs } from './types';
import { sendNotificationEmailTask } from './tasks';

export type TNotifyInput = {
  orgId: string;
  type: TNotificationType;
  title: string;
  body?: string;
  actionUrl?: string;
  /** Recipients: these users, or every member with one of these roles, or (default) every member. */
  userIds?: string[];
  roles?: TRole[];
};

export async function notify(tx: Db, input: TNotifyInput): Promise<{ notified: number; emailed: number }> {
  const members = await rows<{ user_id: string; prefs: TPrefs | null }>(
    tx,
    sql`select m.user_id, p.prefs
        from public.memberships m
        left join public.notification_preferences p on p.org_id = m.org_id and p.user_id = m.user_id
        where m.org_id = ${input.orgId}::uuid
          and (${sql.param(input.userIds ?? null)}::uuid[] is null or m.user_id = any(${sql.param(input.userIds ?? null)}::uuid[]))
          and (${sql.param(input.roles ?? null)}::text[] is null or m.role = any(${sql.param(input.roles ?? null)}::text[]))`,
  );
  let notified = 0;
  let emailed = 0;
  for (const m of members) {
    const ch = channelsFor(input.type, m.prefs);
    if (!ch.email && !ch.inApp) continue;
    const [n] = await rows<{ id: string }>(
      tx,
      sql`insert into public.notifications (org_id, user_id, type, title, body, action_url, in_app)
          values (${input.orgId}, ${m.user_id}, ${input.type}, ${input.title.slice(0, 300)}, ${input.body?.slice(0, 5000) ?? null},
                  ${input.actionUrl ?? null}, ${ch.inApp})
          returning id`,
    );
    notified++;
    if (ch.email) {
      await enqueue(tx, sendNotificationEmailTask, { notificationId: n!.id }, { idempotencyKey: `notification-email:${n!.id}`, orgId: input.orgId });
      emailed++;
    }
  }
  return { notified, emailed };
}

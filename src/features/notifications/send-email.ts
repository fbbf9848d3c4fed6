/** Sends the email for one notification, once: skips it if already emailed or if the user opted out since. */
import { asService, one, sql, type Db } from '@/db';
import { env } from '@/lib/env';
import type { Mailer } from '@/lib/mail';
import type { TNotificationType } from '@/db/schema';
import { channelsFor, type TPrefs } from './types';
import { NotificationEmail, renderEmail, WelcomeEmail } from './emails/templates';

export async function sendNotificationEmail(deps: { db: Db; mailer: Mailer }, input: { notificationId: string }) {
  const n = await asService(deps.db, (tx) =>
    one<{ id: string; org_id: string; type: TNotificationType; title: string; body: string | null; action_url: string | null;
          emailed_at: string | null; email: string; full_name: string | null; prefs: TPrefs | null }>(
      tx,
      sql`select n.id, n.org_id, n.type, n.title, n.body, n.action_url, n.emailed_at, u.email, u.full_name, p.prefs
          from public.notifications n
          join public.users u on u.id = n.user_id
          left join public.notification_preferences p on p.org_id = n.org_id and p.user_id = n.user_id
          where n.id = ${input.notificationId}::uuid`,
    ),
  );
  if (!n) return { skipped: 'notification no longer exists' };
  if (n.emailed_at) return { skipped: 'already emailed' };
  if (!channelsFor(n.type, n.prefs).email) return { skipped: 'user turned these emails off' };
  const appUrl = env().APP_URL;
  const mail =
    n.type === 'welcome'
      ? await renderEmail(n.title, WelcomeEmail({ name: n.full_name || n.email.split('@')[0]!, appUrl }))
      : await renderEmail(n.title, NotificationEmail({ title: n.title, body: n.body, actionUrl: n.action_url, appUrl }));
  const sent = await deps.mailer.send({ ...mail, to: n.email, feature: `notification:${n.type}`, orgId: n.org_id, idempotencyKey: `notification-${n.id}` });
  await asService(deps.db, (tx) => tx.execute(sql`update public.notifications set emailed_at = now() where id = ${n.id}::uuid`));
  return { sent: sent.id };
}

import { z } from 'zod';
import { defineTask } from '@/lib/jobs';
import { productMailer } from '@/lib/mail';
import { sendNotificationEmail } from './send-email';

export const sendNotificationEmailTask = defineTask({
  id: 'notifications.send-email',
  schema: z.object({ notificationId: z.uuid() }),
  queue: { name: 'product-email', concurrencyLimit: 5 },
  run: (payload, { db }) => sendNotificationEmail({ db, mailer: productMailer(db) }, payload),
});

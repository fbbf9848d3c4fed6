import { triggerTaskFor } from '@/lib/jobs/trigger-task';
import { sendNotificationEmailTask } from '@/features/notifications';

export const sendNotificationEmail = triggerTaskFor(sendNotificationEmailTask);

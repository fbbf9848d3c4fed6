import { triggerTaskFor } from '@/lib/jobs/trigger-task';
import { runWebhookTask } from '@/features/sequences';

export const runWebhook = triggerTaskFor(runWebhookTask);

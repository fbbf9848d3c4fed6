import { triggerTaskFor } from '@/lib/jobs/trigger-task';
import { cleanUpTask } from '@/features/system';

export const cleanUp = triggerTaskFor(cleanUpTask);

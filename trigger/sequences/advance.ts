import { triggerTaskFor } from '@/lib/jobs/trigger-task';
import { advanceTask } from '@/features/sequences';

export const advance = triggerTaskFor(advanceTask);

import { triggerTaskFor } from '@/lib/jobs/trigger-task';
import { dispatchTask } from '@/features/sequences';

export const dispatch = triggerTaskFor(dispatchTask);

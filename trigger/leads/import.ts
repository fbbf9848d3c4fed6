import { triggerTaskFor } from '@/lib/jobs/trigger-task';
import { importLeadsTask } from '@/features/leads';

export const importLeads = triggerTaskFor(importLeadsTask);

import { z } from 'zod';
import { defineTask } from '@/lib/jobs';
import { cleanUp } from './cleanup';

export { cleanUp } from './cleanup';

export const cleanUpTask = defineTask({
  id: 'system.clean-up',
  schema: z.object({}).passthrough(),
  cron: '17 3 * * *',
  run: (_p, { db }) => cleanUp(db),
});

export const systemTasks = [cleanUpTask];

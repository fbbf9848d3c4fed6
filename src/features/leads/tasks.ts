/** Background work of the leads feature: the import job (L2). */
import { z } from 'zod';
import { defineTask } from '@/lib/jobs';
import { runImport } from './run-import';

export const importLeadsTask = defineTask({
  id: 'leads.import',
  schema: z.object({ importId: z.uuid(), orgId: z.uuid() }),
  maxAttempts: 3,
  queue: { name: 'leads-import', concurrencyLimit: 2 },
  orgIdOf: (p) => p.orgId,
  run: (payload, { db, log }) => runImport({ db, log }, payload),
});

/**
 * Background work of the sequences feature. The local runner and Trigger.dev (trigger/sequences/*.ts)
 * run these same definitions; each calls a plain function tests call directly.
 */
import { z } from 'zod';
import { sharedTransports } from '@/features/mailboxes';
import { env } from '@/lib/env';
import { defineTask } from '@/lib/jobs';
import { advanceEnrollments } from './advance';
import { dispatchDue } from './dispatch';
import { runWebhookTask } from './webhook-steps';

export { runWebhookTask };

/** Every minute: enrollments move on, emails are composed and slotted. */
export const advanceTask = defineTask({
  id: 'sequences.advance',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  run: (_p, { db, log }) => advanceEnrollments({ db, log }),
});

/**
 * Every minute: due emails are sent. A run keeps going (sleeping until the next slot) for most of its
 * minute so sends land close to their slot — 40 s on Trigger.dev, 15 s in the local runner, which
 * shares two workers with every other job.
 */
export const dispatchTask = defineTask({
  id: 'sequences.dispatch',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  run: (_p, { db, log, runId }) =>
    dispatchDue({ db, transports: sharedTransports(db), log }, { workerId: `dispatch-${runId}`, budgetMs: env().mode === 'cloud' ? 40_000 : 15_000 }),
});

export const sequencesTasks = [advanceTask, dispatchTask, runWebhookTask];

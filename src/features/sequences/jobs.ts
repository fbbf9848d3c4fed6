/**
 * Background work of the sequences feature. The local runner and Trigger.dev (trigger/sequences/*.ts)
 * run these same definitions; each calls a plain function tests call directly.
 */
import { z } from 'zod';
import { sharedTransports } from '@/features/mailboxes';
import { env } from '@/lib/env';
import type { Db } from '@/db';
import { defineTask, enqueue } from '@/lib/jobs';
import { advanceEnrollments } from './advance';
import { dispatchDue } from './dispatch';
import { runWebhookTask } from './webhook-steps';

export { runWebhookTask };

/**
 * Every minute (and when kicked: an enrollment, an activation, an approval): enrollments move on, emails
 * are composed and slotted; emails whose slot is now are sent by the same run (claims keep that safe
 * beside the dispatcher).
 */
export const advanceTask = defineTask({
  id: 'sequences.advance',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  run: async (_p, { db, log, runId }) => {
    const advanced = await advanceEnrollments({ db, log });
    const sent = advanced.dueNow ? await dispatchDue({ db, transports: sharedTransports(db), log }, { workerId: `advance-${runId}` }) : undefined;
    return { ...advanced, ...(sent ? { sent: sent.sent } : {}) };
  },
});

/** Asks for an advance run soon (deduplicated per 5 seconds), inside the caller's transaction. */
export async function kickAdvance(tx: Db, orgId: string): Promise<void> {
  await enqueue(tx, advanceTask, {}, { idempotencyKey: `kick:${Math.floor(Date.now() / 5000)}`, orgId });
}

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

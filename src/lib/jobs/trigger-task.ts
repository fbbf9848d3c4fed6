/**
 * Wraps a task definition for Trigger.dev (cloud mode): schemaTask or schedules.task with 3 attempts and
 * exponential backoff, the declared queue, and runRecorded() so the Jobs page sees every attempt.
 * The task object does not expose its run; tests exercise the definition's plain function.
 */
import { queue, schedules, schemaTask, type Queue } from '@trigger.dev/sdk';
import { getDb } from '@/db';
import type { TTaskDef } from './define';
import { runRecorded } from './record';

const RETRY = { maxAttempts: 3, factor: 2, minTimeoutInMs: 1_000, maxTimeoutInMs: 60_000, randomize: true };
const queues = new Map<string, Queue>();

function queueFor(def: TTaskDef): Queue | undefined {
  if (!def.queue) return undefined;
  let q = queues.get(def.queue.name);
  if (!q) {
    q = queue({ name: def.queue.name, concurrencyLimit: def.queue.concurrencyLimit });
    queues.set(def.queue.name, q);
  }
  return q;
}

export function triggerTaskFor(def: TTaskDef) {
  const retry = { ...RETRY, maxAttempts: def.maxAttempts ?? RETRY.maxAttempts };
  if (def.cron) {
    return schedules.task({
      id: def.id,
      cron: def.cron,
      retry,
      run: async (payload, { ctx }) =>
        runRecorded(await getDb(), def, {}, {
          runId: ctx.run.id, externalId: ctx.run.id, attempt: ctx.attempt.number, maxAttempts: retry.maxAttempts, scheduledAt: payload.timestamp,
        }),
    });
  }
  return schemaTask({
    id: def.id,
    schema: def.schema,
    retry,
    queue: queueFor(def),
    run: async (payload, { ctx }) =>
      runRecorded(await getDb(), def, payload, { runId: ctx.run.id, externalId: ctx.run.id, attempt: ctx.attempt.number, maxAttempts: retry.maxAttempts }),
  });
}

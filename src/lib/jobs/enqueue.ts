/**
 * enqueue(): Trigger.dev in cloud mode, the local runner's queue (job_runs) in local mode.
 * Pass the transaction you are in (as a user or as the service): locally the job row commits with it,
 * so work is queued only if the change that asked for it is stored.
 */
import { EventEmitter } from 'node:events';
import { configure, idempotencyKeys, tasks } from '@trigger.dev/sdk';
import type { z } from 'zod';
import { one, sql, type Db } from '@/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { TTaskDef } from './define';

/** The local runner listens here so newly queued work starts without waiting for the next poll. */
export const localQueueSignal = new EventEmitter();
localQueueSignal.setMaxListeners(100);

let triggerConfigured = false;
function triggerClient() {
  if (!triggerConfigured) {
    const e = env();
    configure({ secretKey: e.TRIGGER_SECRET_KEY, baseURL: e.TRIGGER_API_URL ?? 'https://api.trigger.dev' });
    triggerConfigured = true;
  }
  return tasks;
}

export type TEnqueueOptions = { idempotencyKey?: string; orgId?: string; delaySeconds?: number };

export async function enqueue<S extends z.ZodType>(
  db: Db,
  task: TTaskDef<S>,
  payload: z.input<S>,
  opts: TEnqueueOptions = {},
): Promise<{ id: string }> {
  const parsed = task.schema.parse(payload);
  const orgId = opts.orgId ?? task.orgIdOf?.(parsed) ?? null;
  const maxAttempts = task.maxAttempts ?? 3;
  let externalId: string | null = null;
  if (env().mode === 'cloud') {
    // A Trigger.dev run cannot be rolled back with the transaction: check first what app.enqueue_job
    // will check, so a user can never start work for an organization they are not in.
    const may = await one<{ ok: boolean }>(
      db,
      sql`select coalesce(auth.jwt() ->> 'role', '') = 'service_role'
                 or exists (select 1 from app.user_org_ids() o where o = ${orgId}::uuid) as ok`,
    );
    if (!may?.ok) throw new AppError('FORBIDDEN', 'You cannot start work for that organization.');
    try {
      const handle = await triggerClient().trigger(task.id, parsed, {
        ...(opts.idempotencyKey ? { idempotencyKey: await idempotencyKeys.create(opts.idempotencyKey, { scope: 'global' }) } : {}),
        ...(opts.delaySeconds ? { delay: `${Math.ceil(opts.delaySeconds)}s` } : {}),
        maxAttempts,
      });
      externalId = handle.id;
    } catch (e) {
      throw new AppError('UPSTREAM', 'Background work could not be scheduled right now. Please try again in a moment.', { cause: e });
    }
  }
  const row = await one<{ id: string }>(
    db,
    sql`select app.enqueue_job(${task.id}, ${JSON.stringify(parsed ?? {})}::jsonb, ${orgId}::uuid, ${opts.idempotencyKey ?? null},
        ${maxAttempts}, now() + make_interval(secs => ${opts.delaySeconds ?? 0}), ${externalId}) as id`,
  );
  if (env().mode === 'local') localQueueSignal.emit('queued');
  return { id: row!.id };
}

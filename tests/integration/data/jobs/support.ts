/** Helpers for the local job runner tests: tasks that record their calls, and job_runs readers. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { asService, one, rows, sql, type Db } from '../../../../src/db';
import { defineTask, type TTaskDef } from '../../../../src/lib/jobs';

export type TRun = {
  id: string; task_id: string; status: string; attempts: number; max_attempts: number; error: string | null; output: unknown;
  org_id: string | null; idempotency_key: string | null; external_id: string | null; locked_by: string | null;
  finished_at: string | null; duration_ms: number | null; delay_after_start_s: number | null; run_at_future: boolean;
};

export const uniqueTaskId = (verb: string) => `test-${randomBytes(3).toString('hex')}.${verb}`;

/** A task whose behaviour per attempt the test decides; records every call. */
export function recordingTask(verb: string, behave: (payload: { n: number }, attempt: number) => unknown, opts: { maxAttempts?: number } = {}) {
  const calls: { n: number; attempt: number; runId: string }[] = [];
  const task: TTaskDef = defineTask({
    id: uniqueTaskId(verb),
    schema: z.object({ n: z.number().int() }),
    maxAttempts: opts.maxAttempts,
    run: async (payload, ctx) => {
      calls.push({ n: payload.n, attempt: ctx.attempt, runId: ctx.runId });
      return behave(payload, ctx.attempt);
    },
  }) as TTaskDef;
  return { task, calls };
}

export async function runsOf(db: Db, taskId: string): Promise<TRun[]> {
  return asService(db, (tx) =>
    rows<TRun>(
      tx,
      sql`select id, task_id, status, attempts, max_attempts, error, output, org_id, idempotency_key, external_id, locked_by,
                 finished_at, duration_ms, extract(epoch from (run_at - started_at))::float8 as delay_after_start_s,
                 run_at > now() as run_at_future
          from public.job_runs where task_id = ${taskId} order by created_at, id`,
    ),
  );
}

export async function runById(db: Db, id: string): Promise<TRun> {
  const r = await asService(db, (tx) =>
    one<TRun>(tx, sql`select id, task_id, status, attempts, max_attempts, error, output, org_id, idempotency_key, external_id, locked_by,
                             finished_at, duration_ms, extract(epoch from (run_at - started_at))::float8 as delay_after_start_s,
                             run_at > now() as run_at_future
                      from public.job_runs where id = ${id}::uuid`),
  );
  if (!r) throw new Error(`no job run ${id}`);
  return r;
}

/** Simulates time passing for a run waiting on its backoff: make it due now. */
export async function makeDue(db: Db, id: string) {
  await asService(db, (tx) => tx.execute(sql`update public.job_runs set run_at = now() where id = ${id}::uuid`));
}

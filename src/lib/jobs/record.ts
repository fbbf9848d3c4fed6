/** Runs a task once and records the attempt in job_runs; shared by the local runner and Trigger.dev. */
import { asService, one, sql, type Db } from '@/db';
import { logger } from '@/lib/log';
import { isRetryable, type TTaskDef } from './define';

export type TAttempt = { runId: string; attempt: number; maxAttempts: number; scheduledAt?: Date };

function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.slice(0, 2000);
}

/** Executes `def` with the payload; returns the outcome instead of throwing. */
export async function executeTask(db: Db, def: TTaskDef, payload: unknown, a: TAttempt): Promise<
  { ok: true; output: unknown; durationMs: number } | { ok: false; error: unknown; retryable: boolean; durationMs: number }
> {
  const started = Date.now();
  const log = logger({ task: def.id, runId: a.runId, attempt: a.attempt });
  try {
    const parsed = def.schema.parse(payload);
    const output = await def.run(parsed, { db, log, runId: a.runId, attempt: a.attempt, scheduledAt: a.scheduledAt });
    log.info({ durationMs: Date.now() - started }, 'task succeeded');
    return { ok: true, output: output ?? null, durationMs: Date.now() - started };
  } catch (error) {
    const retryable = isRetryable(error) && a.attempt < a.maxAttempts;
    log.warn({ err: error, retryable }, 'task failed');
    return { ok: false, error, retryable, durationMs: Date.now() - started };
  }
}

/**
 * Cloud mode: Trigger.dev runs the task; this wrapper records each attempt in job_runs (keyed by the
 * Trigger run id) and rethrows failures so Trigger.dev retries with its backoff.
 */
export async function runRecorded(db: Db, def: TTaskDef, payload: unknown, a: TAttempt & { externalId: string }): Promise<unknown> {
  const orgId = safeOrgId(def, payload);
  await asService(db, (tx) =>
    tx.execute(sql`
      insert into public.job_runs (task_id, org_id, payload, external_id, status, attempts, max_attempts, started_at)
      values (${def.id}, ${orgId ?? null}, ${JSON.stringify(payload ?? {})}::jsonb, ${a.externalId}, 'running', ${a.attempt}, ${a.maxAttempts}, now())
      on conflict (external_id) do update set status = 'running', attempts = excluded.attempts, started_at = now(), error = null`),
  );
  const r = await executeTask(db, def, payload, a);
  await asService(db, (tx) =>
    tx.execute(sql`
      update public.job_runs set
        status = ${r.ok ? 'succeeded' : r.retryable ? 'retrying' : 'failed'},
        finished_at = now(), duration_ms = ${r.durationMs},
        error = ${r.ok ? null : errorText(r.error)},
        output = ${r.ok ? JSON.stringify(r.output) : null}::jsonb
      where external_id = ${a.externalId}`),
  );
  if (!r.ok) throw r.error;
  return r.output;
}

export function safeOrgId(def: TTaskDef, payload: unknown): string | undefined {
  try {
    return def.orgIdOf?.(def.schema.parse(payload));
  } catch {
    return undefined;
  }
}

export { errorText };

export async function jobRunStatus(db: Db, id: string) {
  return asService(db, (tx) => one<{ status: string; attempts: number; error: string | null }>(tx, sql`select status, attempts, error from public.job_runs where id = ${id}::uuid`));
}

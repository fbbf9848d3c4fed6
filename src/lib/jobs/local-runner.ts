/**
 * The local runner (local mode): claims due rows from job_runs with FOR UPDATE SKIP LOCKED, runs the
 * task, retries 3× with exponential backoff, records every attempt, recovers runs whose worker died,
 * and enqueues cron tasks on their specs (croner) with an idempotency key per scheduled minute, so two
 * runners never start the same scheduled run twice.
 */
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { asService, rows, sql, type Db } from '@/db';
import { log } from '@/lib/log';
import { backoffMs, type TTaskDef } from './define';
import { enqueue, localQueueSignal } from './enqueue';
import { errorText, executeTask } from './record';

export type TLocalRunner = {
  stop(): Promise<void>;
  /** Runs until nothing is due (tests). */
  drain(opts?: { timeoutMs?: number }): Promise<void>;
  readonly workerId: string;
};

type Claimed = { id: string; task_id: string; payload: unknown; attempts: number; max_attempts: number; run_at: string };

export function startLocalRunner(opts: {
  db: Db;
  tasks: TTaskDef[];
  concurrency?: number;
  pollMs?: number;
  leaseSeconds?: number;
  cron?: boolean;
}): TLocalRunner {
  const { db } = opts;
  const byId = new Map(opts.tasks.map((t) => [t.id, t]));
  const concurrency = opts.concurrency ?? 2;
  const workerId = `local-${process.pid}-${randomUUID().slice(0, 8)}`;
  const inflight = new Set<Promise<void>>();
  const queueBusy = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;

  const crons = (opts.cron ?? true)
    ? opts.tasks.filter((t) => t.cron).map((t) =>
        new Cron(t.cron!, { timezone: 'UTC', protect: true }, async () => {
          const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
          try {
            await asService(db, (tx) => enqueue(tx, t, {}, { idempotencyKey: `cron:${minute}` }));
          } catch (e) {
            log().error({ err: e, task: t.id }, 'could not enqueue a scheduled run');
          }
        }),
      )
    : [];

  async function claim(n: number): Promise<Claimed[]> {
    if (n <= 0) return [];
    return asService(db, async (tx) => {
      await tx.execute(sql`
        update public.job_runs set
          status = case when attempts >= max_attempts then 'failed' else 'retrying' end,
          error = 'The worker stopped before this run finished.', locked_by = null, locked_until = null,
          finished_at = case when attempts >= max_attempts then now() end, run_at = now()
        where status = 'running' and locked_until < now() and external_id is null`);
      return rows<Claimed>(
        tx,
        sql`update public.job_runs j set status = 'running', attempts = j.attempts + 1, started_at = now(),
                   locked_by = ${workerId}, locked_until = now() + make_interval(secs => ${opts.leaseSeconds ?? 900}), error = null
            where j.id in (
              select id from public.job_runs
              where status in ('queued', 'retrying') and run_at <= now() and external_id is null
                and task_id = any(${sql.param([...byId.keys()])}::text[])
              order by run_at
              limit ${n}
              for update skip locked)
            returning j.id, j.task_id, j.payload, j.attempts, j.max_attempts, j.run_at`,
      );
    });
  }

  async function runOne(job: Claimed): Promise<void> {
    const def = byId.get(job.task_id)!;
    const r = await executeTask(db, def, job.payload, {
      runId: job.id,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
      scheduledAt: def.cron ? new Date(job.run_at) : undefined,
    });
    await asService(db, (tx) =>
      r.ok
        ? tx.execute(sql`update public.job_runs set status = 'succeeded', finished_at = now(), duration_ms = ${r.durationMs},
                             output = ${JSON.stringify(r.output)}::jsonb, locked_by = null, locked_until = null
                         where id = ${job.id}::uuid and locked_by = ${workerId}`)
        : tx.execute(sql`update public.job_runs set
                             status = ${r.retryable ? 'retrying' : 'failed'},
                             run_at = now() + make_interval(secs => ${backoffMs(job.attempts) / 1000}),
                             finished_at = case when ${r.retryable} then null else now() end, duration_ms = ${r.durationMs},
                             error = ${errorText(r.error)}, locked_by = null, locked_until = null
                         where id = ${job.id}::uuid and locked_by = ${workerId}`),
    );
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    try {
      const jobs = await claim(concurrency - inflight.size);
      for (const job of jobs) {
        const def = byId.get(job.task_id)!;
        const qName = def.queue?.name;
        if (qName) queueBusy.set(qName, (queueBusy.get(qName) ?? 0) + 1);
        const p = runOne(job)
          .catch((e) => log().error({ err: e, job: job.id }, 'local runner could not record a run'))
          .finally(() => {
            inflight.delete(p);
            if (qName) queueBusy.set(qName, (queueBusy.get(qName) ?? 1) - 1);
            schedule(0);
          });
        inflight.add(p);
      }
    } catch (e) {
      if (!stopped) log().error({ err: e }, 'local runner poll failed');
    }
  }

  function schedule(ms: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      ticking = (ticking ?? Promise.resolve()).then(tick).finally(() => schedule(opts.pollMs ?? 1000));
    }, ms);
  }

  const onQueued = () => schedule(10);
  localQueueSignal.on('queued', onQueued);
  schedule(0);

  return {
    workerId,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      localQueueSignal.off('queued', onQueued);
      crons.forEach((c) => c.stop());
      await ticking;
      await Promise.allSettled([...inflight]);
    },
    async drain({ timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await Promise.allSettled([...inflight]);
        const [due] = await asService(db, (tx) =>
          rows<{ n: number }>(tx, sql`select count(*)::int as n from public.job_runs
                                      where (status in ('queued', 'retrying') and run_at <= now() or status = 'running')
                                        and external_id is null and task_id = any(${sql.param([...byId.keys()])}::text[])`),
        );
        if (!due?.n && inflight.size === 0) return;
        if (Date.now() > deadline) throw new Error('local runner: jobs still due after the drain timeout');
        await tick();
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

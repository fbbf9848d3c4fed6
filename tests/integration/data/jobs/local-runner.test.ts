/**
 * The local job runner against a real database (Postgres server and PGlite): runs are recorded, retried
 * with backoff up to their attempts, failed at once when retrying cannot help, and recovered when the
 * worker holding them died.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, sql } from '../../../../src/db';
import { enqueue, startLocalRunner, type TLocalRunner, type TTaskDef } from '../../../../src/lib/jobs';
import { AppError } from '../../../../src/lib/errors';
import { testDb, type TTestDb } from '../../../support/db';
import { createPerson, type TPerson } from '../../../support/world';
import { makeDue, recordingTask, runById, runsOf } from './support';

let h: TTestDb;
let owner: TPerson;
const runners: TLocalRunner[] = [];

beforeAll(async () => {
  h = await testDb();
  owner = await createPerson(h.db);
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});
afterAll(async () => h?.close());

function runner(tasks: TTaskDef[]) {
  const r = startLocalRunner({ db: h.db, tasks, cron: false, pollMs: 50, concurrency: 2 });
  runners.push(r);
  return r;
}

const enqueueAsService = (task: TTaskDef, payload: unknown, opts: Parameters<typeof enqueue>[3] = {}) =>
  asService(h.db, (tx) => enqueue(tx, task, payload, { orgId: owner.orgId, ...opts }));

describe('local job runner', () => {
  it('runs a queued task once and records the success', async () => {
    const { task, calls } = recordingTask('succeed', (p) => ({ doubled: p.n * 2 }));
    const { id } = await enqueueAsService(task, { n: 21 });
    expect((await runById(h.db, id)).status).toBe('queued');
    await runner([task]).drain();
    const run = await runById(h.db, id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1, error: null, output: { doubled: 42 }, org_id: owner.orgId, locked_by: null });
    expect(run.finished_at).not.toBeNull();
    expect(run.duration_ms).toBeGreaterThanOrEqual(0);
    expect(calls).toEqual([{ n: 21, attempt: 1, runId: id }]);
  });

  it('retries a failing task with growing backoff, then fails it after 3 attempts', async () => {
    const { task, calls } = recordingTask('always-fail', () => {
      throw new Error('the vendor is down');
    });
    const { id } = await enqueueAsService(task, { n: 1 });
    const r = runner([task]);

    await r.drain();
    const first = await runById(h.db, id);
    expect(first).toMatchObject({ status: 'retrying', attempts: 1, error: 'the vendor is down', finished_at: null, run_at_future: true });

    await makeDue(h.db, id);
    await r.drain();
    const second = await runById(h.db, id);
    expect(second).toMatchObject({ status: 'retrying', attempts: 2, run_at_future: true });
    // 1 s then 2 s (±20 % jitter): the second wait is always the longer one.
    expect(second.delay_after_start_s!).toBeGreaterThan(first.delay_after_start_s!);

    await makeDue(h.db, id);
    await r.drain();
    const last = await runById(h.db, id);
    expect(last).toMatchObject({ status: 'failed', attempts: 3, error: 'the vendor is down' });
    expect(last.finished_at).not.toBeNull();
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);

    await r.drain(); // nothing more happens to a failed run
    expect(calls).toHaveLength(3);
  });

  it('succeeds on a later attempt and records that attempt', async () => {
    const { task, calls } = recordingTask('flaky', (_p, attempt) => {
      if (attempt < 2) throw new Error('timeout');
      return { ok: true };
    });
    const { id } = await enqueueAsService(task, { n: 1 });
    const r = runner([task]);
    await r.drain();
    await makeDue(h.db, id);
    await r.drain();
    expect(await runById(h.db, id)).toMatchObject({ status: 'succeeded', attempts: 2, error: null, output: { ok: true } });
    expect(calls).toHaveLength(2);
  });

  it('honours a task-specific maxAttempts', async () => {
    const { task, calls } = recordingTask('fail-once-only', () => {
      throw new Error('nope');
    }, { maxAttempts: 1 });
    const { id } = await enqueueAsService(task, { n: 1 });
    await runner([task]).drain();
    expect(await runById(h.db, id)).toMatchObject({ status: 'failed', attempts: 1, max_attempts: 1 });
    expect(calls).toHaveLength(1);
  });

  it('fails at once, without retrying, when the error cannot be fixed by retrying', async () => {
    const { task, calls } = recordingTask('bad-input', () => {
      throw new AppError('INVALID_INPUT', 'That lead has no email address.');
    });
    const { id } = await enqueueAsService(task, { n: 1 });
    await runner([task]).drain();
    expect(await runById(h.db, id)).toMatchObject({ status: 'failed', attempts: 1, error: 'That lead has no email address.' });
    expect(calls).toHaveLength(1);
  });

  it('fails at once a run whose payload no longer fits the task schema', async () => {
    const { task, calls } = recordingTask('schema', () => 'never');
    const row = await asService(h.db, (tx) =>
      one<{ id: string }>(tx, sql`select app.enqueue_job(${task.id}, '{"n":"not a number"}'::jsonb, ${owner.orgId}::uuid, null, 3, now(), null) as id`),
    );
    await runner([task]).drain();
    const run = await runById(h.db, row!.id);
    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.error).toMatch(/number/i);
    expect(calls).toHaveLength(0);
  });

  it('recovers a run whose worker died (lease expired) and finishes it', async () => {
    const { task, calls } = recordingTask('recover', () => ({ recovered: true }));
    const { id } = await enqueueAsService(task, { n: 7 });
    // A worker claimed it, then died: status running, attempt 1 used, lease long gone.
    await asService(h.db, (tx) =>
      tx.execute(sql`update public.job_runs set status = 'running', attempts = 1, started_at = now() - interval '20 minutes',
                       locked_by = 'local-dead-worker', locked_until = now() - interval '5 minutes' where id = ${id}::uuid`),
    );
    await runner([task]).drain();
    expect(await runById(h.db, id)).toMatchObject({ status: 'succeeded', attempts: 2, output: { recovered: true }, locked_by: null });
    expect(calls).toEqual([{ n: 7, attempt: 2, runId: id }]);
  });

  it('fails a dead worker’s run that had used its last attempt, saying why', async () => {
    const { task, calls } = recordingTask('recover-last', () => 'never');
    const { id } = await enqueueAsService(task, { n: 1 });
    await asService(h.db, (tx) =>
      tx.execute(sql`update public.job_runs set status = 'running', attempts = 3, locked_by = 'local-dead-worker',
                       locked_until = now() - interval '1 minute' where id = ${id}::uuid`),
    );
    await runner([task]).drain();
    const run = await runById(h.db, id);
    expect(run).toMatchObject({ status: 'failed', attempts: 3, error: 'The worker stopped before this run finished.' });
    expect(run.finished_at).not.toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('leaves alone a run another live worker holds', async () => {
    const { task, calls } = recordingTask('held', () => 'never');
    const { id } = await enqueueAsService(task, { n: 1 });
    await asService(h.db, (tx) =>
      tx.execute(sql`update public.job_runs set status = 'running', attempts = 1, locked_by = 'local-live-worker',
                       locked_until = now() + interval '10 minutes' where id = ${id}::uuid`),
    );
    await expect(runner([task]).drain({ timeoutMs: 300 })).rejects.toThrow(/still due/);
    expect(await runById(h.db, id)).toMatchObject({ status: 'running', locked_by: 'local-live-worker', attempts: 1 });
    expect(calls).toHaveLength(0);
  });

  it('runs only the tasks it was given', async () => {
    const mine = recordingTask('mine', () => 'ok');
    const other = recordingTask('other', () => 'ok');
    const a = await enqueueAsService(mine.task, { n: 1 });
    const b = await enqueueAsService(other.task, { n: 2 });
    await runner([mine.task]).drain();
    expect((await runById(h.db, a.id)).status).toBe('succeeded');
    expect((await runById(h.db, b.id)).status).toBe('queued');
    expect(other.calls).toHaveLength(0);
  });

  it('does not run a delayed job before its time', async () => {
    const { task, calls } = recordingTask('later', () => 'ok');
    const { id } = await enqueueAsService(task, { n: 1 }, { delaySeconds: 3600 });
    await runner([task]).drain();
    expect(await runById(h.db, id)).toMatchObject({ status: 'queued', attempts: 0, run_at_future: true });
    expect(calls).toHaveLength(0);
    expect(await runsOf(h.db, task.id)).toHaveLength(1);
  });
});

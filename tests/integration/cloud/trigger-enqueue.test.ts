/**
 * enqueue() in cloud mode talks to Trigger.dev through the official SDK (here: a fake speaking its wire
 * format) and records the run in job_runs with the Trigger run id, so the Jobs page can show it.
 */
import { idempotencyKeys } from '@trigger.dev/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { asService, rows, sql, withUser } from '../../../src/db';
import { defineTask, enqueue, startLocalRunner, type TTaskDef } from '../../../src/lib/jobs';
import { env } from '../../../src/lib/env';
import { AppError } from '../../../src/lib/errors';
import { toAppError } from '../../../src/lib/http/respond';
import { testDb, type TTestDb } from '../../support/db';
import { createPerson, type TPerson } from '../../support/world';
import { startFakeTrigger } from '../../support/fakes/trigger';
import { CLOUD_ENV, useCloudEnv } from './support';

let h: TTestDb;
let fake: Awaited<ReturnType<typeof startFakeTrigger>>;
let restore: () => void;
let A: TPerson;
let B: TPerson;

const task = defineTask({
  id: 'cloudtest.send-report',
  schema: z.object({ reportId: z.uuid(), note: z.string() }),
  run: async () => null,
}) as TTaskDef;

beforeAll(async () => {
  fake = await startFakeTrigger({ secretKey: CLOUD_ENV.TRIGGER_SECRET_KEY });
  restore = useCloudEnv({ TRIGGER_API_URL: fake.url });
  h = await testDb();
  A = await createPerson(h.db, { orgName: 'A' });
  B = await createPerson(h.db, { orgName: 'B' });
});
afterAll(async () => {
  restore?.();
  await fake?.close();
  await h?.close();
});
beforeEach(() => fake.fail(undefined));

const jobRows = (taskId = task.id) =>
  asService(h.db, (tx) =>
    rows<{ id: string; external_id: string | null; org_id: string | null; status: string; idempotency_key: string | null; payload: unknown }>(
      tx,
      sql`select id, external_id, org_id, status, idempotency_key, payload from public.job_runs where task_id = ${taskId} order by created_at`,
    ),
  );

describe('enqueue in cloud mode (Trigger.dev)', () => {
  it('is in cloud mode', () => {
    expect(env().mode).toBe('cloud');
  });

  it('triggers the task with its payload, options and a global idempotency key, and records the run', async () => {
    const payload = { reportId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', note: 'weekly' };
    const { id } = await withUser(h.db, A.claims, (tx) => enqueue(tx, task, payload, { idempotencyKey: 'report-7c9e', orgId: A.orgId, delaySeconds: 90 }));

    const triggers = fake.requests.filter((r) => r.path === `/api/v1/tasks/${task.id}/trigger`);
    expect(triggers).toHaveLength(1);
    expect(triggers[0]!.headers.authorization).toBe(`Bearer ${CLOUD_ENV.TRIGGER_SECRET_KEY}`);
    const mine = fake.runs.filter((r) => r.taskId === task.id); // sign-up also queued welcome emails
    expect(mine).toHaveLength(1);
    const run = mine[0]!;
    expect(run.taskId).toBe(task.id);
    expect(run.payload).toEqual(payload);
    expect(run.options).toMatchObject({
      idempotencyKey: await idempotencyKeys.create('report-7c9e', { scope: 'global' }),
      idempotencyKeyOptions: { key: 'report-7c9e', scope: 'global' },
      delay: '90s',
      maxAttempts: 3,
    });

    expect(await jobRows()).toEqual([
      { id, external_id: run.id, org_id: A.orgId, status: 'queued', idempotency_key: 'report-7c9e', payload },
    ]);
    expect(run.id).toMatch(/^run_/);
  });

  it('asks Trigger.dev again for a repeated key and keeps one record of the one run', async () => {
    const payload = { reportId: '0b7e2c1a-5d1e-4a55-8f4e-3c2d7b9a1e00', note: 'again' };
    const first = await asService(h.db, (tx) => enqueue(tx, task, payload, { idempotencyKey: 'same-key', orgId: A.orgId }));
    const second = await asService(h.db, (tx) => enqueue(tx, task, payload, { idempotencyKey: 'same-key', orgId: A.orgId }));
    expect(second.id).toBe(first.id);
    expect(fake.runs.filter((r) => (r.payload as { note: string }).note === 'again')).toHaveLength(1);
    expect((await jobRows()).filter((r) => r.idempotency_key === 'same-key')).toHaveLength(1);
  });

  it('leaves runs that Trigger.dev owns alone in the local runner', async () => {
    const before = await jobRows();
    const runner = startLocalRunner({ db: h.db, tasks: [task], cron: false, pollMs: 20 });
    try {
      await runner.drain({ timeoutMs: 2000 });
    } finally {
      await runner.stop();
    }
    expect(await jobRows()).toEqual(before);
  });

  it('answers UPSTREAM and records nothing when Trigger.dev refuses', async () => {
    fake.fail({ status: 500, body: { error: 'Internal Server Error' }, headers: { 'x-should-retry': 'false' } });
    const payload = { reportId: '11111111-2222-4333-8444-555555555555', note: 'outage' };
    const err = await asService(h.db, (tx) => enqueue(tx, task, payload, { orgId: A.orgId })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UPSTREAM');
    expect((await jobRows()).filter((r) => (r.payload as { note: string }).note === 'outage')).toEqual([]);
  });

  it('never triggers work at Trigger.dev for an organization the user is not in', async () => {
    const payload = { reportId: '99999999-2222-4333-8444-555555555555', note: 'foreign' };
    const sent = fake.requests.length;
    const err = await withUser(h.db, B.claims, (tx) => enqueue(tx, task, payload, { orgId: A.orgId })).catch((e: unknown) => e);
    expect(toAppError(err).code).toBe('FORBIDDEN');
    expect(fake.requests.length).toBe(sent); // nothing reached Trigger.dev
    expect(fake.runs.filter((r) => (r.payload as { note: string }).note === 'foreign')).toEqual([]);
  });
});

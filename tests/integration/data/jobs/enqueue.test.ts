/** enqueue() in local mode: idempotency keys, and who may queue work for which organization. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser } from '../../../../src/db';
import { enqueue } from '../../../../src/lib/jobs';
import { fromDatabaseError } from '../../../../src/lib/errors';
import { testDb, type TTestDb } from '../../../support/db';
import { createPerson, type TPerson } from '../../../support/world';
import { recordingTask, runById, runsOf } from './support';

let h: TTestDb;
let A: TPerson;
let B: TPerson;

beforeAll(async () => {
  h = await testDb();
  A = await createPerson(h.db, { orgName: 'A' });
  B = await createPerson(h.db, { orgName: 'B' });
});
afterAll(async () => h?.close());

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return fromDatabaseError(e);
  }
  throw new Error('expected enqueue to be refused');
}

describe('enqueue (local mode)', () => {
  it('queues one run per idempotency key and returns the same id for a repeat', async () => {
    const { task } = recordingTask('idem', () => null);
    const first = await asService(h.db, (tx) => enqueue(tx, task, { n: 1 }, { idempotencyKey: 'import-42', orgId: A.orgId }));
    const again = await asService(h.db, (tx) => enqueue(tx, task, { n: 2 }, { idempotencyKey: 'import-42', orgId: A.orgId }));
    expect(again.id).toBe(first.id);
    const runs = await runsOf(h.db, task.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ idempotency_key: 'import-42', status: 'queued', max_attempts: 3 });
  });

  it('queues separate runs for different keys, for no key, and for the same key of another task', async () => {
    const one = recordingTask('idem-a', () => null).task;
    const two = recordingTask('idem-b', () => null).task;
    const ids = await asService(h.db, async (tx) => [
      (await enqueue(tx, one, { n: 1 }, { idempotencyKey: 'k1', orgId: A.orgId })).id,
      (await enqueue(tx, one, { n: 1 }, { idempotencyKey: 'k2', orgId: A.orgId })).id,
      (await enqueue(tx, one, { n: 1 }, { orgId: A.orgId })).id,
      (await enqueue(tx, one, { n: 1 }, { orgId: A.orgId })).id,
      (await enqueue(tx, two, { n: 1 }, { idempotencyKey: 'k1', orgId: A.orgId })).id,
    ]);
    expect(new Set(ids).size).toBe(5);
    expect(await runsOf(h.db, one.id)).toHaveLength(4);
  });

  it('commits with the transaction that asked for it, and not without it', async () => {
    const { task } = recordingTask('tx', () => null);
    await expect(
      asService(h.db, async (tx) => {
        await enqueue(tx, task, { n: 1 }, { orgId: A.orgId });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await runsOf(h.db, task.id)).toHaveLength(0);
  });

  it('validates the payload before queueing', async () => {
    const { task } = recordingTask('validate', () => null);
    await expect(asService(h.db, (tx) => enqueue(tx, task, { n: 'x' } as never, { orgId: A.orgId }))).rejects.toThrow();
    expect(await runsOf(h.db, task.id)).toHaveLength(0);
  });

  it('lets a member queue work for their own organization', async () => {
    const { task } = recordingTask('own', () => null);
    const { id } = await withUser(h.db, A.claims, (tx) => enqueue(tx, task, { n: 1 }, { orgId: A.orgId }));
    expect(await runById(h.db, id)).toMatchObject({ org_id: A.orgId, status: 'queued' });
  });

  it('refuses a user queueing work for another organization', async () => {
    const { task } = recordingTask('foreign', () => null);
    const err = await refusal(withUser(h.db, B.claims, (tx) => enqueue(tx, task, { n: 1 }, { orgId: A.orgId })));
    expect(err?.code).toBe('FORBIDDEN');
    expect(err?.message).toBe('You cannot start work for that organization.');
    expect(await runsOf(h.db, task.id)).toHaveLength(0);
  });

  it('refuses a user queueing work with no organization, or for their org with claims naming another', async () => {
    const { task } = recordingTask('no-org', () => null);
    expect((await refusal(withUser(h.db, A.claims, (tx) => enqueue(tx, task, { n: 1 }))))?.code).toBe('FORBIDDEN');
    // Claims narrowed to org B (say, an API key of B) cannot queue for A even though the user is A's owner.
    const narrowed = { ...A.claims, org_id: B.orgId };
    expect((await refusal(withUser(h.db, narrowed, (tx) => enqueue(tx, task, { n: 1 }, { orgId: A.orgId }))))?.code).toBe('FORBIDDEN');
    expect(await runsOf(h.db, task.id)).toHaveLength(0);
  });

  it('lets the service queue system work with no organization', async () => {
    const { task } = recordingTask('system', () => null);
    const { id } = await asService(h.db, (tx) => enqueue(tx, task, { n: 1 }));
    expect(await runById(h.db, id)).toMatchObject({ org_id: null, status: 'queued' });
  });
});

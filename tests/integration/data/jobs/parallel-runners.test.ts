/**
 * Two runners (two connection pools, as two processes would have) claiming from the same queue never
 * run the same job twice. Real Postgres only: it relies on FOR UPDATE SKIP LOCKED across connections,
 * and PGlite is a single connection that serialises every transaction, so there is nothing to race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { asService, openDatabase, type DbHandle } from '../../../../src/db';
import { defineTask, enqueue, startLocalRunner, type TTaskDef } from '../../../../src/lib/jobs';
import { testDb, type TTestDb } from '../../../support/db';
import { runsOf, uniqueTaskId } from './support';

const onPglite = process.env.TEST_DB === 'pglite';
let h: TTestDb;
let second: DbHandle;

beforeAll(async () => {
  if (onPglite) return;
  h = await testDb({ max: 6 });
  second = await openDatabase({ kind: 'postgres', url: h.url!, max: 6 });
});
afterAll(async () => {
  await second?.close();
  await h?.close();
});

describe.skipIf(onPglite)('two local runners in parallel', () => {
  it('run every job exactly once between them', async () => {
    const id = uniqueTaskId('count');
    const ranBy = new Map<string, string[]>();
    const taskFor = (name: string): TTaskDef =>
      defineTask({
        id,
        schema: z.object({ n: z.number() }),
        run: async (_p, ctx) => {
          ranBy.set(ctx.runId, [...(ranBy.get(ctx.runId) ?? []), name]);
          await new Promise((r) => setTimeout(r, 5 + Math.random() * 10)); // hold the claim a little
          return null;
        },
      }) as TTaskDef;
    const total = 120;
    await asService(h.db, async (tx) => {
      for (let n = 0; n < total; n++) await enqueue(tx, taskFor('x'), { n });
    });

    const a = startLocalRunner({ db: h.db, tasks: [taskFor('a')], cron: false, pollMs: 20, concurrency: 4 });
    const b = startLocalRunner({ db: second.db, tasks: [taskFor('b')], cron: false, pollMs: 20, concurrency: 4 });
    try {
      await Promise.all([a.drain({ timeoutMs: 60_000 }), b.drain({ timeoutMs: 60_000 })]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }

    const runs = await runsOf(h.db, id);
    expect(runs).toHaveLength(total);
    expect(runs.filter((r) => r.status !== 'succeeded' || r.attempts !== 1)).toEqual([]);
    expect([...ranBy.values()].filter((who) => who.length !== 1)).toEqual([]);
    expect(ranBy.size).toBe(total);
    const counts = { a: 0, b: 0 } as Record<string, number>;
    for (const [who] of ranBy.values()) counts[who!]!++;
    expect(counts.a! + counts.b!).toBe(total);
    // Both took part (each claims up to 4 at a time and holds each for a few ms, so neither can take all 120).
    expect(counts.a).toBeGreaterThan(0);
    expect(counts.b).toBeGreaterThan(0);
  });
});

/**
 * The import with two batch writers on a Postgres server: killed while two batches are open and
 * resumed (no duplicates, exact counts, the checkpoint covering exactly the committed rows), a
 * deadlock with another writer retried, and two imports at once creating the same companies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, rows, sql } from '../../../src/db';
import { confirmImport, getImport, retryImport, runImport, startImport, type TBatchInfo } from '../../../src/features/leads';
import { testDb, type TTestDb } from '../../support/db';
import { createPerson, type TPerson } from '../../support/world';
import { actorOf, as } from '../data/leads/support';
import { onPglite } from './http';

let h: TTestDb;
beforeAll(async () => {
  h = await testDb();
});
afterAll(async () => h?.close());

async function queued(p: TPerson, csv: string, options: Record<string, unknown> = {}, fileName = 'people.csv') {
  const proposal = await as(h.db, p, (tx) => startImport(tx, actorOf(p), { bytes: Buffer.from(csv), fileName }));
  await as(h.db, p, (tx) => confirmImport(tx, actorOf(p), proposal.import.id, { mapping: proposal.mapping, options }));
  return proposal.import.id;
}

const service = <T>(q: ReturnType<typeof sql>) => asService(h.db, (tx) => rows<T>(tx, q));

/** Per-import sums of import_batches, and the import row's own counts: they must agree. */
async function checkpoint(importId: string) {
  const [b] = await service<{ n: number; rows: number; created: number; skipped: number; rejected: number }>(
    sql`select count(*)::int as n, coalesce(sum(row_count), 0)::int as rows, coalesce(sum(created_count), 0)::int as created,
               coalesce(sum(skipped_duplicate_count), 0)::int as skipped, coalesce(sum(rejected_count), 0)::int as rejected
        from import_batches where import_id = ${importId}::uuid`,
  );
  const [i] = await service<{ rows: number; created: number; skipped: number; rejected: number }>(
    sql`select processed_rows as rows, created_count as created, skipped_duplicate_count as skipped, rejected_count as rejected
        from imports where id = ${importId}::uuid`,
  );
  expect({ rows: i!.rows, created: i!.created, skipped: i!.skipped, rejected: i!.rejected }).toEqual({ rows: b!.rows, created: b!.created, skipped: b!.skipped, rejected: b!.rejected });
  return b!;
}

describe.skipIf(onPglite())('imports with two writers', () => {
  it('is killed while two batches are open, and resumes without duplicates and with exact counts', { timeout: 120_000 }, async () => {
    const p = await createPerson(h.db, { orgName: 'Killed' });
    // 1,200 rows in batches of 100: every 37th row repeats the person two batches back, every 41st has a bad email
    const lines = ['Email,First Name,Company,Website'];
    const firstSeen = new Map<string, number>();
    let rejected = 0;
    let skipped = 0;
    for (let i = 0; i < 1200; i++) {
      if (i % 41 === 40) {
        lines.push(`broken-${i},Bad,,`);
        rejected++;
        continue;
      }
      const k = i >= 200 && i % 37 === 36 ? i - 200 : i;
      const email = `k${k}@co${k % 60}.example`;
      if (firstSeen.has(email)) skipped++;
      else firstSeen.set(email, i);
      lines.push(`${email},Person ${k},Co ${k % 60},co${k % 60}.example`);
    }
    const importId = await queued(p, `${lines.join('\n')}\n`);

    // The process dies while the batches at rows 500 and 600 are both open: each waits for the other at
    // its checkpoint, then both fail (nothing after them has started: both writers are busy).
    const open = new Map<number, () => void>();
    const arrived = new Map<number, Promise<void>>();
    for (const r of [500, 600]) arrived.set(r, new Promise<void>((resolve) => open.set(r, resolve)));
    const met: number[] = [];
    const kill = async ({ startRow }: TBatchInfo) => {
      if (!open.has(startRow)) return;
      open.get(startRow)!();
      const other = startRow === 500 ? 600 : 500;
      if ((await Promise.race([arrived.get(other)!.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))])) === true) met.push(startRow);
      throw new Error('worker killed');
    };
    await expect(runImport({ db: h.db, batchSize: 100, writers: 2, beforeCheckpoint: kill }, { importId, orgId: p.orgId })).rejects.toThrow('worker killed');

    expect(met.sort()).toEqual([500, 600]); // both batches had written their rows when the worker died
    const mid = await as(h.db, p, (tx) => getImport(tx, p.orgId, importId));
    expect(mid.status).toBe('failed');
    const ranges = await service<{ start_row: number }>(sql`select start_row from import_batches where import_id = ${importId}::uuid order by start_row`);
    expect(ranges.map((r) => r.start_row)).toEqual([0, 100, 200, 300, 400]);
    const cp = await checkpoint(importId);
    expect(cp.rows).toBe(500);
    // exactly the people first seen in rows 0–499 are stored
    const stored = await service<{ email: string }>(sql`select email from leads where org_id = ${p.orgId}::uuid order by email`);
    expect(stored.map((s) => s.email)).toEqual([...firstSeen].filter(([, i]) => i < 500).map(([e]) => e).sort());
    expect(cp.created).toBe(stored.length);

    await as(h.db, p, (tx) => retryImport(tx, actorOf(p), importId));
    const s = await runImport({ db: h.db, writers: 2 }, { importId, orgId: p.orgId });
    expect(s).toMatchObject({ processedRows: 1200, created: firstSeen.size, skippedDuplicate: skipped, rejected, updated: 0 });
    const after = await checkpoint(importId);
    expect(after).toMatchObject({ n: 12, rows: 1200 });
    const [dups] = await service<{ n: number }>(sql`select count(*)::int as n from (select email from leads where org_id = ${p.orgId}::uuid group by email having count(*) > 1) d`);
    expect(dups!.n).toBe(0);
    const [leads] = await service<{ n: number }>(sql`select count(*)::int as n from leads where org_id = ${p.orgId}::uuid`);
    expect(leads!.n).toBe(firstSeen.size);
    const [companies] = await service<{ n: number }>(sql`select count(*)::int as n from companies where org_id = ${p.orgId}::uuid`);
    expect(companies!.n).toBe(60);
  });

  it('writes a batch again after a deadlock with another writer of the same people', { timeout: 60_000 }, async () => {
    const p = await createPerson(h.db, { orgName: 'Deadlock' });
    const csv = 'Email,Name\n' + ['a', 'b', 'c', 'd', 'e'].map((x) => `${x}@dl.example,Person ${x}`).join('\n') + '\n';
    const importId = await queued(p, csv);
    const warned: string[] = [];
    const attempts: number[] = [];
    const log = { info: () => {}, warn: (_o: unknown, msg?: string) => void warned.push(String(msg)) };
    // Someone else writes b (uncommitted) and later a; the import inserts a then b (key order): each waits for the other.
    let importRun: Promise<unknown> = Promise.resolve();
    await asService(h.db, async (tx) => {
      await tx.execute(sql`insert into leads (org_id, email, source) values (${p.orgId}::uuid, 'b@dl.example', 'manual')`);
      importRun = runImport({ db: h.db, log, beforeCheckpoint: ({ attempt }) => void attempts.push(attempt) }, { importId, orgId: p.orgId });
      // wait until the import waits for b's transaction (read as the connection's own role: the service
      // role sees no other sessions); then close the circle within the import's deadlock_timeout
      for (let i = 0; ; i++) {
        const [w] = await rows<{ n: number }>(
          h.db,
          sql`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event = 'transactionid' and query like 'insert into public.leads%'`,
        );
        if (w!.n > 0) break;
        if (i > 400) throw new Error('the import never waited for the other writer');
        await new Promise((r) => setTimeout(r, 25));
      }
      await tx.execute(sql`insert into leads (org_id, email, source) values (${p.orgId}::uuid, 'a@dl.example', 'manual')`);
    }).catch(async (e: unknown) => {
      await importRun.catch(() => {});
      throw e;
    });
    const s = await importRun;
    // Postgres broke the deadlock by failing the import's batch (it had waited longest); the batch ran again
    expect(warned).toContain('import batch collided with another writer; writing it again');
    expect(attempts).toEqual([2]);
    expect(s).toMatchObject({ processedRows: 5, created: 3, skippedDuplicate: 2, rejected: 0 });
    const [n] = await service<{ n: number }>(sql`select count(*)::int as n from leads where org_id = ${p.orgId}::uuid`);
    expect(n!.n).toBe(5);
  });

  it('runs two imports at once that create the same companies, with and without domains: one company each', { timeout: 120_000 }, async () => {
    const p = await createPerson(h.db, { orgName: 'Same companies' });
    // free-mail addresses: "Acme n" has no domain; "Beta n" has one from its website
    const file = (tag: string) =>
      'Email,Name,Company,Website\n' +
      Array.from({ length: 600 }, (_, i) => (i % 2 ? `${tag}${i}@gmail.com,P ${i},Acme ${i % 40},` : `${tag}${i}@gmail.com,P ${i},Beta ${i % 40},beta${i % 40}.example`)).join('\n') +
      '\n';
    const [one, two] = [await queued(p, file('x'), {}, 'one.csv'), await queued(p, file('y'), {}, 'two.csv')];
    const [s1, s2] = await Promise.all([one, two].map((importId) => runImport({ db: h.db, batchSize: 50, writers: 2 }, { importId, orgId: p.orgId })));
    expect(s1!.created + s2!.created).toBe(1200);
    const byName = await service<{ name: string; n: number }>(
      sql`select name, count(*)::int as n from companies where org_id = ${p.orgId}::uuid group by name having count(*) > 1`,
    );
    expect(byName).toEqual([]);
    const [total] = await service<{ n: number; domains: number }>(
      sql`select count(*)::int as n, count(domain)::int as domains from companies where org_id = ${p.orgId}::uuid`,
    );
    expect(total).toEqual({ n: 40, domains: 20 });
    await checkpoint(one);
    await checkpoint(two);
  });
});

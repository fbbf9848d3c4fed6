/**
 * Server-only import tests at full size: a generated 100,000-row CSV end to end with exact counts, and
 * 100,000 rows of which half are invalid, killed mid-way and retried — no duplicates, every bad row
 * reported with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, rows, sql } from '../../../src/db';
import {
  confirmImport, countLeads, findLeads, getImport, getLeadDetail, importRejectionsCsv, retryImport, runImport, startImport,
} from '../../../src/features/leads';
import { testDb, type TTestDb } from '../../support/db';
import { createPerson } from '../../support/world';
import { actorOf, as } from '../data/leads/support';
import { onPglite } from './http';

let h: TTestDb;
beforeAll(async () => {
  h = await testDb();
});
afterAll(async () => h?.close());

/** Row i: a unique person, except every 50th row repeats row i-1 (by email) and every 40th has a bad email. */
function fileOf(n: number, invalidEvery?: number): { csv: string; expected: { created: number; skippedDuplicate: number; rejected: number }; companies: number } {
  const lines = ['Email,First Name,Last Name,Title,Phone,Country,Company,Website,LinkedIn URL'];
  let created = 0;
  let skipped = 0;
  let rejected = 0;
  const companies = new Set<number>();
  for (let i = 0; i < n; i++) {
    const bad = invalidEvery ? i % invalidEvery === 0 : i % 40 === 39;
    const dup = !bad && i % 50 === 49 && !(invalidEvery ? (i - 1) % invalidEvery === 0 : (i - 1) % 40 === 39);
    const k = dup ? i - 1 : i;
    const email = bad ? `not-an-email-${i}` : `p${k}@co${k % 5000}.example`;
    lines.push(`${email},Person,${k},Buyer,+4930${1_000_000 + k},DE,Co ${k % 5000},co${k % 5000}.example,${k % 2 ? `https://www.linkedin.com/in/p-${k}` : ''}`);
    if (bad) rejected++;
    else if (dup) skipped++;
    else {
      created++;
      companies.add(k % 5000);
    }
  }
  return { csv: `${lines.join('\n')}\n`, expected: { created, skippedDuplicate: skipped, rejected }, companies: companies.size };
}

describe.skipIf(onPglite())('imports at 100,000 rows', () => {
  it('imports a generated 100k-row CSV end to end with exact counts', { timeout: 300_000 }, async () => {
    const p = await createPerson(h.db, { orgName: 'Big' });
    const { csv, expected, companies: companyCount } = fileOf(100_000);
    const proposal = await as(h.db, p, (tx) => startImport(tx, actorOf(p), { bytes: Buffer.from(csv), fileName: 'big.csv' }));
    expect(proposal.import.totalRows).toBe(100_000);
    await as(h.db, p, (tx) => confirmImport(tx, actorOf(p), proposal.import.id, { mapping: proposal.mapping }));
    const s = await runImport({ db: h.db }, { importId: proposal.import.id, orgId: p.orgId });
    expect(s).toMatchObject({ processedRows: 100_000, updated: 0, suppressed: 0, ...expected });
    expect(await as(h.db, p, (tx) => countLeads(tx, p.orgId))).toBe(expected.created);
    const [companies, fromImport] = await asService(h.db, async (tx) => [
      (await rows<{ n: number }>(tx, sql`select count(*)::int as n from companies where org_id = ${p.orgId}::uuid`))[0]!.n,
      (await rows<{ n: number }>(tx, sql`select count(*)::int as n from leads where org_id = ${p.orgId}::uuid and import_id = ${proposal.import.id}::uuid`))[0]!.n,
    ]);
    expect(companies).toBe(companyCount);
    // every created lead names the import: its timeline shows "Imported from big.csv" (read from the lead row)
    expect(fromImport).toBe(expected.created);
    const some = (await as(h.db, p, (tx) => findLeads(tx, p.orgId, { limit: 1 }))).items[0]!;
    const detail = await as(h.db, p, (tx) => getLeadDetail(tx, p.orgId, some.id));
    expect(detail.timeline.map((e) => [e.type, e.summary])).toEqual([['imported', 'Imported from big.csv']]);
  });

  it('reports 100k rows of which half are invalid, survives a crash mid-way, and resumes without duplicates', { timeout: 300_000 }, async () => {
    const p = await createPerson(h.db, { orgName: 'Half bad' });
    const { csv, expected } = fileOf(100_000, 2);
    expect(expected.rejected).toBe(50_000);
    const proposal = await as(h.db, p, (tx) => startImport(tx, actorOf(p), { bytes: Buffer.from(csv), fileName: 'half.csv' }));
    await as(h.db, p, (tx) => confirmImport(tx, actorOf(p), proposal.import.id, { mapping: proposal.mapping }));
    await expect(
      runImport({ db: h.db, beforeCheckpoint: ({ startRow }) => { if (startRow === 35_000) throw new Error('killed'); } }, { importId: proposal.import.id, orgId: p.orgId }),
    ).rejects.toThrow('killed');
    const mid = await as(h.db, p, (tx) => getImport(tx, p.orgId, proposal.import.id));
    const committed = await asService(h.db, (tx) =>
      rows<{ n: number; rows: number; created: number }>(
        tx,
        sql`select count(*)::int as n, coalesce(sum(row_count), 0)::int as rows, coalesce(sum(created_count), 0)::int as created
            from import_batches where import_id = ${proposal.import.id}::uuid`,
      ),
    );
    // the batches before the one that died (and the one written beside it) are stored, exactly
    expect(committed[0]!.rows).toBeGreaterThanOrEqual(35_000);
    expect(mid).toMatchObject({ status: 'failed', processedRows: committed[0]!.rows, counts: { created: committed[0]!.created } });
    expect(await as(h.db, p, (tx) => countLeads(tx, p.orgId))).toBe(mid.counts.created);
    await as(h.db, p, (tx) => retryImport(tx, actorOf(p), proposal.import.id));
    const s = await runImport({ db: h.db }, { importId: proposal.import.id, orgId: p.orgId });
    expect(s).toMatchObject({ processedRows: 100_000, ...expected });
    expect(await as(h.db, p, (tx) => countLeads(tx, p.orgId))).toBe(expected.created);
    const text = await new Response(importRejectionsCsv((fn) => as(h.db, p, fn), p.orgId, proposal.import.id)).text();
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(50_001);
    // the phone is neutralised like every cell starting with +, and imports back unchanged
    expect(lines[1]).toBe(`2,"""not-an-email-0"" is not a valid email address.",not-an-email-0,Person,0,Buyer,'+49301000000,DE,Co 0,co0.example,`);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(50_000);
  });
});

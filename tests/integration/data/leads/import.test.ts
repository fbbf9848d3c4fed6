/** The import pipeline on small files (both drivers): proposals, bad files, dedupe modes, resume, rejections. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, rows, sql } from '../../../../src/db';
import {
  confirmImport, countLeads, createLead, discardImport, findLeads, getImport, importRejectionsCsv, previewImport, retryImport, runImport, startImport, suppress,
  createList, findLists, findTags, getLeadDetail, leadTimeline, updateLead, type TImportProposal,
} from '../../../../src/features/leads';
import { allTasks } from '../../../../src/features/registry';
import { startLocalRunner } from '../../../../src/lib/jobs';
import { testDb, type TTestDb } from '../../../support/db';
import { createPerson, type TPerson } from '../../../support/world';
import { actorOf, as, failsWith, twoOrgs } from './support';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/leads');
let h: TTestDb;
let a: TPerson;
let b: TPerson;
beforeAll(async () => {
  h = await testDb();
  ({ a, b } = await twoOrgs(h.db));
});
afterAll(async () => h?.close());

const upload = (p: TPerson, text: string | Uint8Array, fileName = 'leads.csv', limits?: { maxBytes: number; maxRows: number }) =>
  as(h.db, p, (tx) => startImport(tx, actorOf(p), { bytes: typeof text === 'string' ? Buffer.from(text) : text, fileName }, limits));

async function importNow(p: TPerson, proposal: TImportProposal, options: Record<string, unknown> = {}, batchSize = 3) {
  await as(h.db, p, (tx) => confirmImport(tx, actorOf(p), proposal.import.id, { mapping: proposal.mapping, options }));
  await runImport({ db: h.db, batchSize }, { importId: proposal.import.id, orgId: p.orgId });
  return as(h.db, p, (tx) => getImport(tx, p.orgId, proposal.import.id));
}

/** Every lead the import created shows exactly one "Imported from" entry on its timeline, read from the lead row (no event rows). */
async function expectImportedOnce(p: TPerson, importId: string, created: number) {
  const leads = await as(h.db, p, (tx) => rows<{ id: string }>(tx, sql`select id from leads where import_id = ${importId}::uuid`));
  expect(leads).toHaveLength(created);
  const stored = await as(h.db, p, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from lead_events where type = 'imported'`));
  expect(stored[0]!.n).toBe(0);
  for (const l of leads) {
    const d = await as(h.db, p, (tx) => getLeadDetail(tx, p.orgId, l.id));
    expect(d.timeline.filter((e) => e.type === 'imported')).toHaveLength(1);
  }
}

type TBatchRow = { start_row: number; end_row: number; created_count: number; skipped_duplicate_count: number };
const batchesOf = (p: TPerson, importId: string) =>
  as(h.db, p, (tx) => rows<TBatchRow>(tx, sql`select start_row, start_row + row_count as end_row, created_count, skipped_duplicate_count from import_batches where import_id = ${importId}::uuid order by start_row`));

describe('starting an import', () => {
  it('detects the layout, stores the file and previews rows as they will be stored', async () => {
    const proposal = await upload(a, readFileSync(path.join(FIXTURES, 'apollo.csv')), 'apollo.csv');
    expect(proposal).toMatchObject({ layout: 'apollo', layoutName: 'Apollo', encoding: 'utf-8', delimiter: ',', warnings: [] });
    expect(proposal.import).toMatchObject({ status: 'uploaded', fileName: 'apollo.csv', fileType: 'csv', totalRows: 2, progress: 0 });
    expect(proposal.preview[0]).toMatchObject({ rowNumber: 2, ok: true, lead: { email: 'maria.gonzalez@acmerobotics.com', phone: '+14155550134' } });
    // another mapping previews differently; the import is still waiting for confirmation
    const cols = proposal.mapping.columns.map((c) => ({ index: c.index, target: c.header === 'Title' ? 'department' : c.target }));
    const again = await as(h.db, a, (tx) => previewImport(tx, a.orgId, proposal.import.id, { columns: cols }));
    expect(again[0]).toMatchObject({ ok: true, lead: { department: 'VP of Engineering' } });
    await failsWith(as(h.db, b, (tx) => previewImport(tx, b.orgId, proposal.import.id)), 'NOT_FOUND');
  });

  it.each([
    ['an empty file', '', /The file is empty/],
    ['a blank file', '\r\n\r\n', /The file is empty/],
    ['a header without rows', 'Email,Name\r\n', /header row but no data rows/],
    ['unbalanced quotes', 'Email,Name\na@x.io,"Ann\nb@x.io,Bob\n', /Row 2 opens a quote/],
    ['a binary file renamed .csv', Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256)), /contains binary data/],
    ['an old Excel file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /\.xls/],
  ])('refuses %s with a reason', async (_n, content, reason) => {
    await failsWith(upload(a, content as string), 'INVALID_INPUT', reason);
  });

  it('refuses files over the size and row limits before storing anything', async () => {
    const before = await as(h.db, a, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from imports`));
    await failsWith(upload(a, 'Email\n' + 'a@x.io\n'.repeat(200), 'big.csv', { maxBytes: 1000, maxRows: 10_000 }), 'PAYLOAD_TOO_LARGE', /limit is 0\.0 MB|limit is/);
    await failsWith(upload(a, 'Email\n' + Array.from({ length: 11 }, (_, i) => `a${i}@x.io`).join('\n'), 'rows.csv', { maxBytes: 1e6, maxRows: 10 }), 'INVALID_INPUT', /more than 10 rows/);
    const after = await as(h.db, a, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from imports`));
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('warns about a header with no email or name column and refuses to confirm it', async () => {
    const p = await upload(a, 'Company,Website\nAcme,acme.com\n');
    expect(p.warnings[0]).toMatch(/No column is mapped to Email/);
    await failsWith(as(h.db, a, (tx) => confirmImport(tx, actorOf(a), p.import.id, { mapping: p.mapping })), 'INVALID_INPUT', /No column is mapped/);
    // mapping the company column to a name makes it importable
    const cols = p.mapping.columns.map((c) => ({ index: c.index, target: c.index === 0 ? 'full_name' : c.target }));
    await as(h.db, a, (tx) => confirmImport(tx, actorOf(a), p.import.id, { mapping: { columns: cols } }));
    await failsWith(as(h.db, a, (tx) => confirmImport(tx, actorOf(a), p.import.id, { mapping: { columns: cols } })), 'CONFLICT', /already been started/);
    const q = await upload(a, 'Company,Website\nAcme,acme.com\n');
    await failsWith(as(h.db, a, (tx) => confirmImport(tx, actorOf(a), q.import.id, { mapping: { columns: [{ index: 9, target: 'email' }] } })), 'INVALID_INPUT', /no column 10/);
    await failsWith(as(h.db, a, (tx) => confirmImport(tx, actorOf(a), q.import.id, { mapping: { columns: [{ index: 0, target: 'shoe_size' }] } })), 'INVALID_INPUT');
  });
});

describe('discarding an upload', () => {
  it('deletes an unconfirmed upload with its file; members only their own, admins any; a started import stays', async () => {
    const { a: owner, b: stranger } = await twoOrgs(h.db);
    const member = await createPerson(h.db, { join: { orgId: owner.orgId, role: 'member' } });
    const other = await createPerson(h.db, { join: { orgId: owner.orgId, role: 'member' } });
    const mine = await upload(member, 'Email\nme@x.io\n', 'mine.csv');
    const files = (id: string) => asService(h.db, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from import_files where import_id = ${id}::uuid`));
    expect((await files(mine.import.id))[0]!.n).toBe(1);
    // another organization: not found; another member: refused; nothing deleted
    await failsWith(as(h.db, stranger, (tx) => discardImport(tx, actorOf(stranger), mine.import.id)), 'NOT_FOUND');
    await failsWith(as(h.db, other, (tx) => discardImport(tx, actorOf(other), mine.import.id)), 'FORBIDDEN', /uploaded this file/);
    expect((await as(h.db, member, (tx) => getImport(tx, member.orgId, mine.import.id))).status).toBe('uploaded');
    // the uploader discards it: the import and its stored file are gone
    expect(await as(h.db, member, (tx) => discardImport(tx, actorOf(member), mine.import.id))).toEqual({ id: mine.import.id, deleted: true });
    await failsWith(as(h.db, member, (tx) => getImport(tx, member.orgId, mine.import.id)), 'NOT_FOUND');
    expect((await files(mine.import.id))[0]!.n).toBe(0);
    // an owner discards a member's upload
    const theirs = await upload(other, 'Email\nthem@x.io\n', 'theirs.csv');
    await as(h.db, owner, (tx) => discardImport(tx, actorOf(owner), theirs.import.id));
    await failsWith(as(h.db, owner, (tx) => getImport(tx, owner.orgId, theirs.import.id)), 'NOT_FOUND');
    // a started import cannot be discarded, and keeps its leads
    const started = await upload(member, 'Email\nkept@x.io\n', 'kept.csv');
    await importNow(member, started);
    await failsWith(as(h.db, owner, (tx) => discardImport(tx, actorOf(owner), started.import.id)), 'CONFLICT', /already started/);
    expect((await as(h.db, owner, (tx) => getImport(tx, owner.orgId, started.import.id))).counts.created).toBe(1);
  });
});

describe('running an import', () => {
  it('imports, normalises, rejects with reasons, and shows one "imported" timeline entry per created lead', async () => {
    const { a: x } = await twoOrgs(h.db);
    await as(h.db, x, (tx) => suppress(tx, { orgId: x.orgId, value: 'optout@acme.io', reason: 'unsubscribe' }));
    const csv = [
      'Email;First Name;Last Name;Phone;Country;Company;Company Website;Tags;Plan',
      'ann@acme.io;Ann;Lee;030 1234567;Germany;Acme;www.acme.io;vip;gold',
      'bad-email;Bob;Roe;;;;;;',
      'optout@acme.io;Olga;Out;;;Acme;;;',
      ';;;;;;;;',
      'cat@beta.io;Cat;;+33 6 12 34 56 78;;Beta;beta.io;vip, new;silver',
      'dan@beta.io;Dan;"Roe; Jr";12;France;;;;',
      'ragged@x.io;Rag',
    ].join('\r\n');
    const p = await upload(x, csv, 'mixed.csv');
    expect(p.delimiter).toBe(';');
    expect(p.import.totalRows).toBe(6);
    expect(p.warnings.join(' ')).toMatch(/1 row cannot be read reliably \(first: row 8/);
    const mapping = { columns: p.mapping.columns.map((c) => ({ index: c.index, target: c.header === 'Plan' ? 'custom.plan' : c.target })) };
    await as(h.db, x, (tx) => confirmImport(tx, actorOf(x), p.import.id, { mapping, options: { tags: ['Imported'], newListName: 'Autumn fair' } }));
    const summary = await runImport({ db: h.db, batchSize: 2 }, { importId: p.import.id, orgId: x.orgId });
    expect(summary).toMatchObject({ totalRows: 6, processedRows: 6, created: 3, updated: 0, skippedDuplicate: 0, rejected: 3, suppressed: 1 });
    const imp = await as(h.db, x, (tx) => getImport(tx, x.orgId, p.import.id));
    expect(imp).toMatchObject({ status: 'completed', progress: 100 });
    const leads = (await as(h.db, x, (tx) => findLeads(tx, x.orgId, { sort: 'name', limit: 10 }))).items;
    expect(leads.map((l) => [l.email, l.phone, l.country, l.companyName, l.source, Boolean(l.suppressedAt)])).toEqual([
      ['ann@acme.io', '+491234567'.replace('+491234567', '+49301234567'), 'DE', 'Acme', 'import', false],
      ['cat@beta.io', '+33612345678', null, 'Beta', 'import', false],
      ['optout@acme.io', null, null, 'Acme', 'import', true],
    ]);
    expect(leads[0]!.customFields).toEqual({ plan: 'gold' });
    expect(leads[0]!.tags.map((t) => t.name).sort()).toEqual(['Imported', 'vip']);
    expect(leads[1]!.tags.map((t) => t.name).sort()).toEqual(['Imported', 'new', 'vip']);
    expect((await as(h.db, x, (tx) => findLists(tx, x.orgId))).map((l) => [l.name, l.leadCount])).toEqual([['Autumn fair', 3]]);
    const detail = await as(h.db, x, (tx) => getLeadDetail(tx, x.orgId, leads[0]!.id));
    expect(detail.timeline.map((e) => [e.type, e.summary])).toEqual([['imported', 'Imported from mixed.csv']]);
    // rejections: downloadable with the reason and the row as it was
    const text = await new Response(importRejectionsCsv((fn) => as(h.db, x, fn), x.orgId, p.import.id)).text();
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('Row Number,Rejection Reason,Email,First Name,Last Name,Phone,Country,Company,Company Website,Tags,Plan');
    expect(lines[1]).toBe('3,"""bad-email"" is not a valid email address.",bad-email,Bob,Roe,,,,,,');
    expect(lines[2]).toBe('7,"Phone ""12"" is not a valid phone number for FR.",dan@beta.io,Dan,"Roe; Jr",12,France,,,,');
    expect(lines[3]).toBe('8,The row has 2 values but the header has 9 columns.,ragged@x.io,Rag');
    // the rejections file imports again (its extra columns are not mapped)
    const re = await upload(x, text, 'rejections.csv');
    expect(re.mapping.columns.slice(0, 2).map((c) => c.target)).toEqual([null, null]);
    // running the finished job again changes nothing
    expect(await runImport({ db: h.db }, { importId: p.import.id, orgId: x.orgId })).toEqual(summary);
  });

  it('reads a lead\'s origin from the lead row and merges it with its later events in time order', async () => {
    const { a: x } = await twoOrgs(h.db);
    const p = await upload(x, 'Email,Name\norigin@x.io,Origin Person\n', 'origin.csv');
    await importNow(x, p);
    const lead = (await as(h.db, x, (tx) => findLeads(tx, x.orgId, { q: 'origin@x.io' }))).items[0]!;
    await as(h.db, x, (tx) => updateLead(tx, actorOf(x), lead.id, { status: 'contacted' }));
    const timeline = async () => (await as(h.db, x, (tx) => getLeadDetail(tx, x.orgId, lead.id))).timeline;
    const t = await timeline();
    expect(t.map((e) => [e.type, e.summary])).toEqual([['status_changed', 'Status changed from new to contacted'], ['imported', 'Imported from origin.csv']]);
    expect(t[1]).toEqual({ id: lead.id, type: 'imported', summary: 'Imported from origin.csv', data: { importId: p.import.id, fileName: 'origin.csv' }, actorId: null, occurredAt: new Date(lead.createdAt).toISOString() });
    // a limit keeps the newest entries
    expect((await as(h.db, x, (tx) => leadTimeline(tx, x.orgId, lead, { limit: 1 }))).map((e) => e.type)).toEqual(['status_changed']);
    // an 'imported' event stored by an earlier version is that same origin: shown once
    await asService(h.db, (tx) => tx.execute(sql`insert into lead_events (org_id, lead_id, type, summary, occurred_at)
                                                 values (${x.orgId}::uuid, ${lead.id}::uuid, 'imported', 'Imported from origin.csv', ${lead.createdAt}::timestamptz)`));
    expect((await timeline()).map((e) => e.type)).toEqual(['status_changed', 'imported']);
    // a lead written by other means (no import, no stored event) still shows where it came from
    const [direct] = await asService(h.db, (tx) => rows<{ id: string }>(tx, sql`insert into leads (org_id, email, source) values (${x.orgId}::uuid, 'direct@x.io', 'api') returning id`));
    const d = await as(h.db, x, (tx) => getLeadDetail(tx, x.orgId, direct!.id));
    expect(d.timeline.map((e) => [e.type, e.summary, e.id])).toEqual([['created', 'Created (source: api)', direct!.id]]);
    // a lead made by hand keeps its stored 'created' event (with who made it), not a second one
    const byHand = await as(h.db, x, (tx) => createLead(tx, actorOf(x), { email: 'hand@x.io' }));
    const h2 = (await as(h.db, x, (tx) => getLeadDetail(tx, x.orgId, byHand.id))).timeline;
    expect(h2.map((e) => [e.type, e.summary, e.actorId])).toEqual([['created', 'Created by hand', x.userId]]);
  });

  it('merges duplicates inside one file by email, then LinkedIn URL', async () => {
    const { a: x } = await twoOrgs(h.db);
    const csv = [
      'Email,First Name,Last Name,Title,LinkedIn URL,City',
      'jo@x.io,Jo,,CEO,,',
      'JO@x.io,,Smith,Founder,linkedin.com/in/josmith,',
      ',Joanne,,,https://www.linkedin.com/in/JoSmith/,Paris',
      'other@x.io,Other,,,,',
    ].join('\n');
    const p = await upload(x, csv);
    const imp = await importNow(x, p, { dedupe: 'fill_empty' }, 2);
    expect(imp.counts).toEqual({ created: 2, updated: 0, skippedDuplicate: 2, rejected: 0, suppressed: 0 });
    const jo = (await as(h.db, x, (tx) => findLeads(tx, x.orgId, { q: 'jo@x.io' }))).items[0]!;
    expect(jo).toMatchObject({ firstName: 'Jo', lastName: 'Smith', title: 'CEO', linkedinUrl: 'https://www.linkedin.com/in/josmith', city: 'Paris' });
  });

  it.each([
    ['skip', { title: 'Old title', city: null, phone: '+4930111111' }, { created: 1, updated: 0, skippedDuplicate: 1 }],
    ['fill_empty', { title: 'Old title', city: 'Berlin', phone: '+4930111111' }, { created: 1, updated: 1, skippedDuplicate: 0 }],
    ['overwrite', { title: 'New title', city: 'Berlin', phone: '+4930111111' }, { created: 1, updated: 1, skippedDuplicate: 0 }],
  ] as const)('dedupes against existing leads in "%s" mode', async (mode, expected, counts) => {
    const { a: x } = await twoOrgs(h.db);
    const existing = await as(h.db, x, (tx) => createLead(tx, actorOf(x), { email: 'known@x.io', title: 'Old title', phone: '+4930111111' }));
    const p = await upload(x, 'Email,Title,City,Phone\nKnown@x.io,New title,Berlin,\nnew@x.io,Other,,\n');
    const imp = await importNow(x, p, { dedupe: mode });
    expect(imp.counts).toMatchObject(counts);
    const after = (await as(h.db, x, (tx) => findLeads(tx, x.orgId, { q: 'known@x.io' }))).items[0]!;
    expect(after.id).toBe(existing.id);
    expect({ title: after.title, city: after.city, phone: after.phone }).toEqual(expected);
    const events = await as(h.db, x, (tx) => rows<{ type: string }>(tx, sql`select type from lead_events where lead_id = ${existing.id}::uuid order by occurred_at`));
    expect(events.map((e) => e.type)).toEqual(mode === 'skip' ? ['created'] : ['created', 'import_updated']);
  });

  it.each(['fill_empty', 'overwrite'] as const)('counts a row that changes nothing on an existing lead as a duplicate in "%s" mode', async (mode) => {
    const { a: x } = await twoOrgs(h.db);
    const full = await as(h.db, x, (tx) => createLead(tx, actorOf(x), { email: 'full@x.io', title: 'CTO', city: 'Berlin' }));
    const gap = await as(h.db, x, (tx) => createLead(tx, actorOf(x), { email: 'gap@x.io', title: 'CEO' }));
    // full@: every cell repeats what is stored (or is empty); gap@: fills the empty city
    const p = await upload(x, 'Email,Title,City\nfull@x.io,CTO,\ngap@x.io,,Rome\n');
    const imp = await importNow(x, p, { dedupe: mode });
    expect(imp.counts).toMatchObject({ created: 0, updated: 1, skippedDuplicate: 1 });
    const types = async (id: string) => (await as(h.db, x, (tx) => rows<{ type: string }>(tx, sql`select type from lead_events where lead_id = ${id}::uuid order by occurred_at`))).map((e) => e.type);
    expect(await types(full.id)).toEqual(['created']);
    expect(await types(gap.id)).toEqual(['created', 'import_updated']);
  });

  it('dedupes across two imports of the same file, and keeps the same list for both', async () => {
    const { a: x } = await twoOrgs(h.db);
    const list = await as(h.db, x, (tx) => createList(tx, actorOf(x), { name: 'Batch' }));
    const csv = 'Email,Name\n' + Array.from({ length: 7 }, (_, i) => `p${i}@x.io,Person ${i}`).join('\n');
    const first = await importNow(x, await upload(x, csv), { listId: list.id });
    const second = await importNow(x, await upload(x, csv), { listId: list.id });
    expect(first.counts).toMatchObject({ created: 7, skippedDuplicate: 0 });
    expect(second.counts).toMatchObject({ created: 0, skippedDuplicate: 7 });
    expect(await as(h.db, x, (tx) => countLeads(tx, x.orgId))).toBe(7);
    expect((await as(h.db, x, (tx) => findLists(tx, x.orgId)))[0]!.leadCount).toBe(7);
  });

  it('runs two imports of the same people at the same time without duplicates', async () => {
    const { a: x } = await twoOrgs(h.db);
    const csv = 'Email,Name\n' + Array.from({ length: 40 }, (_, i) => `same${i}@x.io,Same ${i}`).join('\n');
    const p1 = await upload(x, csv, 'one.csv');
    const p2 = await upload(x, csv, 'two.csv');
    for (const p of [p1, p2]) await as(h.db, x, (tx) => confirmImport(tx, actorOf(x), p.import.id, { mapping: p.mapping }));
    const [s1, s2] = await Promise.all([p1, p2].map((p) => runImport({ db: h.db, batchSize: 7 }, { importId: p.import.id, orgId: x.orgId })));
    expect(s1!.created + s2!.created).toBe(40);
    expect(s1!.skippedDuplicate + s2!.skippedDuplicate).toBe(40);
    expect(s1!.rejected + s2!.rejected).toBe(0);
    expect(await as(h.db, x, (tx) => countLeads(tx, x.orgId))).toBe(40);
  });

  it('resumes after a crash mid-import without duplicating anything, leaving unreached rows untouched', async () => {
    const { a: x } = await twoOrgs(h.db);
    const csv = 'Email,Name,Tags\n' + Array.from({ length: 10 }, (_, i) => `r${i}@x.io,Row ${i},t${i % 2}`).join('\n') + '\nr0@x.io,Row 0 again,\n';
    const p = await upload(x, csv);
    await as(h.db, x, (tx) => confirmImport(tx, actorOf(x), p.import.id, { mapping: p.mapping, options: { dedupe: 'skip' } }));
    // the worker dies while writing data rows 6–8 (batches of 3: rows 0–2 and 3–5 are written before or beside it)
    const crash = ({ startRow }: { startRow: number }) => {
      if (startRow === 6) throw new Error('worker killed');
    };
    await expect(runImport({ db: h.db, batchSize: 3, beforeCheckpoint: crash }, { importId: p.import.id, orgId: x.orgId })).rejects.toThrow('worker killed');
    const failed = await as(h.db, x, (tx) => getImport(tx, x.orgId, p.import.id));
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/unexpected error/);
    // exactly the committed batches are stored: their rows, their counts, nothing of the batch that died
    const batches = await batchesOf(x, p.import.id);
    expect(batches.map((b) => b.start_row)).toEqual(expect.arrayContaining([0, 3]));
    expect(batches.map((b) => b.start_row)).not.toContain(6);
    const stored = batches.flatMap((b) => Array.from({ length: b.end_row - b.start_row }, (_, i) => b.start_row + i)).filter((i) => i < 10);
    expect(failed).toMatchObject({ processedRows: batches.reduce((n, b) => n + b.end_row - b.start_row, 0), counts: { created: stored.length } });
    const emails = await as(h.db, x, (tx) => rows<{ email: string }>(tx, sql`select email from leads order by email`));
    expect(emails.map((e) => e.email)).toEqual(stored.map((i) => `r${i}@x.io`).sort());
    // the user retries (the job would also retry by itself); it writes only what is missing
    await as(h.db, x, (tx) => retryImport(tx, actorOf(x), p.import.id));
    const s = await runImport({ db: h.db, batchSize: 3 }, { importId: p.import.id, orgId: x.orgId });
    expect(s).toMatchObject({ processedRows: 11, created: 10, skippedDuplicate: 1, rejected: 0 });
    expect(await as(h.db, x, (tx) => countLeads(tx, x.orgId))).toBe(10);
    expect((await batchesOf(x, p.import.id)).map((b) => [b.start_row, b.end_row])).toEqual([[0, 3], [3, 6], [6, 9], [9, 11]]);
    await expectImportedOnce(x, p.import.id, 10);
    expect((await as(h.db, x, (tx) => findTags(tx, x.orgId))).map((t) => [t.name, t.leadCount])).toEqual([['t0', 5], ['t1', 5]]);
    await failsWith(as(h.db, x, (tx) => retryImport(tx, actorOf(x), p.import.id)), 'CONFLICT', /finished/);
  });

  it('merges duplicates split across batches written at the same time in file order, counting each row once', async () => {
    const { a: x } = await twoOrgs(h.db);
    // batches of 2 rows: the second batch repeats a person of the first, the third one of the second
    const csv = ['Email,Name,Title,City', 'ann@x.io,Ann,CEO,', 'bob@x.io,Bob,,', 'ANN@x.io,,CTO,Paris', 'cat@x.io,Cat,,', 'bob@x.io,,Buyer,Rome', 'dan@x.io,Dan,,'].join('\n');
    const p = await upload(x, csv);
    const imp = await importNow(x, p, { dedupe: 'overwrite' }, 2);
    expect(imp.counts).toEqual({ created: 4, updated: 0, skippedDuplicate: 2, rejected: 0, suppressed: 0 });
    // later rows win in overwrite mode, whichever batch was written first
    const byEmail = new Map((await as(h.db, x, (tx) => findLeads(tx, x.orgId, { limit: 10 }))).items.map((l) => [l.email, l]));
    expect([...byEmail.keys()].sort()).toEqual(['ann@x.io', 'bob@x.io', 'cat@x.io', 'dan@x.io']);
    expect(byEmail.get('ann@x.io')).toMatchObject({ firstName: 'Ann', title: 'CTO', city: 'Paris' });
    expect(byEmail.get('bob@x.io')).toMatchObject({ firstName: 'Bob', title: 'Buyer', city: 'Rome' });
    // the import's counts are the sums of its batches'
    const batches = await batchesOf(x, p.import.id);
    expect(batches.map((b) => [b.start_row, b.end_row])).toEqual([[0, 2], [2, 4], [4, 6]]);
    const sum = (k: keyof (typeof batches)[number]) => batches.reduce((n, b) => n + Number(b[k]), 0);
    expect({ created: sum('created_count'), skipped: sum('skipped_duplicate_count') }).toEqual({ created: 4, skipped: 2 });
  });

  it('imports an XLSX file', async () => {
    const { a: x } = await twoOrgs(h.db);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['First name', 'Last name', 'Email address', 'Position', 'Organization', 'Domain name', 'Confidence score']);
    ws.addRow(['Anna', 'Schmidt', 'anna@stripe.com', 'PM', 'Stripe', 'stripe.com', 97]);
    ws.addRow(['Tim', 'Cook', 'tim@apple.com', 'CEO', 'Apple', 'apple.com', 90]);
    const p = await upload(x, new Uint8Array(await wb.xlsx.writeBuffer()), 'hunter.xlsx');
    expect(p).toMatchObject({ layout: 'hunter', encoding: null, delimiter: null, import: { fileType: 'xlsx', totalRows: 2 } });
    const imp = await importNow(x, p);
    expect(imp.counts.created).toBe(2);
    const leads = (await as(h.db, x, (tx) => findLeads(tx, x.orgId, { sort: 'company' }))).items;
    expect(leads.map((l) => [l.companyName, l.companyDomain, l.title])).toEqual([['Apple', 'apple.com', 'CEO'], ['Stripe', 'stripe.com', 'PM']]);
  });

  it('runs as the leads.import job through the local runner', async () => {
    const { a: x } = await twoOrgs(h.db);
    const p = await upload(x, 'Email\njob1@x.io\njob2@x.io\n');
    await as(h.db, x, (tx) => confirmImport(tx, actorOf(x), p.import.id, { mapping: p.mapping }));
    const runner = startLocalRunner({ db: h.db, tasks: allTasks, cron: false, pollMs: 50 });
    try {
      await runner.drain({ timeoutMs: 30_000 });
    } finally {
      await runner.stop();
    }
    const imp = await as(h.db, x, (tx) => getImport(tx, x.orgId, p.import.id));
    expect(imp).toMatchObject({ status: 'completed', counts: { created: 2 } });
    const run = await as(h.db, x, (tx) => rows<{ task_id: string; status: string }>(tx, sql`select task_id, status from job_runs where org_id = ${x.orgId}::uuid and task_id = 'leads.import'`));
    expect(run).toEqual([{ task_id: 'leads.import', status: 'succeeded' }]);
  });
});

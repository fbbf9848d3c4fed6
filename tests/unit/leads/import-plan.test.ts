import { describe, expect, it } from 'vitest';
import type { TImportLead } from '../../../src/features/leads/import-row';
import { mergeLead, planBatch, type TCandidate } from '../../../src/features/leads/import-plan';

const IMPORT = 'imp-1';
const blank: TImportLead = {
  email: null, phone: null, whatsapp: null, firstName: null, lastName: null, title: null, seniority: null, department: null, linkedinUrl: null,
  website: null, city: null, state: null, country: null, timezone: null, status: null, source: null, customFields: {}, tags: [], lists: [], company: null,
};
const L = (o: Partial<TImportLead>): TImportLead => ({ ...blank, ...o });
const rowsOf = (...leads: Partial<TImportLead>[]): TCandidate[] => leads.map((l, i) => ({ rowNumber: i + 2, lead: L(l) }));
let n = 0;
const ids = () => `new-${++n}`;

describe('mergeLead', () => {
  const a = () => L({ email: 'a@x.io', title: 'CEO', city: null, customFields: { plan: 'gold' }, tags: ['vip'] });
  const b = L({ email: 'a@x.io', title: 'CTO', city: 'Berlin', customFields: { plan: 'silver', seats: 3 }, tags: ['VIP', 'new'] });
  it('skip changes nothing', () => expect(mergeLead(a(), b, 'skip')).toEqual(a()));
  it('fill_empty fills only empty fields', () => {
    expect(mergeLead(a(), b, 'fill_empty')).toMatchObject({ title: 'CEO', city: 'Berlin', customFields: { plan: 'gold', seats: 3 }, tags: ['vip', 'new'] });
  });
  it('overwrite replaces with non-empty values, never erases', () => {
    expect(mergeLead(a(), b, 'overwrite')).toMatchObject({ title: 'CTO', city: 'Berlin', customFields: { plan: 'silver', seats: 3 } });
    expect(mergeLead(a(), L({ title: null }), 'overwrite').title).toBe('CEO');
  });
});

describe('planBatch', () => {
  it('creates new leads and matches existing ones by email, then LinkedIn URL', () => {
    const p = planBatch(
      rowsOf({ email: 'new@x.io' }, { email: 'old@x.io', title: 'x' }, { linkedinUrl: 'li/old2', email: 'other@x.io' }),
      [{ id: 'e1', email: 'old@x.io', linkedinUrl: null, importId: null }, { id: 'e2', email: 'zzz@x.io', linkedinUrl: 'li/old2', importId: null }],
      'fill_empty', IMPORT, ids,
    );
    expect(p.inserts.map((x) => x.lead.email)).toEqual(['new@x.io']);
    expect(p.updates.map((x) => x.id)).toEqual(['e1', 'e2']);
    expect([p.created, p.updated, p.skippedDuplicate]).toEqual([1, 2, 0]);
    expect(p.leadIds.size).toBe(3);
  });

  it('skips existing matches in skip mode but still names their ids (for the import list)', () => {
    const p = planBatch(rowsOf({ email: 'old@x.io' }), [{ id: 'e1', email: 'old@x.io', linkedinUrl: null, importId: null }], 'skip', IMPORT, ids);
    expect([p.inserts.length, p.updates.length, p.created, p.updated, p.skippedDuplicate]).toEqual([0, 0, 0, 0, 1]);
    expect([...p.leadIds]).toEqual(['e1']);
  });

  it('merges duplicate rows of the batch into the first, by email then LinkedIn URL', () => {
    const p = planBatch(rowsOf({ email: 'a@x.io', firstName: 'A' }, { email: 'a@x.io', lastName: 'B', linkedinUrl: 'li/a' }, { linkedinUrl: 'li/a', city: 'Rome' }), [], 'fill_empty', IMPORT, ids);
    expect(p.inserts).toHaveLength(1);
    expect(p.inserts[0]!.lead).toMatchObject({ email: 'a@x.io', firstName: 'A', lastName: 'B', linkedinUrl: 'li/a', city: 'Rome' });
    expect([p.created, p.skippedDuplicate]).toEqual([1, 2]);
  });

  it('counts rows matching a lead this same import created earlier as duplicates', () => {
    const p = planBatch(rowsOf({ email: 'a@x.io', title: 'T' }), [{ id: 'e1', email: 'a@x.io', linkedinUrl: null, importId: IMPORT }], 'overwrite', IMPORT, ids);
    expect(p.updates).toEqual([{ id: 'e1', lead: expect.objectContaining({ title: 'T' }), ownImport: true }]);
    expect([p.updated, p.skippedDuplicate]).toEqual([0, 1]);
  });

  it('sends two rows that reach one existing lead by different keys to one update', () => {
    const p = planBatch(
      rowsOf({ email: 'e@x.io', title: 'first' }, { linkedinUrl: 'li/e', city: 'Oslo' }),
      [{ id: 'e1', email: 'e@x.io', linkedinUrl: 'li/e', importId: null }],
      'fill_empty', IMPORT, ids,
    );
    expect(p.updates).toHaveLength(1);
    expect(p.updates[0]!.lead).toMatchObject({ title: 'first', city: 'Oslo' });
    expect([p.updated, p.skippedDuplicate]).toEqual([1, 1]);
  });

  it('never gives a merged lead a key another lead owns', () => {
    // row 3 matches row 1 by email and carries row 2's LinkedIn URL: row 1 must not take it
    const p = planBatch(rowsOf({ email: 'a@x.io' }, { email: 'b@x.io', linkedinUrl: 'li/b' }, { email: 'a@x.io', linkedinUrl: 'li/b' }), [], 'overwrite', IMPORT, ids);
    expect(p.inserts.map((x) => [x.lead.email, x.lead.linkedinUrl])).toEqual([['a@x.io', null], ['b@x.io', 'li/b']]);
    // nor one an existing lead owns
    const q = planBatch(rowsOf({ linkedinUrl: 'li/c' }, { linkedinUrl: 'li/c', email: 'taken@x.io' }), [{ id: 'e9', email: 'taken@x.io', linkedinUrl: null, importId: null }], 'overwrite', IMPORT, ids);
    expect(q.inserts[0]!.lead.email).toBeNull();
  });

  it('puts every row in exactly one bucket', () => {
    const cands = rowsOf(...Array.from({ length: 200 }, (_, i) => ({ email: `p${i % 70}@x.io`, linkedinUrl: i % 3 ? `li/${i % 50}` : null })));
    const existing = Array.from({ length: 20 }, (_, i) => ({ id: `e${i}`, email: `p${i * 3}@x.io`, linkedinUrl: null, importId: i % 2 ? IMPORT : null }));
    for (const mode of ['skip', 'fill_empty', 'overwrite'] as const) {
      const p = planBatch(cands, existing, mode, IMPORT, ids);
      expect(p.created + p.updated + p.skippedDuplicate).toBe(200);
      const emails = p.inserts.map((x) => x.lead.email).filter(Boolean);
      expect(new Set(emails).size).toBe(emails.length);
      const urls = [...p.inserts, ...p.updates].map((x) => x.lead.linkedinUrl).filter(Boolean);
      expect(new Set(urls).size).toBe(urls.length);
    }
  });
});

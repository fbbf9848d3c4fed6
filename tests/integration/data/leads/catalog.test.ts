/** Lists, tags, custom fields, the suppression list, intent signals and fit qualification. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../../../src/db';
import {
  addIntentSignals, addSuppressions, addSuppressionsFromCsv, createCompany, createCustomField, createLead, createList, createTag, deleteCustomField,
  deleteIntentSignal, deleteList, deleteTag, findCustomFields, findIntentSignals, findLists, findSuppressions, findTags, getCompany, getLead,
  intentTierFor, qualifyCompany, removeSuppression, suppressionsCsv, updateCustomField, updateList, updateTag, bulkLeadAction, findCompanySnapshots,
  findCompanies, updateCompany, deleteCompany, restoreCompany, keyFromLabel,
} from '../../../../src/features/leads';
import { testDb, type TTestDb } from '../../../support/db';
import type { TPerson } from '../../../support/world';
import { actorOf, as, failsWith, twoOrgs } from './support';

let h: TTestDb;
let a: TPerson;
let b: TPerson;
let member: TPerson;
beforeAll(async () => {
  h = await testDb();
  ({ a, b, aMember: member } = await twoOrgs(h.db));
});
afterAll(async () => h?.close());

describe('lists and tags', () => {
  it('creates, renames, counts and deletes lists; names are unique per organization', async () => {
    const l = await as(h.db, a, (tx) => createList(tx, actorOf(a), { name: 'Conference', description: 'Met at the fair' }));
    await failsWith(as(h.db, a, (tx) => createList(tx, actorOf(a), { name: 'conference' })), 'CONFLICT');
    await failsWith(as(h.db, a, (tx) => createList(tx, actorOf(a), { name: 'a;b' })), 'INVALID_INPUT');
    await as(h.db, b, (tx) => createList(tx, actorOf(b), { name: 'Conference' }));
    const lead = await as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 'l1@x.io', listIds: [l.id] }));
    expect((await as(h.db, a, (tx) => findLists(tx, a.orgId))).map((x) => [x.name, x.leadCount])).toEqual([['Conference', 1]]);
    expect((await as(h.db, a, (tx) => updateList(tx, actorOf(a), l.id, { name: 'Fair 2026' }))).name).toBe('Fair 2026');
    await failsWith(as(h.db, b, (tx) => updateList(tx, actorOf(b), l.id, { name: 'x' })), 'NOT_FOUND');
    await failsWith(as(h.db, b, (tx) => createLead(tx, actorOf(b), { email: 'z@x.io', listIds: [l.id] })), 'NOT_FOUND');
    await as(h.db, a, (tx) => deleteList(tx, actorOf(a), l.id));
    expect((await as(h.db, a, (tx) => getLead(tx, a.orgId, lead.id))).id).toBe(lead.id);
  });

  it('creates, recolours, counts and deletes tags', async () => {
    const t = await as(h.db, a, (tx) => createTag(tx, actorOf(a), { name: 'Champion', color: '#FF0000' }));
    expect(t.color).toBe('#ff0000');
    await failsWith(as(h.db, a, (tx) => createTag(tx, actorOf(a), { name: 'champion' })), 'CONFLICT');
    await failsWith(as(h.db, a, (tx) => createTag(tx, actorOf(a), { name: 'a,b' })), 'INVALID_INPUT');
    await as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 't1@x.io', tagIds: [t.id] }));
    expect((await as(h.db, a, (tx) => findTags(tx, a.orgId))).find((x) => x.id === t.id)!.leadCount).toBe(1);
    expect((await as(h.db, a, (tx) => updateTag(tx, actorOf(a), t.id, { color: null }))).color).toBeNull();
    await failsWith(as(h.db, b, (tx) => deleteTag(tx, actorOf(b), t.id)), 'NOT_FOUND');
    await as(h.db, a, (tx) => deleteTag(tx, actorOf(a), t.id));
    expect(await as(h.db, a, (tx) => findTags(tx, a.orgId))).toEqual([]);
  });

  it('refuses to link another organization\'s lead to a list, even by hand-written SQL', async () => {
    const theirs = await as(h.db, b, (tx) => createLead(tx, actorOf(b), { email: 'b-lead@x.io' }));
    const mine = await as(h.db, a, (tx) => createList(tx, actorOf(a), { name: 'Mine' }));
    await expect(as(h.db, a, (tx) => tx.execute(sql`insert into list_members (list_id, lead_id, org_id) values (${mine.id}::uuid, ${theirs.id}::uuid, ${a.orgId}::uuid)`))).rejects.toThrow();
  });
});

describe('custom field definitions', () => {
  it('derives keys, keeps labels unique, refuses built-in names, and only admins delete', async () => {
    expect(keyFromLabel('Plan tier')).toBe('plan_tier');
    expect(keyFromLabel('2024 Budget (€)')).toBe('f_2024_budget');
    const f = await as(h.db, a, (tx) => createCustomField(tx, actorOf(a), { label: 'Renewal date', type: 'date' }));
    expect(f).toMatchObject({ key: 'renewal_date', type: 'date' });
    await failsWith(as(h.db, a, (tx) => createCustomField(tx, actorOf(a), { label: 'renewal DATE', type: 'text' })), 'CONFLICT');
    await failsWith(as(h.db, a, (tx) => createCustomField(tx, actorOf(a), { label: 'Email', type: 'text' })), 'INVALID_INPUT', /built-in/);
    const l = await as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 'cf@x.io', customFields: { renewal_date: '31.12.2026' } }));
    expect(l.customFields).toEqual({ renewal_date: '2026-12-31' });
    expect((await as(h.db, a, (tx) => updateCustomField(tx, actorOf(a), f.id, { label: 'Renews on' }))).label).toBe('Renews on');
    await failsWith(as(h.db, member, (tx) => deleteCustomField(tx, actorOf(member), f.id)), 'FORBIDDEN');
    await as(h.db, a, (tx) => deleteCustomField(tx, actorOf(a), f.id));
    expect((await as(h.db, a, (tx) => getLead(tx, a.orgId, l.id))).customFields).toEqual({});
    expect(await as(h.db, a, (tx) => findCustomFields(tx, a.orgId))).toEqual([]);
  });
});

describe('suppression list', () => {
  it('adds addresses and domains by hand and from CSV, marks leads, reports invalid entries', async () => {
    const l1 = await as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 'stop@spam.io' }));
    const l2 = await as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 'anyone@blocked.io' }));
    const r = await as(h.db, a, (tx) => addSuppressions(tx, actorOf(a), { values: ['Stop@Spam.io', 'not valid', 'stop@spam.io'] }));
    expect(r).toEqual({ added: 1, alreadyListed: 0, leadsMarked: 1, invalid: [{ value: 'not valid', reason: expect.stringMatching(/not a valid domain/) }] });
    const csv = Buffer.from('Email\r\n@blocked.io\r\nx@elsewhere.io\r\n');
    const r2 = await as(h.db, a, (tx) => addSuppressionsFromCsv(tx, actorOf(a), csv, 'list.csv'));
    expect(r2).toMatchObject({ added: 2, leadsMarked: 1 });
    expect((await as(h.db, a, (tx) => getLead(tx, a.orgId, l1.id))).suppressedAt).not.toBeNull();
    expect((await as(h.db, a, (tx) => getLead(tx, a.orgId, l2.id))).suppressedAt).not.toBeNull();
    const found = await as(h.db, a, (tx) => findSuppressions(tx, a.orgId, { q: 'blocked' }));
    expect(found.items.map((s) => [s.kind, s.value])).toEqual([['domain', 'blocked.io']]);
    const page1 = await as(h.db, a, (tx) => findSuppressions(tx, a.orgId, { limit: 2 }));
    const page2 = await as(h.db, a, (tx) => findSuppressions(tx, a.orgId, { limit: 2, cursor: page1.nextCursor! }));
    expect([...page1.items, ...page2.items].map((s) => s.value).sort()).toEqual(['blocked.io', 'stop@spam.io', 'x@elsewhere.io']);
    // export
    const bytes = Buffer.from(await new Response(suppressionsCsv((fn) => as(h.db, a, fn), a.orgId)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('Kind,Value,Reason,Source,Added At');
    expect(text).toContain('domain,blocked.io,manual,csv:list.csv');
    // B sees none of it
    expect((await as(h.db, b, (tx) => findSuppressions(tx, b.orgId))).items).toEqual([]);
    // members cannot remove; admins can, and the mark is lifted
    const dom = found.items[0]!;
    await failsWith(as(h.db, member, (tx) => removeSuppression(tx, actorOf(member), dom.id)), 'FORBIDDEN');
    const rm = await as(h.db, a, (tx) => removeSuppression(tx, actorOf(a), dom.id));
    expect(rm.leadsUnmarked).toBe(1);
    expect((await as(h.db, a, (tx) => getLead(tx, a.orgId, l2.id))).suppressedAt).toBeNull();
    await failsWith(as(h.db, b, (tx) => removeSuppression(tx, actorOf(b), dom.id)), 'NOT_FOUND');
  });

  it('reports a suppression CSV with nothing in it', async () => {
    await failsWith(as(h.db, a, (tx) => addSuppressionsFromCsv(tx, actorOf(a), Buffer.from('Email\r\n'))), 'INVALID_INPUT', /no addresses/);
  });
});

describe('intent signals and tiers (seed 001)', () => {
  it('keeps the company tier equal to the rule for every mix of signals', async () => {
    const c = await as(h.db, a, (tx) => createCompany(tx, actorOf(a), { name: 'Intent Co', website: 'https://www.intent.co/about' }));
    expect(c).toMatchObject({ domain: 'intent.co', website: 'https://intent.co/about', intentTier: 'cold' });
    const mixes: [number, number][] = [[0, 0], [0, 4], [1, 0], [2, 2], [2, 3], [3, 0], [0, 3]];
    for (const [high, medium] of mixes) {
      await as(h.db, a, (tx) => tx.execute(sql`delete from intent_signals where company_id = ${c.id}::uuid`));
      const signals = [
        ...Array.from({ length: high }, (_, i) => ({ signalType: `high ${i}`, strength: 'high' as const })),
        ...Array.from({ length: medium }, (_, i) => ({ signalType: `medium ${i}`, strength: 'medium' as const, source: 'DataShopper' })),
        { signalType: 'liked a post', strength: 'low' as const },
      ];
      const r = await as(h.db, a, (tx) => addIntentSignals(tx, actorOf(a), c.id, { signals }));
      expect(r.intentTier).toBe(intentTierFor(high, medium));
      expect((await as(h.db, a, (tx) => getCompany(tx, a.orgId, c.id))).intentTier).toBe(intentTierFor(high, medium));
    }
    const list = await as(h.db, a, (tx) => findIntentSignals(tx, a.orgId, c.id));
    expect(list.map((x) => x.strength).sort()).toEqual(['low', 'medium', 'medium', 'medium']);
    await as(h.db, a, (tx) => tx.execute(sql`delete from intent_signals where company_id = ${c.id}::uuid`));
    const withHigh = await as(h.db, a, (tx) => addIntentSignals(tx, actorOf(a), c.id, { signals: [{ signalType: 'visited pricing', strength: 'high', detectedAt: '2026-01-02T03:04:05Z' }] }));
    expect(withHigh.intentTier).toBe('warm');
    const removed = await as(h.db, a, (tx) => deleteIntentSignal(tx, actorOf(a), c.id, withHigh.signals[0]!.id));
    expect(removed.intentTier).toBe('cold');
    await failsWith(as(h.db, b, (tx) => addIntentSignals(tx, actorOf(b), c.id, { signals: [{ signalType: 'x', strength: 'high' }] })), 'NOT_FOUND');
    // the trigger also guards direct SQL updates of a signal's strength
    const sig = await as(h.db, a, (tx) => addIntentSignals(tx, actorOf(a), c.id, { signals: [{ signalType: 'a', strength: 'low' }] }));
    await as(h.db, a, (tx) => tx.execute(sql`update intent_signals set strength = 'high' where id = ${sig.signals[0]!.id}::uuid`));
    expect((await as(h.db, a, (tx) => getCompany(tx, a.orgId, c.id))).intentTier).toBe('warm');
  });
});

describe('companies and fit qualification (seed 000)', () => {
  it('records a snapshot on every qualification and shows the trend', async () => {
    const c = await as(h.db, a, (tx) => createCompany(tx, actorOf(a), { name: 'Fit Co', domain: 'fit.co' }));
    await failsWith(as(h.db, a, (tx) => createCompany(tx, actorOf(a), { name: 'Other', domain: 'FIT.co' })), 'CONFLICT');
    const q1 = await as(h.db, a, (tx) => qualifyCompany(tx, actorOf(a), c.id, { score: 6, reasoning: 'Initial qualification' }));
    expect(q1).toMatchObject({ previousScore: null, changed: false, trend: 'stable', snapshot: { score: 6, tier: 'review' } });
    const q2 = await as(h.db, a, (tx) => qualifyCompany(tx, actorOf(a), c.id, { score: 9, reasoning: 'New product line', signals: [{ type: 'expansion' }] }));
    expect(q2).toMatchObject({ previousScore: 6, changed: true, trend: 'up', snapshot: { tier: 'hot', signals: [{ type: 'expansion' }] } });
    const q3 = await as(h.db, a, (tx) => qualifyCompany(tx, actorOf(a), c.id, { score: 8 }));
    expect(q3).toMatchObject({ changed: false, trend: 'down' });
    expect((await as(h.db, a, (tx) => getCompany(tx, a.orgId, c.id)))).toMatchObject({ fitScore: 8, fitTier: 'hot', trend: 'down' });
    expect((await as(h.db, a, (tx) => findCompanySnapshots(tx, a.orgId, c.id))).map((s) => s.score)).toEqual([8, 9, 6]);
    await failsWith(as(h.db, a, (tx) => qualifyCompany(tx, actorOf(a), c.id, { score: 11 })), 'INVALID_INPUT');
    await failsWith(as(h.db, b, (tx) => qualifyCompany(tx, actorOf(b), c.id, { score: 5 })), 'NOT_FOUND');
  });

  it('lists, edits, deletes and restores companies', async () => {
    const c = await as(h.db, a, (tx) => createCompany(tx, actorOf(a), { name: 'Zeta GmbH', domain: 'zeta.de', country: 'Deutschland', employeeCount: 40 }));
    expect(c.country).toBe('DE');
    const u = await as(h.db, a, (tx) => updateCompany(tx, actorOf(a), c.id, { industry: 'Software', revenue: 5_000_000, phone: '030 123456' }));
    expect(u).toMatchObject({ industry: 'Software', revenue: 5_000_000, phone: '+4930123456' });
    const page = await as(h.db, a, (tx) => findCompanies(tx, a.orgId, { sort: 'name', limit: 2 }));
    const rest = await as(h.db, a, (tx) => findCompanies(tx, a.orgId, { sort: 'name', limit: 50, cursor: page.nextCursor! }));
    expect([...page.items, ...rest.items].map((x) => x.name)).toEqual(['Fit Co', 'Intent Co', 'Zeta GmbH']);
    expect((await as(h.db, a, (tx) => findCompanies(tx, a.orgId, { q: 'zeta' }))).items).toHaveLength(1);
    await as(h.db, a, (tx) => deleteCompany(tx, actorOf(a), c.id));
    await failsWith(as(h.db, a, (tx) => getCompany(tx, a.orgId, c.id)), 'NOT_FOUND');
    expect((await as(h.db, a, (tx) => restoreCompany(tx, actorOf(a), c.id))).deletedAt).toBeNull();
    await failsWith(as(h.db, b, (tx) => deleteCompany(tx, actorOf(b), c.id)), 'NOT_FOUND');
  });

  it('runs bulk tag on a filter only inside the organization', async () => {
    const t = await as(h.db, b, (tx) => createTag(tx, actorOf(b), { name: 'b-only' }));
    const r = await as(h.db, b, (tx) => bulkLeadAction(tx, actorOf(b), { selection: { filter: {} }, action: { type: 'tag', tagIds: [t.id] } }));
    const counts = await as(h.db, b, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from leads where deleted_at is null`));
    expect(r.affected).toBe(counts[0]!.n);
    await failsWith(as(h.db, a, (tx) => bulkLeadAction(tx, actorOf(a), { selection: { filter: {} }, action: { type: 'tag', tagIds: [t.id] } })), 'NOT_FOUND');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, rows, sql } from '../../../../src/db';
import {
  bulkLeadAction, createCompany, createCustomField, createLead, createList, createTag, deleteLeads, findLeads, getLead, getLeadDetail,
  restoreLeads, updateLead, suppress, countLeads, type TLeadRow,
} from '../../../../src/features/leads';
import { SEARCH_ID_LIMIT } from '../../../../src/features/leads/lead-filter-sql';
import { testDb, type TTestDb } from '../../../support/db';
import type { TPerson } from '../../../support/world';
import { actorOf, as, failsWith, twoOrgs } from './support';

let h: TTestDb;
let a: TPerson;
let b: TPerson;
beforeAll(async () => {
  h = await testDb();
  ({ a, b } = await twoOrgs(h.db));
});
afterAll(async () => h?.close());

describe('create, read, update a lead', () => {
  it('normalises fields, finds or creates the company by domain, and records the creation', async () => {
    const lead = await as(h.db, a, (tx) =>
      createLead(tx, actorOf(a), {
        email: ' Ada@Analytical.io ', fullName: 'Ada Lovelace', phone: '020 7946 0958', country: 'United Kingdom',
        linkedinUrl: 'uk.linkedin.com/in/Ada-L/', companyName: 'Analytical Engines',
      }),
    );
    expect(lead).toMatchObject({
      email: 'ada@analytical.io', firstName: 'Ada', lastName: 'Lovelace', fullName: 'Ada Lovelace', phone: '+442079460958', country: 'GB',
      linkedinUrl: 'https://www.linkedin.com/in/ada-l', companyName: 'Analytical Engines', status: 'new', source: 'manual', suppressedAt: null,
    });
    const again = await as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 'charles@analytical.io', companyName: 'Analytical Engines' }));
    expect(again.companyId).toBe(lead.companyId);
    const events = await as(h.db, a, (tx) => rows<{ type: string }>(tx, sql`select type from lead_events where lead_id = ${lead.id}::uuid`));
    expect(events.map((e) => e.type)).toEqual(['created']);
  });

  it('refuses a duplicate email or LinkedIn URL with CONFLICT, and bad values with field errors', async () => {
    await as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 'dup@x.io' }));
    await failsWith(as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 'DUP@x.io' })), 'CONFLICT', /email address already exists/);
    await failsWith(as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 'not-an-email' })), 'INVALID_INPUT', /not a valid email/);
    await failsWith(as(h.db, a, (tx) => createLead(tx, actorOf(a), { title: 'CEO' })), 'INVALID_INPUT', /email address, a name or a LinkedIn URL/);
    await failsWith(as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 'y@x.io', customFields: { nope: 1 } })), 'INVALID_INPUT', /no custom field "nope"/);
    // the same email in another organization is fine
    await as(h.db, b, (tx) => createLead(tx, actorOf(b), { email: 'dup@x.io' }));
  });

  it('marks a suppressed address on creation', async () => {
    await as(h.db, a, (tx) => suppress(tx, { orgId: a.orgId, value: 'blocked.example', reason: 'manual' }));
    const l = await as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 'someone@blocked.example' }));
    expect(l.suppressedAt).not.toBeNull();
    expect(l.suppressedReason).toBe('manual');
  });

  it('edits fields, custom fields, company and status, with timeline events', async () => {
    await as(h.db, a, (tx) => createCustomField(tx, actorOf(a), { label: 'Seats', type: 'number' }));
    await as(h.db, a, (tx) => createCustomField(tx, actorOf(a), { label: 'Plan', type: 'text' }));
    const l = await as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: 'edit@x.io', customFields: { seats: '12', plan: 'gold' } }));
    expect(l.customFields).toEqual({ seats: 12, plan: 'gold' });
    const u = await as(h.db, a, (tx) =>
      updateLead(tx, actorOf(a), l.id, { title: 'CTO', status: 'contacted', customFields: { seats: 20, plan: null }, companyDomain: 'https://www.edit-co.io', companyName: 'EditCo' }),
    );
    expect(u).toMatchObject({ title: 'CTO', status: 'contacted', customFields: { seats: 20 }, companyName: 'EditCo' });
    const cleared = await as(h.db, a, (tx) => updateLead(tx, actorOf(a), l.id, { title: null, companyId: null }));
    expect([cleared.title, cleared.companyId, cleared.companyName]).toEqual([null, null, null]);
    const events = await as(h.db, a, (tx) => rows<{ type: string; summary: string }>(tx, sql`select type, summary from lead_events where lead_id = ${l.id}::uuid order by occurred_at, type`));
    expect(events.map((e) => e.type)).toContain('status_changed');
    expect(events.find((e) => e.type === 'status_changed')!.summary).toBe('Status changed from new to contacted');
    await failsWith(as(h.db, a, (tx) => updateLead(tx, actorOf(a), l.id, { customFields: { seats: 'lots' } })), 'INVALID_INPUT', /Seats "lots" is not a number/);
  });

  it('never reaches another organization: its ids are NOT_FOUND', async () => {
    const theirs = await as(h.db, b, (tx) => createLead(tx, actorOf(b), { email: 'theirs@b.io' }));
    await failsWith(as(h.db, a, (tx) => getLead(tx, a.orgId, theirs.id)), 'NOT_FOUND');
    await failsWith(as(h.db, a, (tx) => getLead(tx, b.orgId, theirs.id)), 'NOT_FOUND');
    await failsWith(as(h.db, a, (tx) => updateLead(tx, actorOf(a), theirs.id, { title: 'x' })), 'NOT_FOUND');
    const r = await as(h.db, a, (tx) => bulkLeadAction(tx, actorOf(a), { selection: { ids: [theirs.id] }, action: { type: 'set_status', status: 'converted' } }));
    expect(r.affected).toBe(0);
    const r2 = await as(h.db, a, (tx) => deleteLeads(tx, actorOf(a), { ids: [theirs.id] }));
    expect(r2.deleted).toBe(0);
    expect((await as(h.db, b, (tx) => getLead(tx, b.orgId, theirs.id))).status).toBe('new');
    // the security-definer id functions behind search and custom-field filters check membership themselves
    const peek = (p: TPerson, org: string) =>
      as(h.db, p, (tx) => rows<{ id: string }>(tx, sql`select id from app.search_lead_ids(${org}::uuid, array['%theirs%']) as s(id)
                                                   union all select id from app.custom_field_lead_ids(${org}::uuid, '{}'::jsonb) as c(id)`));
    expect(await peek(a, b.orgId)).toEqual([]);
    expect((await peek(b, b.orgId)).map((r) => r.id)).toEqual([theirs.id]);
    expect((await as(h.db, a, (tx) => findLeads(tx, b.orgId, { q: 'theirs' }))).items).toEqual([]);
  });
});

describe('the leads table', () => {
  const ids: string[] = [];
  let listId: string;
  let tagId: string;
  beforeAll(async () => {
    const p = await twoOrgs(h.db);
    a = p.a;
    await as(h.db, a, async (tx) => {
      await createCustomField(tx, actorOf(a), { label: 'Tier', type: 'text' });
      const hot = await createCompany(tx, actorOf(a), { name: 'Hot Co', domain: 'hot.io' });
      await tx.execute(sql`update companies set fit_score = 9 where id = ${hot.id}::uuid`);
      await tx.execute(sql`insert into intent_signals (org_id, company_id, signal_type, strength) select ${a.orgId}::uuid, ${hot.id}::uuid, 'x', 'high' from generate_series(1, 3)`);
      listId = (await createList(tx, actorOf(a), { name: 'Q1' })).id;
      tagId = (await createTag(tx, actorOf(a), { name: 'vip' })).id;
      const names = ['Zed Adams', 'amy Brown', 'Bob Clark', 'Cat Diaz', 'dan Evans', 'Eve Fox', 'Fay Gray', 'Gus Hill', 'Hal Ito', 'Ivy Jones', 'Jo King', 'Kim Lee'];
      for (let i = 0; i < names.length; i++) {
        const l = await createLead(tx, actorOf(a), {
          fullName: names[i], email: i % 4 === 3 ? undefined : `p${i}@${i < 4 ? 'hot.io' : 'cold.io'}`, phone: i % 2 ? '+4930123456' + i : undefined,
          country: i % 3 === 0 ? 'Germany' : 'FR', status: i % 5 === 0 ? 'contacted' : 'new', source: i % 2 ? 'import' : 'manual',
          companyName: i < 4 ? 'Hot Co' : `Co ${String.fromCharCode(90 - i)}`, customFields: { tier: i % 2 ? 'gold' : 'silver' },
          listIds: i < 6 ? [listId] : [], tagIds: i % 3 === 1 ? [tagId] : [],
        });
        ids.push(l.id);
      }
    });
  });

  const all = async (q: Record<string, unknown>) => {
    const out: TLeadRow[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await as(h.db, a, (tx) => findLeads(tx, a.orgId, { ...q, cursor, limit: 5 } as never));
      out.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return out;
  };

  it('pages every sort in both directions without gaps or repeats', async () => {
    for (const sort of ['created', 'name', 'company', 'status', 'fit_score', 'updated'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const got = await all({ sort, dir });
        expect(got.map((x) => x.id).sort()).toEqual([...ids].sort());
        const first = (await as(h.db, a, (tx) => findLeads(tx, a.orgId, { sort, dir, limit: 100 }))).items.map((x) => x.id);
        expect(got.map((x) => x.id)).toEqual(first);
      }
    }
    const byName = await all({ sort: 'name' });
    expect(byName.slice(0, 3).map((x) => x.fullName)).toEqual(['amy Brown', 'Bob Clark', 'Cat Diaz']);
    const byFit = await all({ sort: 'fit_score' });
    expect(byFit.slice(0, 4).every((x) => x.fitScore === 9 && x.fitTier === 'hot' && x.intentTier === 'hot')).toBe(true);
  });

  it('filters by status, country (names too), flags, list, tag, tiers, source, custom field, search and dates', async () => {
    const n = async (q: Record<string, unknown>) => (await as(h.db, a, (tx) => findLeads(tx, a.orgId, { ...q, limit: 100, withCount: true } as never))).total;
    expect(await n({})).toBe(12);
    expect(await n({ status: 'contacted' })).toBe(3);
    expect(await n({ country: 'Germany' })).toBe(4);
    expect(await n({ country: 'DE,FR' })).toBe(12);
    expect(await n({ hasEmail: 'false' })).toBe(3);
    expect(await n({ hasPhone: true })).toBe(6);
    expect(await n({ listId })).toBe(6);
    expect(await n({ tagId: [tagId] })).toBe(4);
    expect(await n({ intentTier: 'hot' })).toBe(4);
    expect(await n({ intentTier: 'cold' })).toBe(8);
    expect(await n({ fitTier: 'hot' })).toBe(4);
    expect(await n({ fitTier: 'unscored' })).toBe(8);
    expect(await n({ source: 'import' })).toBe(6);
    expect(await n({ custom: 'tier:gold' })).toBe(6);
    expect(await n({ q: 'hot.io' })).toBe(3);
    expect(await n({ q: 'EVANS' })).toBe(1);
    expect(await n({ q: '100%_' })).toBe(0);
    expect(await n({ status: 'new', country: 'FR' })).toBe(6);
    expect(await n({ createdFrom: '2000-01-01', createdTo: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) })).toBe(12);
    expect(await n({ createdTo: '2000-01-01' })).toBe(0);
    await failsWith(as(h.db, a, (tx) => findLeads(tx, a.orgId, { custom: 'missing:1' } as never)), 'INVALID_INPUT', /no custom field "missing"/);
    await failsWith(as(h.db, a, (tx) => findLeads(tx, a.orgId, { cursor: 'bogus' })), 'INVALID_INPUT', /cursor is not valid/);
  });

  it('runs bulk actions on ids and on every lead matching a filter, with undo for deletion', async () => {
    const tag2 = await as(h.db, a, (tx) => createTag(tx, actorOf(a), { name: 'later', color: '#AABBCC' }));
    const list2 = await as(h.db, a, (tx) => createList(tx, actorOf(a), { name: 'Germany' }));
    const act = (selection: unknown, action: unknown) => as(h.db, a, (tx) => bulkLeadAction(tx, actorOf(a), { selection, action } as never));
    expect((await act({ filter: { country: 'DE' } }, { type: 'add_to_list', listId: list2.id })).affected).toBe(4);
    expect((await act({ filter: { country: 'DE' } }, { type: 'add_to_list', listId: list2.id })).affected).toBe(0);
    expect((await act({ ids: ids.slice(0, 3) }, { type: 'tag', tagIds: [tag2.id] })).affected).toBe(3);
    expect((await act({ ids: ids.slice(0, 3) }, { type: 'untag', tagIds: [tag2.id] })).affected).toBe(3);
    expect((await act({ filter: { listId: list2.id } }, { type: 'remove_from_list', listId: list2.id })).affected).toBe(4);
    expect((await act({ filter: { status: 'contacted' } }, { type: 'set_status', status: 'replied' })).affected).toBe(3);
    const ev = await as(h.db, a, (tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from lead_events where type = 'status_changed' and data->>'to' = 'replied'`));
    expect(ev[0]!.n).toBe(3);
    await failsWith(act({ ids: [ids[0]] }, { type: 'add_to_list', listId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');

    const del = await act({ filter: { country: 'FR' } }, { type: 'delete' });
    expect(del.affected).toBe(8);
    expect(await as(h.db, a, (tx) => countLeads(tx, a.orgId))).toBe(4);
    // a new lead takes one deleted lead's email: that one stays in the trash on undo
    const victim = (await as(h.db, a, (tx) => findLeads(tx, a.orgId, { deleted: true, hasEmail: true, limit: 1 }))).items[0]!;
    await as(h.db, a, (tx) => createLead(tx, actorOf(a), { email: victim.email! }));
    const undo = await as(h.db, a, (tx) => restoreLeads(tx, actorOf(a), { undoToken: del.undoToken! }));
    expect(undo).toEqual({ restored: 7, conflicts: 1 });
    expect(await as(h.db, a, (tx) => countLeads(tx, a.orgId))).toBe(12);
    const audit = await as(h.db, a, (tx) => rows<{ action: string; metadata: { count: number } }>(tx, sql`select action, metadata from audit_log where action = 'leads.deleted'`));
    expect(audit.at(-1)!.metadata.count).toBe(8);
    await failsWith(as(h.db, a, (tx) => restoreLeads(tx, actorOf(a), { undoToken: 'garbage-token' })), 'INVALID_INPUT');
  });

  it('reads the lead detail: lists, tags, company with signals and history, contacts, timeline', async () => {
    const lead = (await as(h.db, a, (tx) => findLeads(tx, a.orgId, { intentTier: 'hot', sort: 'name', limit: 1 }))).items[0]!;
    const d = await as(h.db, a, (tx) => getLeadDetail(tx, a.orgId, lead.id));
    expect(d.lead.id).toBe(lead.id);
    expect(d.company).toMatchObject({ name: 'Hot Co', intentTier: 'hot', fitScore: 9, fitTier: 'hot' });
    expect(d.company!.signals).toHaveLength(3);
    const live = await as(h.db, a, (tx) => countLeads(tx, a.orgId, { companyId: lead.companyId! }));
    expect(d.contacts.length).toBe(live - 1);
    expect(d.contacts.map((c) => c.id)).not.toContain(lead.id);
    expect(d.timeline.map((e) => e.type)).toContain('created');
    expect(d.customFieldDefinitions.map((f) => f.key)).toContain('tier');
    expect(Array.isArray(d.scoreHistory)).toBe(true);
  });
});

describe('search', () => {
  it('finds a word shared by more leads than the id list holds, page by page, exactly like a rare word', async () => {
    const { a: x, b: other } = await twoOrgs(h.db);
    const n = SEARCH_ID_LIMIT + 30;
    // n leads named "Common …" (one a minute apart, newest = highest i), 3 named "Rare …", and the other organization's "Common" lead
    await asService(h.db, (tx) =>
      tx.execute(sql`insert into public.leads (org_id, first_name, last_name, email, status, created_at)
                     select ${x.orgId}::uuid, 'Common', 'Person ' || i, 'common' || i || '@x.io', case when i % 2 = 0 then 'contacted' else 'new' end,
                            now() - make_interval(mins => ${n} - i)
                     from generate_series(1, ${n}) i
                     union all
                     select ${x.orgId}::uuid, 'Rare', 'Bird ' || i, 'rare' || i || '@x.io', 'new', now() - interval '1 day' from generate_series(1, 3) i
                     union all
                     select ${other.orgId}::uuid, 'Common', 'Stranger', 'common-stranger@y.io', 'contacted', now()`),
    );
    // a common word, with another filter, newest first: every page in order, nothing repeated, nothing missed
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 3; page++) {
      const r = await as(h.db, x, (tx) => findLeads(tx, x.orgId, { q: 'COMMON', status: ['contacted'], sort: 'created', limit: 50, cursor, withCount: page === 0 }));
      if (page === 0) expect(r.total).toBe(Math.floor(n / 2));
      seen.push(...r.items.map((l) => l.email!));
      cursor = r.nextCursor ?? undefined;
    }
    const expected = Array.from({ length: 150 }, (_, k) => n - (n % 2) - 2 * k).map((i) => `common${i}@x.io`);
    expect(seen).toEqual(expected);
    // two words: both must match, whichever path each takes
    expect((await as(h.db, x, (tx) => findLeads(tx, x.orgId, { q: 'common person 7', limit: 500 }))).items.every((l) => l.lastName!.includes('7'))).toBe(true);
    expect(await as(h.db, x, (tx) => countLeads(tx, x.orgId, { q: 'common' }))).toBe(n);
    // a rare word: the id list
    expect((await as(h.db, x, (tx) => findLeads(tx, x.orgId, { q: 'rare' }))).items.map((l) => l.firstName)).toEqual(['Rare', 'Rare', 'Rare']);
    // the other organization sees only its own, on the common-word path too
    expect((await as(h.db, other, (tx) => findLeads(tx, other.orgId, { q: 'common' }))).items.map((l) => l.email)).toEqual(['common-stranger@y.io']);
    expect((await as(h.db, other, (tx) => findLeads(tx, x.orgId, { q: 'common' }))).items).toEqual([]);
  });
});

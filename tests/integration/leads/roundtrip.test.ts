/**
 * Export → import round trip (L9): every stored field, custom field, tag and list of a varied set of
 * leads survives CSV and XLSX export and re-import into another organization unchanged; and the
 * seed 001 view and functions answer only for the caller's organization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql, withUser, type Db } from '../../../src/db';
import {
  addIntentSignals, confirmImport, createCompany, createCustomField, createLead, createList, createTag, exportLeads, getIntentBreakdown,
  findLeadsByIntentScore, findLeadsReadyForUpload, markLeadsUploaded, qualifyCompany, runImport, startImport, suppress,
} from '../../../src/features/leads';
import { testDb, type TTestDb } from '../../support/db';
import { createPerson, type TPerson } from '../../support/world';
import { actorOf, as, failsWith } from '../data/leads/support';
import { onPglite } from './http';

let h: TTestDb;
beforeAll(async () => {
  h = await testDb();
});
afterAll(async () => h?.close());

const FIELDS = [
  { label: 'Plan', type: 'text' as const },
  { label: 'Seats', type: 'number' as const },
  { label: 'Renewal', type: 'date' as const },
  { label: 'Deck', type: 'url' as const },
];

async function seedOrg(db: Db, p: TPerson) {
  await withUser(db, p.claims, async (tx) => {
    const actor = actorOf(p);
    for (const f of FIELDS) await createCustomField(tx, actor, f);
    const vip = await createTag(tx, actor, { name: 'vip' });
    const beta = await createTag(tx, actor, { name: 'beta tester' });
    const q1 = await createList(tx, actor, { name: 'Q1, EMEA' });
    const acme = await createCompany(tx, actor, {
      name: 'Acme Robotics GmbH', domain: 'acme-robotics.de', website: 'https://www.acme-robotics.de/en', industry: 'Machinery', sizeRange: '51-200',
      employeeCount: 120, revenue: 25_000_000, linkedinUrl: 'https://www.linkedin.com/company/acme-robotics', phone: '+49301234567', city: 'Berlin',
      state: 'Berlin', country: 'DE', description: 'Robots, "industrial" & friendly;\nsecond line',
    });
    await qualifyCompany(tx, actor, acme.id, { score: 8, reasoning: 'good' });
    await createLead(tx, actor, {
      email: 'zoe.test@acme-robotics.de', firstName: 'Zoë', lastName: "O'Brien-Müller", phone: '+49 30 7654321', whatsapp: '+4915112345678',
      title: '=Head of Ops', seniority: 'director', department: 'Operations', linkedinUrl: 'https://www.linkedin.com/in/zoe-obrien', website: 'zoe.dev/about',
      city: 'Berlin', state: 'Berlin', country: 'Germany', timezone: 'Europe/Berlin', status: 'interested', source: 'conference',
      companyId: acme.id, customFields: { plan: '@enterprise', seats: -12.5, renewal: '2027-01-31', deck: 'https://acme.io/deck' },
      tagIds: [vip.id, beta.id], listIds: [q1.id],
    });
    await createLead(tx, actor, { email: 'no.company@gmail.com', firstName: 'Solo', status: 'new' });
    await createLead(tx, actor, { linkedinUrl: 'linkedin.com/in/only-linkedin', firstName: 'Link', lastName: 'Only', title: '+1 trick', companyName: 'Tiny Co' });
    await createLead(tx, actor, { email: 'multi@acme-robotics.de', fullName: 'Ana de la Cruz', companyId: acme.id, tagIds: [vip.id], customFields: { seats: 3 } });
  });
}

async function exportText(p: TPerson, format: 'csv' | 'xlsx'): Promise<Uint8Array> {
  const x = await exportLeads((fn) => withUser(h.db, p.claims, fn), actorOf(p), { format });
  return new Uint8Array(await new Response(x.stream).arrayBuffer());
}

async function importInto(p: TPerson, bytes: Uint8Array, fileName: string) {
  const proposal = await as(h.db, p, (tx) => startImport(tx, actorOf(p), { bytes, fileName }));
  expect(proposal.warnings).toEqual([]);
  expect(proposal.mapping.columns.every((c) => c.target !== null)).toBe(true);
  await as(h.db, p, (tx) => confirmImport(tx, actorOf(p), proposal.import.id, { mapping: proposal.mapping }));
  const s = await runImport({ db: h.db }, { importId: proposal.import.id, orgId: p.orgId });
  expect(s).toMatchObject({ created: 4, rejected: 0, skippedDuplicate: 0 });
  return proposal;
}

const body = (csv: Uint8Array) => Buffer.from(csv).toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');

describe.skipIf(onPglite())('export → import round trip', () => {
  it('loses nothing through CSV', async () => {
    const a = await createPerson(h.db, { orgName: 'Source' });
    const b = await createPerson(h.db, { orgName: 'Target' });
    await seedOrg(h.db, a);
    for (const f of FIELDS) await as(h.db, b, (tx) => createCustomField(tx, actorOf(b), f));
    const first = await exportText(a, 'csv');
    const lines = body(first);
    expect(lines[0]).toBe(
      'Email,First Name,Last Name,Phone,WhatsApp,Title,Seniority,Department,LinkedIn URL,Personal Website,City,State,Country,Timezone,Status,Source,Tags,Lists,' +
        'Company,Company Domain,Company Website,Industry,Company Size,Employee Count,Annual Revenue,Company LinkedIn URL,Company Phone,Company City,' +
        'Company State,Company Country,Company Description,Fit Score,Deck,Plan,Renewal,Seats',
    );
    expect(lines.join('\n')).toContain("'=Head of Ops");
    expect(lines.join('\n')).toContain("'@enterprise");
    expect(lines.join('\n')).toContain("'-12.5");
    const proposal = await importInto(b, first, 'roundtrip.csv');
    expect(proposal.layout).toBe('leadpilot');
    const second = await exportText(b, 'csv');
    expect(body(second)[0]).toBe(lines[0]);
    expect(body(second).slice(1).sort()).toEqual(lines.slice(1).sort());
    // the fit score came along with a snapshot
    const snaps = await as(h.db, b, (tx) => rows<{ score: number }>(tx, sql`select score::int as score from company_snapshots`));
    expect(snaps).toEqual([{ score: 8 }]);
  });

  it('loses nothing through XLSX', async () => {
    const a = await createPerson(h.db, { orgName: 'Source X' });
    const b = await createPerson(h.db, { orgName: 'Target X' });
    await seedOrg(h.db, a);
    for (const f of FIELDS) await as(h.db, b, (tx) => createCustomField(tx, actorOf(b), f));
    await importInto(b, await exportText(a, 'xlsx'), 'roundtrip.xlsx');
    expect(body(await exportText(b, 'csv')).sort()).toEqual(body(await exportText(a, 'csv')).sort());
  });
});

describe.skipIf(onPglite())('seed 001 view and functions under RLS', () => {
  it('answer for the caller\'s organization only', async () => {
    const a = await createPerson(h.db, { orgName: 'Intent A' });
    const b = await createPerson(h.db, { orgName: 'Intent B' });
    const setup = async (p: TPerson, tier: 'hot' | 'warm') =>
      as(h.db, p, async (tx) => {
        const c = await createCompany(tx, actorOf(p), { name: `${tier} co`, domain: `${tier}-${p.orgId.slice(0, 8)}.io`, industry: 'Finance' });
        await addIntentSignals(tx, actorOf(p), c.id, { signals: Array.from({ length: tier === 'hot' ? 3 : 1 }, (_, i) => ({ signalType: `s${i}`, strength: 'high' as const })) });
        const l1 = await createLead(tx, actorOf(p), { email: `one@${tier}-${p.orgId.slice(0, 8)}.io`, companyId: c.id });
        const l2 = await createLead(tx, actorOf(p), { email: `two@${tier}-${p.orgId.slice(0, 8)}.io`, companyId: c.id });
        await createLead(tx, actorOf(p), { email: `cold@nowhere-${p.orgId.slice(0, 8)}.io` });
        return { l1, l2 };
      });
    const la = await setup(a, 'hot');
    await setup(b, 'warm');
    expect(await as(h.db, a, (tx) => getIntentBreakdown(tx, a.orgId))).toEqual({ hotCount: 2, warmCount: 0, coldCount: 1, totalCount: 3, hotPercentage: 66.7, warmPercentage: 0 });
    const viewRows = await as(h.db, a, (tx) => rows<{ org_id: string }>(tx, sql`select org_id from lead_intent_breakdown`));
    expect(viewRows).toEqual([{ org_id: a.orgId }]);
    // asking for B's organization through the functions returns nothing: RLS applies inside them
    expect(await as(h.db, a, (tx) => findLeadsByIntentScore(tx, b.orgId, 'warm'))).toEqual([]);
    expect(await as(h.db, a, (tx) => findLeadsReadyForUpload(tx, b.orgId, 'cold'))).toEqual([]);
    expect(await as(h.db, a, (tx) => rows(tx, sql`select * from get_platform_upload_stats(${b.orgId}::uuid)`))).toEqual([]);
    expect((await as(h.db, a, (tx) => findLeadsByIntentScore(tx, a.orgId, 'hot'))).map((x) => x.email).sort()).toEqual([la.l1.email, la.l2.email].sort());
    expect((await as(h.db, a, (tx) => findLeadsByIntentScore(tx, a.orgId, 'cold'))).length).toBe(1);
    // ready for upload: hot and warm, never suppressed or already uploaded
    await as(h.db, a, (tx) => suppress(tx, { orgId: a.orgId, value: la.l2.email!, reason: 'unsubscribe' }));
    const ready = await as(h.db, a, (tx) => findLeadsReadyForUpload(tx, a.orgId, 'warm'));
    expect(ready.map((r) => [r.email, r.intentTier, r.platform])).toEqual([[la.l1.email, 'hot', 'finance-platform']]);
    expect(await as(h.db, a, (tx) => findLeadsReadyForUpload(tx, a.orgId, 'hot'))).toHaveLength(1);
    expect(await as(h.db, a, (tx) => markLeadsUploaded(tx, a.orgId, [la.l1.id], 'finance-platform'))).toBe(1);
    expect(await as(h.db, a, (tx) => findLeadsReadyForUpload(tx, a.orgId, 'warm'))).toEqual([]);
    expect(await as(h.db, a, (tx) => rows(tx, sql`select platform_name, uploaded_count from get_platform_upload_stats(${a.orgId}::uuid)`))).toEqual([{ platform_name: 'finance-platform', uploaded_count: 1 }]);
    await failsWith(as(h.db, a, (tx) => findLeadsByIntentScore(tx, a.orgId, 'tepid' as 'hot')), 'INVALID_INPUT', /hot, warm or cold/);
    // anon cannot call them at all
    await expect(h.db.transaction(async (tx) => {
      await tx.execute(sql`set local role anon`);
      await tx.execute(sql`select * from get_leads_by_intent_score(${a.orgId}::uuid, 'hot')`);
    })).rejects.toThrow();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, sql } from '../../../../src/db';
import {
  getOrganization, patchOrganization, updateOrganization, ZOrganizationForm, ZUpdateOrganization, type TUpdateOrganization,
} from '../../../../src/features/accounts';
import { testDb, type TTestDb } from '../../../support/db';
import { as, auditActions, expectCode, team } from './helpers';

let h: TTestDb;
beforeAll(async () => {
  h = await testDb();
});
afterAll(async () => h?.close());

const valid: TUpdateOrganization = ZUpdateOrganization.parse({
  name: 'Renamed Co',
  timezone: 'Europe/Berlin',
  sendWindowStart: '08:30',
  sendWindowEnd: '18:00',
  sendDays: [1, 2, 3, 4, 5, 6],
  postalAddress: '1 Main St, Springfield',
  businessContext: { company_name: 'Renamed', tone: 'friendly', key_pain_points: 'slow sales\n\n manual research \n', cta: '' },
});

const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('organization settings', () => {
  it('the shared schema refuses a bad time zone, a window that ends before it starts and no sending day', () => {
    const r = ZUpdateOrganization.safeParse({ ...valid, timezone: 'Mars/Olympus', sendWindowStart: '17:00', sendWindowEnd: '09:00', sendDays: [] });
    expect(r.success).toBe(false);
    const f = fieldsOf(r);
    expect(f.timezone).toMatch(/time zone/);
    expect(f.sendDays).toMatch(/at least one/);
    const w = ZUpdateOrganization.safeParse({ ...valid, sendWindowStart: '17:00', sendWindowEnd: '09:00' });
    expect(fieldsOf(w).sendWindowEnd).toMatch(/end after it starts/);
    expect(fieldsOf(ZUpdateOrganization.safeParse({ ...valid, sendWindowStart: '25:00' })).sendWindowStart).toMatch(/HH:MM/);
    expect(ZUpdateOrganization.safeParse({ ...valid, sendDays: [0, 8] }).success).toBe(false);
  });

  it('the form schema nests business-context fields and treats no ticked day as none', () => {
    const form = new FormData();
    form.set('name', 'Form Co');
    form.set('timezone', 'UTC');
    form.set('sendWindowStart', '09:00');
    form.set('sendWindowEnd', '17:00');
    form.set('businessContext.industry', 'Logistics');
    form.set('businessContext.case_studies', 'A\nB');
    const obj = Object.fromEntries(form);
    const r = ZOrganizationForm.safeParse(obj);
    expect(fieldsOf(r).sendDays).toMatch(/at least one sending day/);
    const ok = ZOrganizationForm.parse({ ...obj, sendDays: ['1', '3'] });
    expect(ok.sendDays).toEqual([1, 3]);
    expect(ok.businessContext).toMatchObject({ industry: 'Logistics', case_studies: ['A', 'B'] });
  });

  it('owners and admins save settings; lists are trimmed; the change is audited', async () => {
    const t = await team(h.db);
    const org = await as(h.db, t.admin, (tx) => updateOrganization(tx, t.a.admin, valid));
    expect(org).toMatchObject({ name: 'Renamed Co', timezone: 'Europe/Berlin', sendDays: [1, 2, 3, 4, 5, 6], postalAddress: '1 Main St, Springfield' });
    expect(org.sendWindowStart.slice(0, 5)).toBe('08:30');
    expect(org.businessContext).toEqual({ company_name: 'Renamed', tone: 'friendly', key_pain_points: ['slow sales', 'manual research'], case_studies: [] });
    expect((await auditActions(h.db, t.owner.orgId)).some((a) => a.action === 'organization.updated' && a.actor_id === t.admin.userId)).toBe(true);
  });

  it('the service refuses a bad time zone and an inverted window even without the schema', async () => {
    const t = await team(h.db);
    const e = await expectCode(as(h.db, t.owner, (tx) => updateOrganization(tx, t.a.owner, { ...valid, timezone: 'Not/AZone' })), 'INVALID_INPUT');
    expect(e.fields?.timezone).toBeDefined();
    const w = await expectCode(as(h.db, t.owner, (tx) => updateOrganization(tx, t.a.owner, { ...valid, sendWindowStart: '18:00', sendWindowEnd: '08:00' })), 'INVALID_INPUT');
    expect(w.fields?.sendWindowEnd?.[0]).toMatch(/end after it starts/);
    // And the database's own checks stand behind both.
    await expectCode(asService(h.db, (tx) => tx.execute(sql`update public.organizations set timezone = 'Nowhere/Land' where id = ${t.owner.orgId}::uuid`)), 'INVALID_INPUT');
    await expectCode(asService(h.db, (tx) => tx.execute(sql`update public.organizations set send_window_start = '18:00', send_window_end = '08:00' where id = ${t.owner.orgId}::uuid`)), 'INVALID_INPUT');
    const org = await as(h.db, t.owner, (tx) => getOrganization(tx, t.owner.orgId));
    expect(org.timezone).toBe('UTC');
  });

  it('members cannot change settings', async () => {
    const t = await team(h.db);
    await expectCode(as(h.db, t.member, (tx) => updateOrganization(tx, t.a.member, valid)), 'FORBIDDEN');
    const row = await asService(h.db, (tx) => one<{ name: string }>(tx, sql`select name from public.organizations where id = ${t.owner.orgId}::uuid`));
    expect(row?.name).toBe('Test Org');
  });

  it('PATCH semantics: given fields over stored ones; business-context keys merge, "" or null clears', async () => {
    const t = await team(h.db);
    await as(h.db, t.owner, (tx) => updateOrganization(tx, t.a.owner, valid));
    const org = await as(h.db, t.owner, (tx) =>
      patchOrganization(tx, t.a.owner, { sendDays: [7, 6], businessContext: { industry: 'Retail', company_name: '', tone: null } }),
    );
    expect(org.name).toBe('Renamed Co');
    expect(org.sendDays).toEqual([6, 7]);
    expect(org.businessContext).toMatchObject({ industry: 'Retail', key_pain_points: ['slow sales', 'manual research'] });
    expect(org.businessContext.company_name).toBeUndefined();
    expect(org.businessContext.tone).toBeUndefined();
    await expectCode(as(h.db, t.owner, (tx) => patchOrganization(tx, t.a.owner, { sendWindowEnd: '08:00' })), 'INVALID_INPUT');
  });
});

import { describe, expect, it } from 'vitest';
import { compileMapping, normaliseImportRow, type TRowOutcome } from '../../../src/features/leads/import-row';
import { proposeMapping, type TCustomFieldDef } from '../../../src/features/leads/layouts';

const defs: TCustomFieldDef[] = [
  { key: 'plan', label: 'Plan', type: 'text' },
  { key: 'seats', label: 'Seats', type: 'number' },
  { key: 'renewal', label: 'Renewal', type: 'date' },
  { key: 'deck', label: 'Deck', type: 'url' },
];
function run(headers: string[], cells: string[]): TRowOutcome {
  return normaliseImportRow(cells, compileMapping(proposeMapping(headers, defs), defs));
}
const lead = (o: TRowOutcome) => {
  if (!o.ok) throw new Error(o.reason);
  return o.lead;
};

describe('normaliseImportRow', () => {
  it('stores a full row in normal form', () => {
    const l = lead(run(
      ['Email', 'Full Name', 'Phone', 'Country', 'Company', 'Company Website', 'Title', 'Status', 'Tags', 'Lists', 'Plan', 'Seats', 'Renewal', 'Deck', 'Timezone'],
      [' Jane@Acme.COM ', 'Dr. Jane van Dyke', '030 123456', 'Germany', 'Acme GmbH', 'https://www.acme.de/', 'CTO', 'Contacted', 'vip; beta, VIP', 'Q1; EMEA, DACH', 'gold', '12', '2025-01-31', 'acme.de/deck', 'europe/berlin'],
    ));
    expect(l).toEqual({
      email: 'jane@acme.com', phone: '+4930123456', whatsapp: null, firstName: 'Jane', lastName: 'van Dyke', title: 'CTO', seniority: null,
      department: null, linkedinUrl: null, website: null, city: null, state: null, country: 'DE', timezone: 'Europe/Berlin', status: 'contacted',
      source: null, customFields: { plan: 'gold', seats: 12, renewal: '2025-01-31', deck: 'https://acme.de/deck' },
      tags: ['vip', 'beta'], lists: ['Q1', 'EMEA, DACH'],
      company: {
        name: 'Acme GmbH', domain: 'acme.de', website: 'https://acme.de', industry: null, sizeRange: null, employeeCount: null, revenue: null,
        linkedinUrl: null, phone: null, city: null, state: null, country: null, description: null, fitScore: null,
      },
    });
  });

  it('derives the company domain from a business email, never from webmail', () => {
    expect(lead(run(['Email', 'Company'], ['a@initech.com', 'Initech'])).company).toMatchObject({ name: 'Initech', domain: 'initech.com' });
    expect(lead(run(['Email', 'Company'], ['a@gmail.com', 'Initech'])).company).toMatchObject({ name: 'Initech', domain: null });
    expect(lead(run(['Email'], ['a@initech.com'])).company).toBeNull();
    expect(lead(run(['Email', 'Website'], ['a@gmail.com', 'initech.com'])).company).toMatchObject({ name: 'initech.com', domain: 'initech.com' });
  });

  it('restores neutralised cells from a LeadPilot export', () => {
    const l = lead(run(['Email', 'Phone', 'Title'], ['a@x.io', "'+4930123456", "'=Chief"]));
    expect(l.phone).toBe('+4930123456');
    expect(l.title).toBe('=Chief');
  });

  it('treats n/a-style placeholders as empty in structured fields', () => {
    const l = lead(run(['Email', 'Phone', 'LinkedIn URL', 'Website'], ['a@x.io', 'N/A', '-', 'null']));
    expect([l.phone, l.linkedinUrl, l.company]).toEqual([null, null, null]);
  });

  it('takes the first non-empty of several columns mapped to one field', () => {
    const l = lead(run(['Email', 'Work Direct Phone', 'Mobile Phone', 'Country'], ['a@x.io', '', '+1 212 555 0187', 'US']));
    expect(l.phone).toBe('+12125550187');
  });

  it.each([
    [['Email'], ['not-an-email'], /is not a valid email address/],
    [['Email', 'Phone'], ['a@x.io', '12345'], /no country code/],
    [['Email', 'Phone', 'Country'], ['a@x.io', '12', 'DE'], /not a valid phone number for DE/],
    [['Email', 'LinkedIn URL'], ['a@x.io', 'twitter.com/jane'], /not a LinkedIn URL/],
    [['Company', 'City'], ['Acme', 'Berlin'], /no email, name or LinkedIn URL/],
    [['Email', 'Status'], ['a@x.io', 'maybe'], /Status "maybe" is not one of/],
    [['Email', 'Seats'], ['a@x.io', 'many'], /Seats "many" is not a number/],
    [['Email', 'Renewal'], ['a@x.io', '31/31/2024'], /Renewal "31\/31\/2024" is not a date/],
    [['Email', 'Title'], ['a@x.io', 'x'.repeat(301)], /Title is longer than 300 characters/],
    [['Email', 'Industry'], ['a@x.io', 'Software'], /company details but no company name/],
    [['Email', 'Company', 'Employees'], ['a@x.io', 'Acme', 'loads'], /Employee count "loads" is not a number/],
    [['Email', 'Company', 'Fit Score'], ['a@x.io', 'Acme', '11'], /Fit score "11"/],
    [['Email', 'Timezone'], ['a@x.io', 'Moon/Base'], /not an IANA time zone/],
    [['Email', 'Company', 'Company Website'], ['a@x.io', 'Acme', 'not a site'], /not a web address/],
  ])('rejects %j = %j with a reason', (headers, cells, reason) => {
    const o = run(headers, cells);
    expect(o.ok).toBe(false);
    expect((o as { reason: string }).reason).toMatch(reason);
  });

  it('splits locations into city, state and country', () => {
    const l = lead(run(['Email', 'Location', 'Phone'], ['a@x.io', 'Munich, Bavaria, Germany', '089 1234567']));
    expect([l.city, l.state, l.country, l.phone]).toEqual(['Munich', 'Bavaria', 'DE', '+49891234567']);
  });

  it('puts an employee range into the size field', () => {
    const l = lead(run(['Email', 'Company', 'Employees', 'Annual Revenue'], ['a@x.io', 'Acme', '51-200', '$2.5M']));
    expect(l.company).toMatchObject({ sizeRange: '51-200', employeeCount: null, revenue: 2_500_000 });
  });
});

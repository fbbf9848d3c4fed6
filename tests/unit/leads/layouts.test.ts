import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, openSheet } from '../../../src/features/leads/file-reader';
import { EXPORT_COLUMNS } from '../../../src/features/leads/fields';
import { detectLayout, mappingProblem, proposeMapping, type TMapping } from '../../../src/features/leads/layouts';
import { compileMapping, normaliseImportRow } from '../../../src/features/leads/import-row';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/leads');

async function load(name: string) {
  const bytes = readFileSync(path.join(FIXTURES, name));
  const sheet = await openSheet(bytes, detectFormat(bytes, name));
  const rows: string[][] = [];
  for await (const b of sheet.batches) rows.push(...b.map((r) => r.cells));
  return { headers: sheet.headers, rows };
}
const targets = (m: TMapping) => Object.fromEntries(m.columns.filter((c) => c.target).map((c) => [c.header, c.target]));

describe('vendor layouts', () => {
  it('recognises an Apollo export and maps its columns', async () => {
    const { headers, rows } = await load('apollo.csv');
    expect(detectLayout(headers)).toBe('apollo');
    const m = proposeMapping(headers);
    expect(targets(m)).toMatchObject({
      'First Name': 'first_name', 'Last Name': 'last_name', Title: 'title', Company: 'company.name', Email: 'email',
      Seniority: 'seniority', Departments: 'department', 'Work Direct Phone': 'phone', 'Mobile Phone': 'phone',
      'Corporate Phone': 'company.phone', '# Employees': 'company.employee_count', Industry: 'company.industry',
      'Person Linkedin Url': 'linkedin_url', Website: 'company.website', 'Company Linkedin Url': 'company.linkedin_url',
      City: 'city', State: 'state', Country: 'country', 'Annual Revenue': 'company.revenue',
    });
    expect(targets(m)['Apollo Contact Id']).toBeUndefined();
    const out = rows.map((r) => normaliseImportRow(r, compileMapping(m, [])));
    expect(out[0]).toMatchObject({
      ok: true,
      lead: {
        email: 'maria.gonzalez@acmerobotics.com', firstName: 'Maria', lastName: 'Gonzalez', phone: '+14155550134', country: 'US',
        linkedinUrl: 'https://www.linkedin.com/in/mariagonzalez', title: 'VP of Engineering',
        company: { name: 'Acme Robotics', domain: 'acmerobotics.com', website: 'http://acmerobotics.com', employeeCount: 250, revenue: 25_000_000, linkedinUrl: 'https://www.linkedin.com/company/acme-robotics', phone: '+14155550100' },
      },
    });
    expect(out[1]).toMatchObject({ ok: true, lead: { phone: '+49301234567', country: 'DE', linkedinUrl: 'https://www.linkedin.com/in/jonas-weber-123', company: { name: 'Müller Maschinenbau GmbH', domain: 'mueller-maschinenbau.de', revenue: 12_000_000 } } });
  });

  it('recognises a HubSpot export', async () => {
    const { headers, rows } = await load('hubspot.csv');
    expect(detectLayout(headers)).toBe('hubspot');
    const m = proposeMapping(headers);
    expect(targets(m)).toMatchObject({
      'First Name': 'first_name', Email: 'email', 'Phone Number': 'phone', 'Mobile Phone Number': 'phone', 'Job Title': 'title',
      'Company Name': 'company.name', 'Website URL': 'company.website', 'State/Region': 'state', 'Country/Region': 'country',
      'Number of Employees': 'company.employee_count', 'Annual Revenue': 'company.revenue',
    });
    expect(targets(m)['Lead Status']).toBeUndefined();
    expect(targets(m)['Record ID']).toBeUndefined();
    const out = rows.map((r) => normaliseImportRow(r, compileMapping(m, [])));
    expect(out[0]).toMatchObject({ ok: true, lead: { phone: '+12125550187', status: null, company: { domain: 'cyberdyne.io', employeeCount: 1200 } } });
    expect(out[1]).toMatchObject({ ok: true, lead: { phone: '+33612345678', country: 'FR', company: { domain: 'exemple.fr', website: 'https://exemple.fr' } } });
  });

  it('recognises a Hunter export', async () => {
    const { headers, rows } = await load('hunter.csv');
    expect(detectLayout(headers)).toBe('hunter');
    const m = proposeMapping(headers);
    expect(targets(m)).toMatchObject({
      'Email address': 'email', 'First name': 'first_name', 'Last name': 'last_name', Position: 'title', Department: 'department',
      Seniority: 'seniority', 'LinkedIn URL': 'linkedin_url', 'Phone number': 'phone', 'Domain name': 'company.domain', Organization: 'company.name',
    });
    expect(targets(m)['Confidence score']).toBeUndefined();
    const out = rows.map((r) => normaliseImportRow(r, compileMapping(m, [])));
    expect(out[0]).toMatchObject({ ok: true, lead: { email: 'anna.schmidt@stripe.com', company: { name: 'Stripe', domain: 'stripe.com' } } });
    expect(out[1]).toMatchObject({ ok: true, lead: { email: 'ops@stripe.com', firstName: null, phone: '+18889262289' } });
  });

  it('recognises a LinkedIn Sales Navigator export and prefers the public profile URL', async () => {
    const { headers, rows } = await load('linkedin-sales-navigator.csv');
    expect(detectLayout(headers)).toBe('linkedin_sales_navigator');
    const m = proposeMapping(headers);
    expect(targets(m)).toMatchObject({
      firstName: 'first_name', lastName: 'last_name', fullName: 'full_name', companyName: 'company.name', title: 'title',
      defaultProfileUrl: 'linkedin_url', regularCompanyUrl: 'company.linkedin_url',
      industry: 'company.industry', location: 'location', companyLocation: 'company.location',
    });
    expect(targets(m).profileUrl).toBeUndefined();
    expect(targets(m).linkedInProfileUrl).toBeUndefined();
    const out = normaliseImportRow(rows[0]!, compileMapping(m, []));
    expect(out).toMatchObject({
      ok: true,
      lead: {
        firstName: 'Tom', lastName: 'Baker', email: null, city: 'Seattle',
        company: { name: 'Northwind Traders', domain: null, city: 'Seattle', state: 'Washington', country: 'US', linkedinUrl: 'https://www.linkedin.com/company/northwind-traders' },
      },
    });
    expect((out as { lead: { linkedinUrl: string } }).lead.linkedinUrl).toBe('https://www.linkedin.com/in/tom-baker-42');
  });

  it('falls back to the member-id URL, then to the Sales Navigator URL', () => {
    const withId = proposeMapping(['profileUrl', 'firstName', 'lastName', 'companyName', 'vmid', 'linkedInProfileUrl']);
    expect(targets(withId).linkedInProfileUrl).toBe('linkedin_url');
    expect(targets(withId).profileUrl).toBeUndefined();
    const bare = proposeMapping(['profileUrl', 'firstName', 'lastName', 'companyName', 'vmid', 'titleDescription']);
    expect(targets(bare).profileUrl).toBe('linkedin_url');
  });

  it('recognises LinkedIn connection exports', () => {
    const headers = ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'];
    expect(detectLayout(headers)).toBe('linkedin_connections');
    expect(targets(proposeMapping(headers))).toEqual({ 'First Name': 'first_name', 'Last Name': 'last_name', URL: 'linkedin_url', 'Email Address': 'email', Company: 'company.name', Position: 'title' });
  });
});

describe('mapping proposals', () => {
  it('maps LeadPilot export headers exactly', () => {
    const headers = [...EXPORT_COLUMNS.map((c) => c.header), 'Plan Tier'];
    expect(detectLayout(headers)).toBe('leadpilot');
    const m = proposeMapping(headers, [{ key: 'plan_tier', label: 'Plan Tier', type: 'text' }]);
    for (const c of EXPORT_COLUMNS) expect(m.columns.find((x) => x.header === c.header)!.target).toBe(c.target);
    expect(m.columns.at(-1)!.target).toBe('custom.plan_tier');
  });

  it('matches custom fields by key or label before synonyms, and leaves unknown columns unmapped', () => {
    const m = proposeMapping(['E-Mail Address', 'nps', 'Favourite colour', 'Region'], [{ key: 'nps', label: 'NPS score', type: 'number' }, { key: 'region_code', label: 'Region', type: 'text' }]);
    expect(m.columns.map((c) => c.target)).toEqual(['email', 'custom.nps', null, 'custom.region_code']);
    expect(detectLayout(['E-Mail Address'])).toBe('generic');
  });

  it('reports a header with no email, name or LinkedIn column', () => {
    expect(mappingProblem(proposeMapping(['Company', 'Website', 'City']))).toMatch(/No column is mapped to Email/);
    expect(mappingProblem(proposeMapping(['Full Name', 'Company']))).toBeNull();
  });
});

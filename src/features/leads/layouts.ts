/**
 * Column layouts of common exports (LinkedIn Sales Navigator, Apollo, HubSpot, Hunter) and the
 * proposed mapping of a file's header row to lead, company and custom fields. Pure: no I/O.
 *
 * Precedence for each column: (1) a canonical LeadPilot export header, (2) a custom field whose key or
 * label equals the header, (3) the detected vendor layout's own map, (4) generic synonyms. A target
 * that several columns map to takes the first non-empty value in column order, except that a layout
 * can name fallback columns (in priority order) used only when no other column maps to their target.
 */
import { EXPORT_COLUMNS, SYNONYMS, headerKey, type TTarget } from './fields';

export type TLayoutId = 'leadpilot' | 'linkedin_sales_navigator' | 'linkedin_connections' | 'apollo' | 'hubspot' | 'hunter' | 'generic';

type TLayout = {
  id: Exclude<TLayoutId, 'leadpilot' | 'generic'>;
  name: string;
  /** Headers characteristic of this export (exact, case-insensitive). */
  distinctive: string[];
  /** Header → target (null: recognised and deliberately not imported). */
  map: Record<string, TTarget | null>;
  /** Headers used only when nothing else maps to their target. */
  fallback?: Record<string, TTarget>;
};

export const LAYOUTS: TLayout[] = [
  {
    id: 'linkedin_sales_navigator',
    name: 'LinkedIn Sales Navigator',
    distinctive: ['profileUrl', 'defaultProfileUrl', 'linkedInProfileUrl', 'vmid', 'regularCompanyUrl', 'titleDescription', 'durationInRole', 'durationInCompany', 'sharedConnectionsCount', 'Sales Navigator Profile URL', 'companyLocation'],
    map: {
      fullName: 'full_name',
      firstName: 'first_name',
      lastName: 'last_name',
      companyName: 'company.name',
      title: 'title',
      defaultProfileUrl: 'linkedin_url',
      'LinkedIn Profile URL': 'linkedin_url',
      regularCompanyUrl: 'company.linkedin_url',
      companyUrl: null,
      industry: 'company.industry',
      location: 'location',
      companyLocation: 'company.location',
      summary: null,
      titleDescription: null,
      durationInRole: null,
      durationInCompany: null,
      pastExperienceCompanyName: null,
      pastExperienceCompanyUrl: null,
      pastExperienceCompanyTitle: null,
      pastExperienceDate: null,
      pastExperienceDuration: null,
      connectionDegree: null,
      profileImageUrl: null,
      sharedConnectionsCount: null,
      name: null,
      vmid: null,
      companyId: null,
      isPremium: null,
      isOpenLink: null,
      query: null,
      timestamp: null,
      'Sales Navigator Profile URL': null,
    },
    // In priority order: the public profile URL (an internal id) before the Sales Navigator URL.
    fallback: { linkedInProfileUrl: 'linkedin_url', profileUrl: 'linkedin_url', name: 'full_name' },
  },
  {
    id: 'linkedin_connections',
    name: 'LinkedIn connections',
    distinctive: ['Connected On', 'URL'],
    map: {
      'First Name': 'first_name',
      'Last Name': 'last_name',
      URL: 'linkedin_url',
      'Email Address': 'email',
      Company: 'company.name',
      Position: 'title',
      'Connected On': null,
    },
  },
  {
    id: 'apollo',
    name: 'Apollo',
    distinctive: ['Apollo Contact Id', 'Apollo Account Id', 'Company Name for Emails', 'Email Status', 'Person Linkedin Url', '# Employees', 'Work Direct Phone', 'Corporate Phone', 'Email Confidence', 'Primary Email Source', 'Company Linkedin Url'],
    map: {
      'First Name': 'first_name',
      'Last Name': 'last_name',
      Title: 'title',
      Company: 'company.name',
      'Company Name': 'company.name',
      'Company Name for Emails': null,
      Email: 'email',
      'Email Status': null,
      'Primary Email Source': null,
      'Email Confidence': null,
      'Primary Email Catch-all Status': null,
      'Primary Email Last Verified At': null,
      Seniority: 'seniority',
      Departments: 'department',
      'Sub Departments': null,
      'Contact Owner': null,
      'Work Direct Phone': 'phone',
      'Mobile Phone': 'phone',
      'Home Phone': null,
      'Corporate Phone': 'company.phone',
      'Other Phone': null,
      Stage: null,
      Lists: null,
      'Last Contacted': null,
      'Account Owner': null,
      '# Employees': 'company.employee_count',
      Industry: 'company.industry',
      Keywords: null,
      'Person Linkedin Url': 'linkedin_url',
      Website: 'company.website',
      'Company Linkedin Url': 'company.linkedin_url',
      'Facebook Url': null,
      'Twitter Url': null,
      City: 'city',
      State: 'state',
      Country: 'country',
      'Company Address': null,
      'Company City': 'company.city',
      'Company State': 'company.state',
      'Company Country': 'company.country',
      'Company Phone': 'company.phone',
      Technologies: null,
      'Annual Revenue': 'company.revenue',
      'Total Funding': null,
      'Latest Funding': null,
      'Latest Funding Amount': null,
      'Last Raised At': null,
      'Email Sent': null,
      'Email Open': null,
      'Email Bounced': null,
      Replied: null,
      Demoed: null,
      'Number of Retail Locations': null,
      'Apollo Contact Id': null,
      'Apollo Account Id': null,
      'Secondary Email': null,
      'Tertiary Email': null,
    },
  },
  {
    id: 'hubspot',
    name: 'HubSpot',
    distinctive: ['Record ID', 'Lifecycle Stage', 'Lead Status', 'Contact owner', 'State/Region', 'Country/Region', 'Website URL', 'Phone Number', 'Mobile Phone Number', 'Create Date', 'Last Activity Date', 'Associated Company'],
    map: {
      'Record ID': null,
      'First Name': 'first_name',
      'Last Name': 'last_name',
      Email: 'email',
      'Phone Number': 'phone',
      'Mobile Phone Number': 'phone',
      'Job Title': 'title',
      'Company Name': 'company.name',
      'Associated Company': null,
      'Website URL': 'company.website',
      City: 'city',
      'State/Region': 'state',
      'Country/Region': 'country',
      'Postal Code': null,
      'Street Address': null,
      Industry: 'company.industry',
      'Number of Employees': 'company.employee_count',
      'Annual Revenue': 'company.revenue',
      'Lifecycle Stage': null,
      'Lead Status': null,
      'Contact owner': null,
      'Create Date': null,
      'Last Activity Date': null,
      'Time Zone': null,
      'Marketing contact status': null,
    },
  },
  {
    id: 'hunter',
    name: 'Hunter',
    distinctive: ['Email address', 'Confidence score', 'Verification status', 'Domain name', 'Organization', 'Twitter handle', 'Number of sources', 'Position'],
    map: {
      'Email address': 'email',
      Email: 'email',
      'First name': 'first_name',
      'Last name': 'last_name',
      Position: 'title',
      Department: 'department',
      Seniority: 'seniority',
      Organization: 'company.name',
      Company: 'company.name',
      'Domain name': 'company.domain',
      Website: 'company.website',
      'Company size': 'company.size_range',
      Industry: 'company.industry',
      Country: 'country',
      'LinkedIn URL': 'linkedin_url',
      LinkedIn: 'linkedin_url',
      Twitter: null,
      'Twitter handle': null,
      'Phone number': 'phone',
      'Confidence score': null,
      Type: null,
      'Number of sources': null,
      'Verification status': null,
      'Verification date': null,
      Sources: null,
      Pattern: null,
    },
  },
];

export const LAYOUT_NAMES: Record<TLayoutId, string> = {
  leadpilot: 'LeadPilot export',
  linkedin_sales_navigator: 'LinkedIn Sales Navigator',
  linkedin_connections: 'LinkedIn connections',
  apollo: 'Apollo',
  hubspot: 'HubSpot',
  hunter: 'Hunter',
  generic: 'Other (matched by column names)',
};

const lc = (s: string) => s.trim().toLowerCase();
const CANONICAL = new Map(EXPORT_COLUMNS.map((c) => [lc(c.header), c.target]));

/** Which export a header row comes from: the layout with the most distinctive headers (at least 2). */
export function detectLayout(headers: string[]): TLayoutId {
  const present = new Set(headers.map(lc));
  const canonicalHits = headers.filter((h) => CANONICAL.has(lc(h))).length;
  let best: { id: TLayoutId; hits: number } = { id: 'generic', hits: 1 };
  for (const l of LAYOUTS) {
    const hits = l.distinctive.filter((d) => present.has(lc(d))).length;
    if (hits > best.hits) best = { id: l.id, hits };
  }
  // A LeadPilot export carries most canonical headers and none of a vendor's distinctive ones.
  if (canonicalHits >= Math.max(8, best.hits * 2) && canonicalHits >= headers.length * 0.6) return 'leadpilot';
  return best.id;
}

export type TCustomFieldDef = { key: string; label: string; type: 'text' | 'number' | 'date' | 'url' };
export type TColumnMapping = { index: number; header: string; target: TTarget | null };
export type TMapping = { columns: TColumnMapping[] };

/** Proposes a target for every column (null: not imported). */
export function proposeMapping(headers: string[], customFields: TCustomFieldDef[] = [], layout: TLayoutId = detectLayout(headers)): TMapping {
  const def = LAYOUTS.find((l) => l.id === layout);
  const layoutMap = new Map(Object.entries(def?.map ?? {}).map(([k, v]) => [lc(k), v]));
  const fallbackMap = new Map(Object.entries(def?.fallback ?? {}).map(([k, v]) => [lc(k), v]));
  const custom = new Map<string, string>();
  for (const f of customFields) {
    custom.set(lc(f.key), f.key);
    custom.set(lc(f.label), f.key);
  }
  const columns: TColumnMapping[] = headers.map((header, index) => {
    const h = lc(header);
    let target: TTarget | null = null;
    if (CANONICAL.has(h)) target = CANONICAL.get(h)!;
    else if (custom.has(h)) target = `custom.${custom.get(h)!}`;
    else if (layoutMap.has(h)) target = layoutMap.get(h)!;
    else if (!fallbackMap.has(h)) target = SYNONYMS[headerKey(header)] ?? null;
    return { index, header, target };
  });
  for (const [header, fb] of fallbackMap) {
    const c = columns.find((o) => lc(o.header) === header);
    if (c && !columns.some((o) => o.target === fb)) c.target = fb;
  }
  return { columns };
}

/** Does the mapping identify a person (an email, a name or a LinkedIn URL)? */
export function mappingProblem(m: TMapping): string | null {
  const targets = new Set(m.columns.map((c) => c.target));
  const identifies = ['email', 'first_name', 'last_name', 'full_name', 'linkedin_url'].some((t) => targets.has(t as TTarget));
  return identifies
    ? null
    : 'No column is mapped to Email or to a name (First name, Last name or Full name) or to a LinkedIn URL. Map at least one of them so each row names a person.';
}

/**
 * The fields a column can be mapped to (import) and the columns an export writes. Export headers are
 * exactly the canonical headers the importer recognises first, so an export imports back losslessly.
 * Pure: no I/O.
 */

/** Lead fields an import column can fill. */
export const LEAD_TARGETS = [
  'email', 'first_name', 'last_name', 'full_name', 'phone', 'whatsapp', 'title', 'seniority', 'department',
  'linkedin_url', 'website', 'city', 'state', 'country', 'location', 'timezone', 'status', 'source', 'tags', 'lists',
] as const;

/** Company fields (the lead's company is found or created by domain, then name). */
export const COMPANY_TARGETS = [
  'company.name', 'company.domain', 'company.website', 'company.industry', 'company.size_range',
  'company.employee_count', 'company.revenue', 'company.linkedin_url', 'company.phone', 'company.city',
  'company.state', 'company.country', 'company.location', 'company.description', 'company.fit_score',
] as const;

export type TLeadTarget = (typeof LEAD_TARGETS)[number];
export type TCompanyTarget = (typeof COMPANY_TARGETS)[number];
/** A mapping target: a lead field, a company field, or `custom.<key>` (a custom field definition). */
export type TTarget = TLeadTarget | TCompanyTarget | `custom.${string}`;

export const CUSTOM_KEY_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;

export function isTarget(t: string): t is TTarget {
  if (t.startsWith('custom.')) return CUSTOM_KEY_PATTERN.test(t.slice(7));
  return (LEAD_TARGETS as readonly string[]).includes(t) || (COMPANY_TARGETS as readonly string[]).includes(t);
}

/** Human labels for the mapping screen. */
export const TARGET_LABELS: Record<TLeadTarget | TCompanyTarget, string> = {
  email: 'Email',
  first_name: 'First name',
  last_name: 'Last name',
  full_name: 'Full name (split into first and last)',
  phone: 'Phone',
  whatsapp: 'WhatsApp',
  title: 'Job title',
  seniority: 'Seniority',
  department: 'Department',
  linkedin_url: 'LinkedIn URL',
  website: 'Personal website',
  city: 'City',
  state: 'State / region',
  country: 'Country',
  location: 'Location (city, region, country)',
  timezone: 'Time zone',
  status: 'Status',
  source: 'Source',
  tags: 'Tags (separated by ; or ,)',
  lists: 'Lists (separated by ;)',
  'company.name': 'Company name',
  'company.domain': 'Company domain',
  'company.website': 'Company website',
  'company.industry': 'Industry',
  'company.size_range': 'Company size (range)',
  'company.employee_count': 'Employee count',
  'company.revenue': 'Annual revenue',
  'company.linkedin_url': 'Company LinkedIn URL',
  'company.phone': 'Company phone',
  'company.city': 'Company city',
  'company.state': 'Company state / region',
  'company.country': 'Company country',
  'company.location': 'Company location',
  'company.description': 'Company description',
  'company.fit_score': 'Fit score (1–10)',
};

/**
 * The canonical export columns, in order. The importer maps these headers first (exact match), so
 * export → import round-trips every stored field. Custom fields follow, headed by their label.
 */
export const EXPORT_COLUMNS: { header: string; target: Exclude<TTarget, `custom.${string}`> }[] = [
  { header: 'Email', target: 'email' },
  { header: 'First Name', target: 'first_name' },
  { header: 'Last Name', target: 'last_name' },
  { header: 'Phone', target: 'phone' },
  { header: 'WhatsApp', target: 'whatsapp' },
  { header: 'Title', target: 'title' },
  { header: 'Seniority', target: 'seniority' },
  { header: 'Department', target: 'department' },
  { header: 'LinkedIn URL', target: 'linkedin_url' },
  { header: 'Personal Website', target: 'website' },
  { header: 'City', target: 'city' },
  { header: 'State', target: 'state' },
  { header: 'Country', target: 'country' },
  { header: 'Timezone', target: 'timezone' },
  { header: 'Status', target: 'status' },
  { header: 'Source', target: 'source' },
  { header: 'Tags', target: 'tags' },
  { header: 'Lists', target: 'lists' },
  { header: 'Company', target: 'company.name' },
  { header: 'Company Domain', target: 'company.domain' },
  { header: 'Company Website', target: 'company.website' },
  { header: 'Industry', target: 'company.industry' },
  { header: 'Company Size', target: 'company.size_range' },
  { header: 'Employee Count', target: 'company.employee_count' },
  { header: 'Annual Revenue', target: 'company.revenue' },
  { header: 'Company LinkedIn URL', target: 'company.linkedin_url' },
  { header: 'Company Phone', target: 'company.phone' },
  { header: 'Company City', target: 'company.city' },
  { header: 'Company State', target: 'company.state' },
  { header: 'Company Country', target: 'company.country' },
  { header: 'Company Description', target: 'company.description' },
  { header: 'Fit Score', target: 'company.fit_score' },
];

/** Lower-case, alphanumerics only: "E-mail Address" → "emailaddress", "# Employees" → "employees". */
export function headerKey(h: string): string {
  return h.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Generic synonyms (by headerKey), used when neither a canonical header nor a vendor layout decides. */
export const SYNONYMS: Record<string, TTarget> = {};
const syn = (target: TTarget, ...keys: string[]) => keys.forEach((k) => (SYNONYMS[k] = target));
syn('email', 'email', 'emailaddress', 'mail', 'workemail', 'businessemail', 'primaryemail', 'personemail', 'emailaddresses', 'contactemail');
syn('first_name', 'firstname', 'first', 'givenname', 'forename', 'vorname', 'prenom');
syn('last_name', 'lastname', 'last', 'surname', 'familyname', 'nachname');
syn('full_name', 'name', 'fullname', 'contactname', 'personname', 'contact', 'leadname');
syn('phone', 'phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone', 'mobilenumber', 'workphone', 'directphone', 'cell', 'cellphone', 'workdirectphone', 'mobilephonenumber');
syn('whatsapp', 'whatsapp', 'whatsappnumber');
syn('title', 'title', 'jobtitle', 'position', 'role', 'jobrole', 'designation', 'jobposition');
syn('seniority', 'seniority', 'senioritylevel');
syn('department', 'department', 'departments', 'jobfunction');
syn('linkedin_url', 'linkedin', 'linkedinurl', 'linkedinprofile', 'linkedinprofileurl', 'personlinkedinurl', 'linkedinprofilelink');
syn('website', 'personalwebsite');
syn('city', 'city', 'town');
syn('state', 'state', 'region', 'stateregion', 'province', 'county');
syn('country', 'country', 'countryregion', 'countrycode', 'land');
syn('location', 'location', 'personlocation');
syn('timezone', 'timezone', 'tz');
syn('status', 'status');
syn('source', 'source', 'leadsource');
syn('tags', 'tags', 'tag', 'labels');
syn('lists', 'lists');
syn('company.name', 'company', 'companyname', 'organization', 'organisation', 'organizationname', 'organisationname', 'account', 'accountname', 'employer', 'firm');
syn('company.domain', 'domain', 'companydomain', 'domainname', 'emaildomain');
syn('company.website', 'website', 'companywebsite', 'websiteurl', 'url', 'homepage', 'web', 'companyurl', 'companywebsiteurl');
syn('company.industry', 'industry', 'companyindustry', 'sector');
syn('company.size_range', 'companysize', 'size', 'employeerange', 'headcountrange', 'sizerange');
syn('company.employee_count', 'employees', 'employeecount', 'numberofemployees', 'headcount', 'companyemployeecount', 'noofemployees');
syn('company.revenue', 'revenue', 'annualrevenue', 'companyrevenue');
syn('company.linkedin_url', 'companylinkedinurl', 'companylinkedin', 'companylinkedinprofile');
syn('company.phone', 'companyphone', 'corporatephone', 'companyphonenumber');
syn('company.city', 'companycity');
syn('company.state', 'companystate', 'companyregion');
syn('company.country', 'companycountry');
syn('company.location', 'companylocation', 'companyaddress');
syn('company.description', 'companydescription');
syn('company.fit_score', 'fitscore');

/**
 * What a variable means (S3): the standard lead, company and sender variables, custom fields, and the
 * human reason a value is missing. Pure: the caller passes the rows it has read.
 */

export type TVariableSource = {
  lead: {
    email?: string | null; firstName?: string | null; lastName?: string | null; fullName?: string | null; title?: string | null;
    seniority?: string | null; department?: string | null; phone?: string | null; linkedinUrl?: string | null; website?: string | null;
    city?: string | null; state?: string | null; country?: string | null; timezone?: string | null; companyName?: string | null;
    customFields?: Record<string, unknown> | null;
  };
  company?: {
    name?: string | null; domain?: string | null; website?: string | null; industry?: string | null; sizeRange?: string | null;
    employeeCount?: number | null; city?: string | null; country?: string | null; customFields?: Record<string, unknown> | null;
  } | null;
  sender?: { name?: string | null; email?: string | null; title?: string | null } | null;
  org?: { name?: string | null; companyName?: string | null } | null;
  /** Values only known per message (unsubscribe_url). */
  extra?: Record<string, string | undefined>;
};

type TDef = { label: string; group: 'Lead' | 'Company' | 'Sender' | 'Links'; get: (s: TVariableSource) => unknown };

const firstWord = (s: string | null | undefined) => (s ? s.trim().split(/\s+/)[0] : undefined);

/** The standard variables, for the variable picker and for validation. Aliases share a definition. */
export const STANDARD_VARIABLES: Record<string, TDef> = {
  first_name: { label: 'first name', group: 'Lead', get: (s) => s.lead.firstName },
  last_name: { label: 'last name', group: 'Lead', get: (s) => s.lead.lastName },
  full_name: { label: 'full name', group: 'Lead', get: (s) => s.lead.fullName ?? [s.lead.firstName, s.lead.lastName].filter(Boolean).join(' ') },
  email: { label: 'email address', group: 'Lead', get: (s) => s.lead.email },
  title: { label: 'job title', group: 'Lead', get: (s) => s.lead.title },
  job_title: { label: 'job title', group: 'Lead', get: (s) => s.lead.title },
  seniority: { label: 'seniority', group: 'Lead', get: (s) => s.lead.seniority },
  department: { label: 'department', group: 'Lead', get: (s) => s.lead.department },
  phone: { label: 'phone number', group: 'Lead', get: (s) => s.lead.phone },
  linkedin_url: { label: 'LinkedIn URL', group: 'Lead', get: (s) => s.lead.linkedinUrl },
  website: { label: 'website', group: 'Lead', get: (s) => s.lead.website ?? s.company?.website },
  city: { label: 'city', group: 'Lead', get: (s) => s.lead.city ?? s.company?.city },
  state: { label: 'state', group: 'Lead', get: (s) => s.lead.state },
  country: { label: 'country', group: 'Lead', get: (s) => s.lead.country ?? s.company?.country },
  company: { label: 'company name', group: 'Company', get: (s) => s.company?.name ?? s.lead.companyName },
  company_name: { label: 'company name', group: 'Company', get: (s) => s.company?.name ?? s.lead.companyName },
  company_domain: { label: 'company domain', group: 'Company', get: (s) => s.company?.domain ?? s.lead.email?.split('@')[1] },
  company_website: { label: 'company website', group: 'Company', get: (s) => s.company?.website },
  industry: { label: 'industry', group: 'Company', get: (s) => s.company?.industry },
  company_size: {
    label: 'company size', group: 'Company',
    get: (s) => s.company?.sizeRange ?? (s.company?.employeeCount ? `${s.company.employeeCount}-person` : undefined),
  },
  sender_name: { label: "sender's name", group: 'Sender', get: (s) => s.sender?.name },
  sender_first_name: { label: "sender's first name", group: 'Sender', get: (s) => firstWord(s.sender?.name) },
  sender_email: { label: "sender's email address", group: 'Sender', get: (s) => s.sender?.email },
  sender_title: { label: "sender's title", group: 'Sender', get: (s) => s.sender?.title },
  my_company: { label: 'your company name', group: 'Sender', get: (s) => s.org?.companyName ?? s.org?.name },
  unsubscribe_url: { label: 'unsubscribe link', group: 'Links', get: (s) => s.extra?.unsubscribe_url },
};

const asText = (v: unknown): string | undefined => {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
};

/** Is this a standard variable (else it is read from custom fields)? */
export const isStandardVariable = (name: string): boolean => Object.hasOwn(STANDARD_VARIABLES, name);

/** Custom-field key a variable names: `custom.key` or a bare non-standard name. */
export function customKeyOf(name: string): string | undefined {
  if (name.startsWith('custom.')) return name.slice('custom.'.length);
  if (name.startsWith('company.custom.')) return undefined;
  return isStandardVariable(name) ? undefined : name;
}

/** A resolver for renderTemplate(): the value of a variable for this source, or undefined. */
export function resolverFor(src: TVariableSource): (name: string) => string | undefined {
  return (name) => {
    if (isStandardVariable(name)) return asText(STANDARD_VARIABLES[name]!.get(src));
    if (name.startsWith('company.custom.')) return asText(src.company?.customFields?.[name.slice('company.custom.'.length)]);
    const key = customKeyOf(name)!;
    return asText(src.lead.customFields?.[key]) ?? asText(src.company?.customFields?.[key]);
  };
}

/** Why a variable has no value, in words a user can act on. */
export function missingReason(name: string): string {
  const def = STANDARD_VARIABLES[name];
  if (def) {
    if (def.group === 'Sender') return `{{${name}}}: the sending mailbox has no ${def.label.replace("sender's ", '')} set, and the template gives no fallback`;
    if (def.group === 'Links') return `{{${name}}}: the ${def.label} is only known when the email is prepared`;
    return `{{${name}}}: this lead has no ${def.label}, and the template gives no fallback (write {{${name}|…}})`;
  }
  const key = name.startsWith('company.custom.') ? name.slice('company.custom.'.length) : customKeyOf(name);
  return `{{${name}}}: this lead has no custom field "${key}", and the template gives no fallback (write {{${name}|…}})`;
}

/** The variable picker's list. */
export function variableCatalog(): { name: string; label: string; group: string }[] {
  const seen = new Set<string>();
  const out: { name: string; label: string; group: string }[] = [];
  for (const [name, d] of Object.entries(STANDARD_VARIABLES)) {
    if (['job_title', 'company_name'].includes(name) || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, label: d.label, group: d.group });
  }
  return out;
}

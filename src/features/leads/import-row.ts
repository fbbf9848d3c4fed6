/**
 * One imported row → the lead (and its company) exactly as it will be stored, or the reason it is
 * rejected. Used by the preview and by the import job, so the preview shows what the import writes.
 * Pure: no I/O. Lengths and formats match the database's checks, so a batch never fails on a value.
 */
import { LEAD_STATUSES, type TCustomFieldType, type TLeadStatus } from '@/db/schema';
import { restoreCell } from './csv-safety';
import { coerceCustomValue, type TCustomValue } from './custom-values';
import { countryCode, normaliseCountry } from './countries';
import type { TTarget } from './fields';
import type { TCustomFieldDef, TMapping } from './layouts';
import {
  FREE_MAIL_DOMAINS, emailDomain, normaliseDomain, normaliseEmail, normaliseLinkedinUrl, normalisePhone, normaliseTimezone,
  normaliseWebsite, parseCount, parseMoney, splitLocation, splitName,
} from './normalise';

export type TImportCompany = {
  name: string;
  domain: string | null;
  website: string | null;
  industry: string | null;
  sizeRange: string | null;
  employeeCount: number | null;
  revenue: number | null;
  linkedinUrl: string | null;
  phone: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  description: string | null;
  fitScore: number | null;
};

export type TImportLead = {
  email: string | null;
  phone: string | null;
  whatsapp: string | null;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  linkedinUrl: string | null;
  website: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  timezone: string | null;
  status: TLeadStatus | null;
  source: string | null;
  customFields: Record<string, TCustomValue>;
  tags: string[];
  lists: string[];
  company: TImportCompany | null;
};

export type TRowOutcome = { ok: true; lead: TImportLead } | { ok: false; reason: string };

export type TCompiledMapping = {
  cols: Map<TTarget, number[]>;
  custom: { key: string; label: string; type: TCustomFieldType; cols: number[] }[];
};

/** Prepares a mapping once per import (column lists per target, custom field types). */
export function compileMapping(mapping: TMapping, customFields: TCustomFieldDef[]): TCompiledMapping {
  const cols = new Map<TTarget, number[]>();
  const defs = new Map(customFields.map((f) => [f.key, f]));
  const custom = new Map<string, TCompiledMapping['custom'][number]>();
  for (const c of mapping.columns) {
    if (!c.target) continue;
    if (c.target.startsWith('custom.')) {
      const key = c.target.slice(7);
      const def = defs.get(key);
      const entry = custom.get(key) ?? { key, label: def?.label ?? c.header, type: def?.type ?? 'text', cols: [] };
      entry.cols.push(c.index);
      custom.set(key, entry);
      continue;
    }
    const list = cols.get(c.target) ?? [];
    list.push(c.index);
    cols.set(c.target, list);
  }
  return { cols, custom: [...custom.values()] };
}

const NULL_TOKEN = /^(?:n\/?a|null|none|nil|-+|\?|#n\/a)$/i;

function cell(cells: string[], i: number): string {
  const raw = cells[i];
  if (raw === undefined || raw === '') return '';
  const v = raw.charCodeAt(0) === 39 ? restoreCell(raw) : raw;
  return v.trim();
}

/** Thrown (and caught here) to reject a row; not an Error, so no stack trace is captured per bad row. */
class Reject {
  constructor(readonly message: string) {}
}

const LIMITS: Partial<Record<string, number>> = {
  first_name: 200, last_name: 200, title: 300, seniority: 100, department: 200, linkedin_url: 500, website: 2000,
  city: 200, state: 200, country: 100, source: 100,
  'company.name': 300, 'company.website': 2000, 'company.industry': 200, 'company.size_range': 50, 'company.linkedin_url': 500,
  'company.phone': 40, 'company.city': 200, 'company.state': 200, 'company.country': 100, 'company.description': 10000,
};
const NAMES: Partial<Record<string, string>> = {
  first_name: 'First name', last_name: 'Last name', title: 'Title', seniority: 'Seniority', department: 'Department',
  city: 'City', state: 'State', country: 'Country', source: 'Source', 'company.name': 'Company name', 'company.industry': 'Industry',
  'company.size_range': 'Company size', 'company.city': 'Company city', 'company.state': 'Company state', 'company.country': 'Company country',
  'company.description': 'Company description', 'company.phone': 'Company phone', 'company.linkedin_url': 'Company LinkedIn URL',
  website: 'Personal website', 'company.website': 'Company website', linkedin_url: 'LinkedIn URL',
};

/** The first non-empty value among the target's columns ('' when none). */
function read(m: TCompiledMapping, cells: string[], t: TTarget, nullable = false): string {
  const idx = m.cols.get(t);
  if (!idx) return '';
  for (const i of idx) {
    const v = cell(cells, i);
    if (v && !(nullable && NULL_TOKEN.test(v))) {
      const max = LIMITS[t];
      if (max && v.length > max) throw new Reject(`${NAMES[t] ?? t} is longer than ${max} characters.`);
      return v;
    }
  }
  return '';
}

const orNull = (s: string) => (s === '' ? null : s);

function ok<T>(r: { value?: T | null; error?: string }): T | null {
  if (r.error) throw new Reject(r.error);
  return r.value ?? null;
}

const STATUS_SET = new Set<string>(LEAD_STATUSES);

function splitNames(v: string, pattern: RegExp, max: number, what: string): string[] {
  if (!v) return [];
  const seen = new Map<string, string>();
  for (const part of v.split(pattern)) {
    const name = part.trim();
    if (!name) continue;
    if (name.length > max) throw new Reject(`${what} "${name.slice(0, 40)}…" is longer than ${max} characters.`);
    if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()];
}

/** Normalises one row; never throws. */
export function normaliseImportRow(cells: string[], m: TCompiledMapping): TRowOutcome {
  try {
    return { ok: true, lead: build(cells, m) };
  } catch (e) {
    if (e instanceof Reject) return { ok: false, reason: e.message };
    throw e;
  }
}

function build(cells: string[], m: TCompiledMapping): TImportLead {
  const email = ok(normaliseEmail(read(m, cells, 'email', true)));
  let firstName = orNull(read(m, cells, 'first_name'));
  let lastName = orNull(read(m, cells, 'last_name'));
  if (!firstName && !lastName) {
    const full = read(m, cells, 'full_name');
    if (full) {
      const s = splitName(full);
      firstName = s.first;
      lastName = s.last;
      if ((firstName?.length ?? 0) > 200 || (lastName?.length ?? 0) > 200) throw new Reject('The name is longer than 200 characters.');
    }
  }
  const linkedinUrl = ok(normaliseLinkedinUrl(read(m, cells, 'linkedin_url', true)));
  if (!email && !firstName && !lastName && !linkedinUrl) throw new Reject('The row has no email, name or LinkedIn URL.');

  let city = orNull(read(m, cells, 'city'));
  let state = orNull(read(m, cells, 'state'));
  let country = normaliseCountry(read(m, cells, 'country', true));
  const location = read(m, cells, 'location');
  if (location) {
    const l = splitLocation(location);
    if (!city && l.city && l.city.length <= 200) city = l.city;
    if (!state && l.state && l.state.length <= 200) state = l.state;
    if (!country && l.country) country = l.country;
  }

  // Company: found or created by domain, then name.
  const companyName = read(m, cells, 'company.name');
  const site = ok(normaliseWebsite(read(m, cells, 'company.website', true)));
  let domain = ok(normaliseDomain(read(m, cells, 'company.domain', true))) ?? site?.domain ?? null;
  if (!domain && companyName && email && !FREE_MAIL_DOMAINS.has(emailDomain(email))) domain = emailDomain(email);
  let companyCountry = normaliseCountry(read(m, cells, 'company.country', true));
  let companyCity = orNull(read(m, cells, 'company.city'));
  let companyState = orNull(read(m, cells, 'company.state'));
  const companyLocation = read(m, cells, 'company.location');
  if (companyLocation) {
    const l = splitLocation(companyLocation);
    if (!companyCity && l.city && l.city.length <= 200) companyCity = l.city;
    if (!companyState && l.state && l.state.length <= 200) companyState = l.state;
    if (!companyCountry && l.country) companyCountry = l.country;
  }
  const region = countryCode(country) ?? countryCode(companyCountry);

  let company: TImportCompany | null = null;
  const extras = {
    industry: orNull(read(m, cells, 'company.industry')),
    sizeRange: orNull(read(m, cells, 'company.size_range')),
    employeeCount: null as number | null,
    revenue: null as number | null,
    linkedinUrl: null as string | null,
    phone: null as string | null,
    description: orNull(read(m, cells, 'company.description')),
    fitScore: null as number | null,
  };
  const employees = read(m, cells, 'company.employee_count', true);
  if (employees) {
    const c = parseCount(employees);
    if (!c) throw new Reject(`Employee count "${employees.slice(0, 40)}" is not a number.`);
    if ('value' in c) {
      if (c.value > 2_147_483_647) throw new Reject(`Employee count "${employees.slice(0, 40)}" is too large.`);
      extras.employeeCount = c.value;
    } else if (!extras.sizeRange) {
      if (c.range.length > 50) throw new Reject('Company size is longer than 50 characters.');
      extras.sizeRange = c.range;
    }
  }
  const revenue = read(m, cells, 'company.revenue', true);
  if (revenue) {
    extras.revenue = parseMoney(revenue);
    if (extras.revenue === null) throw new Reject(`Annual revenue "${revenue.slice(0, 40)}" is not an amount.`);
  }
  const companyLinkedin = read(m, cells, 'company.linkedin_url', true);
  if (companyLinkedin) extras.linkedinUrl = normaliseLinkedinUrl(companyLinkedin).value ?? companyLinkedin;
  const companyPhone = read(m, cells, 'company.phone', true);
  if (companyPhone) extras.phone = normalisePhone(companyPhone, companyCountry ?? country).value ?? companyPhone;
  const fit = read(m, cells, 'company.fit_score', true);
  if (fit) {
    const n = Number(fit);
    if (!Number.isInteger(n) || n < 1 || n > 10) throw new Reject(`Fit score "${fit.slice(0, 20)}" is not a whole number from 1 to 10.`);
    extras.fitScore = n;
  }
  if (companyName || domain) {
    company = {
      name: companyName || domain!,
      domain,
      website: site?.url ?? null,
      city: companyCity,
      state: companyState,
      country: companyCountry,
      ...extras,
    };
  } else if (Object.values(extras).some((v) => v !== null) || site || companyCity || companyState || companyCountry) {
    throw new Reject('The row has company details but no company name, domain or website.');
  }

  const status = read(m, cells, 'status', true).toLowerCase().replace(/[\s-]+/g, '_');
  if (status && !STATUS_SET.has(status)) throw new Reject(`Status "${status.slice(0, 40)}" is not one of ${LEAD_STATUSES.join(', ')}.`);

  const customFields: Record<string, TCustomValue> = {};
  for (const f of m.custom) {
    for (const i of f.cols) {
      const raw = cell(cells, i);
      if (!raw) continue;
      const r = coerceCustomValue(f.type, raw, f.label);
      if ('error' in r) throw new Reject(r.error);
      if (r.value !== null) customFields[f.key] = r.value;
      break;
    }
  }

  const website = ok(normaliseWebsite(read(m, cells, 'website', true)));
  return {
    email,
    phone: ok(normalisePhone(read(m, cells, 'phone', true), region)),
    whatsapp: ok(normalisePhone(read(m, cells, 'whatsapp', true), region)),
    firstName,
    lastName,
    title: orNull(read(m, cells, 'title')),
    seniority: orNull(read(m, cells, 'seniority')),
    department: orNull(read(m, cells, 'department')),
    linkedinUrl,
    website: website?.url ?? null,
    city,
    state,
    country,
    timezone: ok(normaliseTimezone(read(m, cells, 'timezone', true))),
    status: (status || null) as TLeadStatus | null,
    source: orNull(read(m, cells, 'source')),
    customFields,
    tags: splitNames(read(m, cells, 'tags'), /[;,]/, 100, 'Tag'),
    lists: splitNames(read(m, cells, 'lists'), /;/, 200, 'List'),
    company,
  };
}

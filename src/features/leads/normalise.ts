/**
 * Normalisers for imported and entered lead data: emails, phones (E.164 via libphonenumber-js with the
 * row's country as default region), websites → bare domains, LinkedIn URLs → one canonical form,
 * names split and joined. Each returns the stored value, or null for "empty", or throws nothing:
 * invalid input comes back as `{ error }` so the importer can reject the row with that reason.
 * Pure: no I/O.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { countryCode } from './countries';

export type TResult<T> = { value: T | null; error?: undefined } | { value?: undefined; error: string };

const show = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

// ---------------------------------------------------------------------------------------------
// email
// ---------------------------------------------------------------------------------------------
const EMAIL_LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9\u00a0-\uffff-]{1,63}(?<!-)$/;

export function isValidDomain(d: string): boolean {
  if (d.length > 253 || !d.includes('.')) return false;
  const labels = d.split('.');
  const tld = labels[labels.length - 1]!;
  if (!/^(?:[a-z\u00a0-\uffff]{2,63}|xn--[a-z0-9-]{2,59})$/.test(tld)) return false;
  return labels.every((l) => DOMAIN_LABEL.test(l));
}

/** Trimmed, lower-cased, `mailto:` and angle brackets removed, syntax checked. */
export function normaliseEmail(raw: string | null | undefined): TResult<string> {
  if (raw == null) return { value: null };
  let v = raw.trim();
  if (!v) return { value: null };
  v = v.replace(/^mailto:/i, '');
  const angle = /<([^<>]+)>\s*$/.exec(v);
  if (angle) v = angle[1]!;
  v = v.trim().toLowerCase();
  const at = v.lastIndexOf('@');
  const local = at > 0 ? v.slice(0, at) : '';
  const domain = at > 0 ? v.slice(at + 1) : '';
  if (!local || !domain || local.length > 64 || v.length > 254 || !EMAIL_LOCAL.test(local) || !isValidDomain(domain)) {
    return { error: `"${show(raw.trim())}" is not a valid email address.` };
  }
  return { value: v };
}

export const emailDomain = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/** Webmail providers: their domain says nothing about the person's company. */
export const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'ymail.com', 'hotmail.com', 'hotmail.co.uk',
  'hotmail.fr', 'hotmail.de', 'outlook.com', 'outlook.de', 'live.com', 'live.co.uk', 'msn.com', 'aol.com', 'icloud.com', 'me.com',
  'mac.com', 'proton.me', 'protonmail.com', 'pm.me', 'gmx.de', 'gmx.net', 'gmx.com', 'web.de', 't-online.de', 'freenet.de',
  'mail.com', 'mail.ru', 'yandex.ru', 'yandex.com', 'zoho.com', 'qq.com', '163.com', '126.com', 'orange.fr', 'free.fr',
  'laposte.net', 'libero.it', 'virgilio.it', 'btinternet.com', 'comcast.net', 'verizon.net', 'att.net', 'fastmail.com', 'hey.com',
  'tutanota.com', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'bluewin.ch', 'rediffmail.com', 'naver.com', 'daum.net',
]);

// ---------------------------------------------------------------------------------------------
// phone
// ---------------------------------------------------------------------------------------------
const E164 = /^\+[1-9]\d{6,14}$/;
const phoneCache = new Map<string, TResult<string>>();
const PHONE_CACHE_MAX = 100_000;

/**
 * E.164 ("+4930123456"). Already-E.164 input is taken as is (fast path); otherwise parsed with the
 * country (a name or code) as default region. Results are cached by (raw, country): parsing costs
 * tens of microseconds and imports repeat numbers and countries.
 */
export function normalisePhone(raw: string | null | undefined, country?: string | null): TResult<string> {
  if (raw == null) return { value: null };
  const v = raw.trim();
  if (!v) return { value: null };
  if (E164.test(v)) return { value: v };
  const key = `${country ?? ''}|${v}`;
  const hit = phoneCache.get(key);
  if (hit) return hit;
  const region = countryCode(country ?? null) as CountryCode | null;
  let out: TResult<string>;
  const cleaned = v.replace(/^(?:tel:|phone:)/i, '').replace(/^00(?=[1-9])/, '+');
  const p = parsePhoneNumberFromString(cleaned, region ? { defaultCountry: region } : undefined);
  if (p && p.isValid()) out = { value: p.number };
  else if (!region && !cleaned.startsWith('+')) {
    out = { error: `Phone "${show(v)}" has no country code and the row has no country; write it as +<country code><number>.` };
  } else out = { error: `Phone "${show(v)}" is not a valid phone number${region ? ` for ${region}` : ''}.` };
  if (phoneCache.size >= PHONE_CACHE_MAX) phoneCache.clear();
  phoneCache.set(key, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// websites and domains
// ---------------------------------------------------------------------------------------------
function parseHostUrl(raw: string): URL | null {
  let v = raw.trim();
  if (!v) return null;
  if (/\s/.test(v)) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) v = `https://${v.replace(/^\/\//, '')}`;
  try {
    const u = new URL(v);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u;
  } catch {
    return null;
  }
}

const bareHost = (host: string) => host.toLowerCase().replace(/\.$/, '').replace(/^www\d*\./, '');

/** "https://www.Acme.com/about?x" → "acme.com". */
export function normaliseDomain(raw: string | null | undefined): TResult<string> {
  if (raw == null || !raw.trim()) return { value: null };
  const u = parseHostUrl(raw.replace(/^@/, '').replace(/^[^@/]*@(?=[^/]+$)/, ''));
  const host = u ? bareHost(u.hostname) : '';
  if (!u || !isValidDomain(host) || !/^[a-z0-9.-]+\.[a-z0-9-]{2,}$/.test(host)) {
    return { error: `"${show(raw.trim())}" is not a web address or domain.` };
  }
  return { value: host };
}

const websiteCache = new Map<string, TResult<{ url: string; domain: string }>>();

/** A website as stored: scheme, host without "www.", and path; no query, fragment or trailing slash. Cached (imports repeat company sites). */
export function normaliseWebsite(raw: string | null | undefined): TResult<{ url: string; domain: string }> {
  if (raw == null || !raw.trim()) return { value: null };
  const hit = websiteCache.get(raw);
  if (hit) return hit;
  const out = websiteOf(raw);
  if (websiteCache.size >= 50_000) websiteCache.clear();
  websiteCache.set(raw, out);
  return out;
}

function websiteOf(raw: string): TResult<{ url: string; domain: string }> {
  const u = parseHostUrl(raw);
  const host = u ? bareHost(u.hostname) : '';
  if (!u || !isValidDomain(host) || !/^[a-z0-9.-]+\.[a-z0-9-]{2,}$/.test(host)) {
    return { error: `Website "${show(raw.trim())}" is not a web address.` };
  }
  const path = u.pathname.replace(/\/+$/, '');
  return { value: { url: `${u.protocol}//${host}${u.port ? `:${u.port}` : ''}${path}`, domain: host } };
}

// ---------------------------------------------------------------------------------------------
// LinkedIn
// ---------------------------------------------------------------------------------------------
const MEMBER_ID = /^AC[A-Za-z0-9_-]{20,}$/;
const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * One form per profile: https://www.linkedin.com/in/<slug> (lower-case vanity name, decoded), /company/<slug>,
 * /school/<slug>, /pub/… and Sales Navigator /sales/lead|people/<id>. Country subdomains, query
 * strings, locale suffixes and trailing slashes are dropped.
 */
export function normaliseLinkedinUrl(raw: string | null | undefined): TResult<string> {
  if (raw == null || !raw.trim()) return { value: null };
  const u = parseHostUrl(raw.trim());
  const host = u?.hostname.toLowerCase() ?? '';
  if (!u || !(host === 'linkedin.com' || host.endsWith('.linkedin.com'))) {
    return { error: `"${show(raw.trim())}" is not a LinkedIn URL.` };
  }
  const parts = u.pathname.split('/').filter(Boolean).map(safeDecode);
  const kind = parts[0]?.toLowerCase();
  const base = 'https://www.linkedin.com';
  if ((kind === 'in' || kind === 'company' || kind === 'school' || kind === 'showcase') && parts[1]) {
    // Vanity names are case-insensitive; member ids ("ACwAA…") and numeric company ids are not.
    const slug = MEMBER_ID.test(parts[1]) ? parts[1] : parts[1].toLowerCase();
    return { value: `${base}/${kind}/${slug}` };
  }
  if (kind === 'pub' && parts.length >= 2) return { value: `${base}/pub/${parts.slice(1).join('/').toLowerCase()}` };
  if (kind === 'sales' && (parts[1] === 'lead' || parts[1] === 'people') && parts[2]) {
    return { value: `${base}/sales/${parts[1]}/${parts[2].split(',')[0]}` };
  }
  if (kind === 'sales' && parts[1] === 'company' && parts[2]) return { value: `${base}/sales/company/${parts[2].split(',')[0]}` };
  return { error: `"${show(raw.trim())}" is not a LinkedIn profile or company URL.` };
}

// ---------------------------------------------------------------------------------------------
// names
// ---------------------------------------------------------------------------------------------
const PARTICLES = new Set(['van', 'von', 'de', 'da', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'ten', 'ter', 'bin', 'al', 'el', 'dos', 'das', 'do', 'st', 'st.', 'mac', 'zu']);
const HONORIFICS = /^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|herr|frau)\.?\s+/i;
const SUFFIXES = /,?\s+(?:jr|sr|ii|iii|iv|phd|md|mba|esq)\.?$/i;

const tidy = (s: string) => s.replace(/\s+/g, ' ').trim();

/** "Dr. Ludwig van Beethoven" → { first: "Ludwig", last: "van Beethoven" }; "Doe, Jane" → Jane / Doe. */
export function splitName(full: string | null | undefined): { first: string | null; last: string | null } {
  if (!full) return { first: null, last: null };
  let v = tidy(full);
  if (!v) return { first: null, last: null };
  const comma = v.split(',');
  if (comma.length === 2 && comma[0]!.trim() && comma[1]!.trim() && !SUFFIXES.test(v)) {
    return { first: tidy(comma[1]!) || null, last: tidy(comma[0]!) || null };
  }
  v = v.replace(HONORIFICS, '').replace(SUFFIXES, '').trim();
  const words = v.split(' ');
  if (words.length === 1) return { first: words[0]!, last: null };
  let i = words.length - 1;
  while (i > 1 && PARTICLES.has(words[i - 1]!.toLowerCase())) i--;
  return { first: words.slice(0, i).join(' '), last: words.slice(i).join(' ') };
}

export function joinName(first: string | null | undefined, last: string | null | undefined): string | null {
  const v = tidy(`${first ?? ''} ${last ?? ''}`);
  return v || null;
}

// ---------------------------------------------------------------------------------------------
// location, numbers
// ---------------------------------------------------------------------------------------------
/** "Berlin, Berlin, Germany" → city, state, country (country only when recognised). */
export function splitLocation(raw: string | null | undefined): { city: string | null; state: string | null; country: string | null } {
  const parts = (raw ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  if (!parts.length) return { city: null, state: null, country: null };
  const code = countryCode(parts[parts.length - 1]);
  const rest = code ? parts.slice(0, -1) : parts;
  if (code && parts.length === 1) return { city: null, state: null, country: code };
  // Strip "Area"/"Metropolitan Area"/"Greater" decorations LinkedIn adds.
  const city = rest[0]?.replace(/^greater\s+/i, '').replace(/\s+(?:metropolitan\s+)?(?:area|region)$/i, '') || null;
  return { city, state: rest.length > 1 ? rest.slice(1).join(', ') : null, country: code };
}

/** "1,250" → 1250; "51-200" → { range }; "$1.5M" → 1500000. */
export function parseCount(raw: string): { value: number } | { range: string } | null {
  const v = raw.trim().replace(/[, _]/g, '');
  if (/^\d+$/.test(v)) return { value: Number(v) };
  if (/^\d+\+?$/.test(v) || /^\d+(?:-|–|to)\d+$/i.test(v) || /^\d+\+$/.test(v)) return { range: raw.trim() };
  return null;
}

export function parseMoney(raw: string): number | null {
  const m = /^[^\d-]*(-?\d+(?:\.\d+)?)\s*([kmb]|thousand|million|billion|bn|mm)?[^\d]*$/i.exec(raw.trim().replace(/[, _]/g, ''));
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  const mult = unit === 'k' || unit === 'thousand' ? 1e3 : unit === 'm' || unit === 'million' || unit === 'mm' ? 1e6 : unit === 'b' || unit === 'billion' || unit === 'bn' ? 1e9 : 1;
  const v = Math.round(n * mult);
  return Number.isFinite(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER ? v : null;
}

let timezones: Map<string, string> | undefined;
export function normaliseTimezone(raw: string | null | undefined): TResult<string> {
  if (raw == null || !raw.trim()) return { value: null };
  const v = raw.trim();
  timezones ??= new Map([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC', 'GMT'].map((t) => [t.toLowerCase(), t]));
  const tz = timezones.get(v.toLowerCase());
  return tz ? { value: tz } : { error: `Time zone "${show(v)}" is not an IANA time zone (for example Europe/Berlin).` };
}

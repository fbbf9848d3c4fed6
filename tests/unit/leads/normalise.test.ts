import { describe, expect, it } from 'vitest';
import {
  joinName, normaliseDomain, normaliseEmail, normaliseLinkedinUrl, normalisePhone, normaliseTimezone, normaliseWebsite,
  parseCount, parseMoney, splitLocation, splitName,
} from '../../../src/features/leads/normalise';
import { countryCode, countryName, normaliseCountry } from '../../../src/features/leads/countries';

describe('normaliseEmail', () => {
  it.each([
    ['  Jane.Doe@Example.COM ', 'jane.doe@example.com'],
    ['mailto:JOE@x.io', 'joe@x.io'],
    ['Jane Doe <jane@acme.co.uk>', 'jane@acme.co.uk'],
    ["o'brien+tag@sub.domain.org", "o'brien+tag@sub.domain.org"],
  ])('%j → %j', (raw, out) => expect(normaliseEmail(raw)).toEqual({ value: out }));
  it('refuses non-ASCII local parts', () => expect(normaliseEmail('zoë@x.io').error).toMatch(/not a valid email/));
  it('accepts internationalised domains', () => expect(normaliseEmail('info@müller.de')).toEqual({ value: 'info@müller.de' }));
  it.each(['', '   ', null, undefined])('%j is empty', (raw) => expect(normaliseEmail(raw)).toEqual({ value: null }));
  it.each(['plainaddress', '@x.io', 'a@', 'a@b', 'a@@b.io', 'a b@x.io', 'a..b@x.io', '.a@x.io', 'a@-x.io', 'a@x.c', 'a@x..io', `${'a'.repeat(65)}@x.io`])(
    '%j is refused',
    (raw) => expect(normaliseEmail(raw).error).toMatch(/is not a valid email address/),
  );
});

describe('normalisePhone', () => {
  it('takes E.164 as is', () => expect(normalisePhone('+4930123456')).toEqual({ value: '+4930123456' }));
  it.each([
    ['030 1234567', 'DE', '+49301234567'],
    ['030 1234567', 'Germany', '+49301234567'],
    ['(415) 555-0134', 'US', '+14155550134'],
    ['+1 415-555-0134', null, '+14155550134'],
    ['0044 20 7946 0958', null, '+442079460958'],
    ['06 12 34 56 78', 'France', '+33612345678'],
    ['tel:+44 20 7946 0958', 'DE', '+442079460958'],
  ])('%j in %j → %j', (raw, country, out) => expect(normalisePhone(raw, country)).toEqual({ value: out }));
  it('explains a number without a country code when the row has no country', () => {
    expect(normalisePhone('030 1234567').error).toMatch(/no country code/);
  });
  it('refuses invalid numbers', () => {
    expect(normalisePhone('12', 'DE').error).toMatch(/not a valid phone number for DE/);
    expect(normalisePhone('call me', 'US').error).toMatch(/not a valid/);
  });
  it('answers repeated numbers from its cache, and quickly', () => {
    const t0 = performance.now();
    for (let i = 0; i < 20_000; i++) normalisePhone('(415) 555-0134', 'US');
    expect(performance.now() - t0).toBeLessThan(500);
    expect(normalisePhone('(415) 555-0134', 'US')).toEqual({ value: '+14155550134' });
  });
});

describe('websites and domains', () => {
  it.each([
    ['https://www.Acme.com/about?x=1#y', 'acme.com'],
    ['acme.com', 'acme.com'],
    ['WWW.ACME.CO.UK', 'acme.co.uk'],
    ['http://shop.acme.io:8080/', 'shop.acme.io'],
    ['john@acme.com', 'acme.com'],
    ['https://münchen.de', 'xn--mnchen-3ya.de'],
  ])('domain of %j is %j', (raw, d) => expect(normaliseDomain(raw)).toEqual({ value: d }));
  it.each(['not a site', 'localhost', 'ftp://acme.com', 'acme', 'http://'])('%j is not a domain', (raw) => {
    expect(normaliseDomain(raw).error).toMatch(/not a web address/);
  });
  it('keeps the path of a website, without www, query or trailing slash, idempotently', () => {
    const w = normaliseWebsite('https://www.acme.com/en/?utm=1');
    expect(w).toEqual({ value: { url: 'https://acme.com/en', domain: 'acme.com' } });
    expect(normaliseWebsite(w.value!.url)).toEqual(w);
    expect(normaliseWebsite('acme.com')).toEqual({ value: { url: 'https://acme.com', domain: 'acme.com' } });
  });
});

describe('normaliseLinkedinUrl', () => {
  it.each([
    ['linkedin.com/in/JaneDoe', 'https://www.linkedin.com/in/janedoe'],
    ['https://de.linkedin.com/in/jane-doe-123/?originalSubdomain=de', 'https://www.linkedin.com/in/jane-doe-123'],
    ['http://www.linkedin.com/in/jane-doe/en/', 'https://www.linkedin.com/in/jane-doe'],
    ['https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller', 'https://www.linkedin.com/in/jürgen-müller'],
    ['https://www.linkedin.com/in/ACwAAABcDeFgHiJkLmNoPqRsTuVwXyZ', 'https://www.linkedin.com/in/ACwAAABcDeFgHiJkLmNoPqRsTuVwXyZ'],
    ['https://www.linkedin.com/company/Acme-Robotics/about/', 'https://www.linkedin.com/company/acme-robotics'],
    ['https://www.linkedin.com/sales/lead/ACwAAABc123,NAME_SEARCH,xYz', 'https://www.linkedin.com/sales/lead/ACwAAABc123'],
    ['https://www.linkedin.com/pub/jane-doe/1/23/456', 'https://www.linkedin.com/pub/jane-doe/1/23/456'],
  ])('%j → %j', (raw, out) => {
    expect(normaliseLinkedinUrl(raw)).toEqual({ value: out });
    expect(normaliseLinkedinUrl(out)).toEqual({ value: out });
  });
  it.each(['https://twitter.com/jane', 'jane doe', 'https://www.linkedin.com/feed/', 'https://notlinkedin.com/in/x'])('%j is refused', (raw) => {
    expect(normaliseLinkedinUrl(raw).error).toBeTruthy();
  });
});

describe('names', () => {
  it.each([
    ['Jane Doe', 'Jane', 'Doe'],
    ['  Jane   Mary  Doe ', 'Jane Mary', 'Doe'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Dr. Anna de la Cruz', 'Anna', 'de la Cruz'],
    ['Doe, Jane', 'Jane', 'Doe'],
    ['Martin Luther King Jr.', 'Martin Luther', 'King'],
    ['Cher', 'Cher', null],
  ])('splits %j', (full, first, last) => expect(splitName(full)).toEqual({ first, last }));
  it('joins', () => {
    expect(joinName('Jane', 'Doe')).toBe('Jane Doe');
    expect(joinName(null, ' Doe ')).toBe('Doe');
    expect(joinName('', null)).toBeNull();
  });
});

describe('countries', () => {
  it.each([
    ['Germany', 'DE'], ['deutschland', 'DE'], ['DEU', 'DE'], ['de', 'DE'], ['United States', 'US'], ['USA', 'US'],
    ['United States of America', 'US'], ['UK', 'GB'], ['England', 'GB'], ['Côte d’Ivoire', 'CI'], ['Ivory Coast', 'CI'],
    ['the Netherlands', 'NL'], ['Österreich', 'AT'], ['España', 'ES'], ['Schweiz', 'CH'], ['Royaume-Uni', 'GB'],
  ])('%j → %j', (raw, code) => expect(countryCode(raw)).toBe(code));
  it('keeps what it does not recognise', () => {
    expect(countryCode('Narnia')).toBeNull();
    expect(normaliseCountry(' Narnia ')).toBe('Narnia');
    expect(normaliseCountry('')).toBeNull();
    expect(countryName('DE')).toBe('Germany');
  });
});

describe('location, counts, money, time zones', () => {
  it('splits locations', () => {
    expect(splitLocation('Berlin, Berlin, Germany')).toEqual({ city: 'Berlin', state: 'Berlin', country: 'DE' });
    expect(splitLocation('Greater Seattle Area')).toEqual({ city: 'Seattle', state: null, country: null });
    expect(splitLocation('France')).toEqual({ city: null, state: null, country: 'FR' });
    expect(splitLocation('')).toEqual({ city: null, state: null, country: null });
  });
  it('parses counts and ranges', () => {
    expect(parseCount('1,250')).toEqual({ value: 1250 });
    expect(parseCount('51-200')).toEqual({ range: '51-200' });
    expect(parseCount('10000+')).toEqual({ range: '10000+' });
    expect(parseCount('lots')).toBeNull();
  });
  it('parses money', () => {
    expect(parseMoney('$1.5M')).toBe(1_500_000);
    expect(parseMoney('25000000')).toBe(25_000_000);
    expect(parseMoney('€ 10,000')).toBe(10_000);
    expect(parseMoney('2 billion')).toBe(2_000_000_000);
    expect(parseMoney('n/a')).toBeNull();
  });
  it('validates time zones, case-insensitively', () => {
    expect(normaliseTimezone('europe/berlin')).toEqual({ value: 'Europe/Berlin' });
    expect(normaliseTimezone('UTC')).toEqual({ value: 'UTC' });
    expect(normaliseTimezone('Mars/Olympus').error).toMatch(/not an IANA time zone/);
  });
});

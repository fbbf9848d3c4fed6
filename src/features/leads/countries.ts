/**
 * Country names and codes → ISO 3166-1 alpha-2 ("Germany", "deutschland", "DEU", "de" → "DE").
 * Names come from the ICU data Node ships (English, German, French, Spanish), plus common aliases.
 * Unrecognised values are kept as written (trimmed) so nothing is lost. Pure: no I/O.
 */
import { getCountries } from 'libphonenumber-js';

const fold = (s: string) =>
  s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

const ALIASES: Record<string, string> = {
  usa: 'US', 'u s a': 'US', 'u s': 'US', america: 'US', 'united states of america': 'US', 'the united states': 'US',
  uk: 'GB', 'u k': 'GB', britain: 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB',
  'the netherlands': 'NL', holland: 'NL', uae: 'AE', 'u a e': 'AE', emirates: 'AE', russia: 'RU', 'russian federation': 'RU',
  'south korea': 'KR', 'korea republic of': 'KR', 'republic of korea': 'KR', korea: 'KR', 'north korea': 'KP',
  'czech republic': 'CZ', czechia: 'CZ', turkey: 'TR', turkiye: 'TR', 'ivory coast': 'CI', vietnam: 'VN', 'viet nam': 'VN',
  'hong kong sar': 'HK', macau: 'MO', 'mainland china': 'CN', 'prc': 'CN', 'taiwan roc': 'TW', 'republic of ireland': 'IE',
  'the philippines': 'PH', 'the bahamas': 'BS', 'the gambia': 'GM', 'cape verde': 'CV', swaziland: 'SZ', burma: 'MM',
  'east timor': 'TL', 'vatican': 'VA', 'vatican city': 'VA', 'palestine': 'PS', 'bosnia': 'BA', 'macedonia': 'MK',
  'dr congo': 'CD', 'drc': 'CD', 'congo kinshasa': 'CD', 'congo brazzaville': 'CG', 'laos': 'LA', 'syria': 'SY', 'iran': 'IR',
  'moldova': 'MD', 'bolivia': 'BO', 'venezuela': 'VE', 'tanzania': 'TZ', 'brunei': 'BN', 'micronesia': 'FM',
};

const ALPHA3: Record<string, string> = {
  USA: 'US', GBR: 'GB', DEU: 'DE', FRA: 'FR', ESP: 'ES', ITA: 'IT', NLD: 'NL', BEL: 'BE', CHE: 'CH', AUT: 'AT', SWE: 'SE',
  NOR: 'NO', DNK: 'DK', FIN: 'FI', POL: 'PL', IRL: 'IE', PRT: 'PT', CZE: 'CZ', HUN: 'HU', ROU: 'RO', GRC: 'GR', CAN: 'CA',
  MEX: 'MX', BRA: 'BR', ARG: 'AR', CHL: 'CL', COL: 'CO', PER: 'PE', AUS: 'AU', NZL: 'NZ', IND: 'IN', CHN: 'CN', JPN: 'JP',
  KOR: 'KR', SGP: 'SG', HKG: 'HK', TWN: 'TW', ISR: 'IL', ARE: 'AE', SAU: 'SA', ZAF: 'ZA', NGA: 'NG', KEN: 'KE', EGY: 'EG',
  TUR: 'TR', RUS: 'RU', UKR: 'UA', IDN: 'ID', MYS: 'MY', THA: 'TH', VNM: 'VN', PHL: 'PH', PAK: 'PK', BGD: 'BD', LUX: 'LU',
};

let byName: Map<string, string> | undefined;
let codes: Set<string> | undefined;

function tables() {
  if (!byName || !codes) {
    codes = new Set(getCountries() as string[]);
    for (const c of ['XK']) codes.add(c);
    byName = new Map();
    for (const locale of ['en', 'de', 'fr', 'es']) {
      const names = new Intl.DisplayNames([locale], { type: 'region' });
      for (const code of codes) {
        const name = names.of(code);
        if (name && name !== code && !byName.has(fold(name))) byName.set(fold(name), code);
      }
    }
    for (const [k, v] of Object.entries(ALIASES)) byName.set(k, v);
  }
  return { byName, codes };
}

/** The ISO alpha-2 code for a country name or code, or null if not recognised. */
export function countryCode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const v = raw.trim();
  if (!v) return null;
  const { byName, codes } = tables();
  const up = v.toUpperCase();
  if (v.length === 2 && codes.has(up)) return up === 'UK' ? 'GB' : up;
  if (up === 'UK') return 'GB';
  if (v.length === 3 && ALPHA3[up]) return ALPHA3[up]!;
  return byName.get(fold(v)) ?? null;
}

/** Country as stored: the alpha-2 code when recognised, else the value as written (trimmed). */
export function normaliseCountry(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const v = raw.trim();
  if (!v) return null;
  return countryCode(v) ?? v;
}

/** English name of a stored country code (for display), or the value itself. */
export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  if (!/^[A-Z]{2}$/.test(code)) return code;
  return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
}

/**
 * The leads table's state lives in the URL: filters, sort, page size and the page cursor. This turns
 * the query string into the service's query (empty values dropped) and builds links that change one
 * thing (a sort header, the pager, removing one filter) while keeping the rest.
 */
export type TSearchParams = Record<string, string | string[] | undefined>;

/** Query keys that describe which leads (the filter); the rest say how to show them. */
export const FILTER_KEYS = [
  'q', 'status', 'listId', 'tagId', 'country', 'intentTier', 'fitTier', 'source', 'hasEmail', 'hasPhone', 'suppressed',
  'createdFrom', 'createdTo', 'custom', 'importId', 'companyId',
] as const;
const VIEW_KEYS = ['sort', 'dir', 'limit'] as const;
export const PAGE_SIZES = [25, 50, 100, 200] as const;

const values = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);

/** Comma-split lists for multi-valued keys; custom filters stay whole (a value may contain a comma). */
function clean(sp: TSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of [...FILTER_KEYS, ...VIEW_KEYS, 'cursor', 'before']) {
    const raw = sp[key];
    if (key === 'custom') {
      for (const c of Array.isArray(raw) ? raw : raw ? [raw] : []) if (c.trim()) out.append('custom', c.trim());
      continue;
    }
    const vs = values(raw);
    if (vs.length) out.set(key, vs.join(','));
  }
  // The filter form without JavaScript sends the custom field filter as two inputs.
  const ck = values(sp.customKey)[0];
  const cv = typeof sp.customValue === 'string' ? sp.customValue.trim() : '';
  if (ck && cv) out.append('custom', `${ck}:${cv}`);
  return out;
}

export type TLeadsUrl = {
  /** Everything in the URL that matters, cleaned. */
  params: URLSearchParams;
  /** The service query (filters, sort, dir, limit, cursor) as an object. */
  query: Record<string, unknown>;
  before?: string;
  /** The filter alone (for "all matching", counts and exports). */
  filter: Record<string, unknown>;
  filterParams: URLSearchParams;
  hasFilter: boolean;
};

export function readLeadsUrl(sp: TSearchParams): TLeadsUrl {
  const params = clean(sp);
  const query: Record<string, unknown> = {};
  const filter: Record<string, unknown> = {};
  const filterParams = new URLSearchParams();
  const custom: unknown[] = [];
  for (const [k, v] of params) {
    if (k === 'before') continue;
    if (k === 'custom') {
      // As { key, value }: the service splits strings at commas, and a value may contain one.
      const i = v.indexOf(':');
      const key = i > 0 ? v.slice(0, i).trim() : '';
      custom.push(/^[a-z][a-z0-9_]{0,49}$/.test(key) ? { key, value: v.slice(i + 1).trim() } : v);
      query.custom = custom;
      filter.custom = custom;
    } else {
      query[k] = v;
      if ((FILTER_KEYS as readonly string[]).includes(k)) filter[k] = v;
    }
    if ((FILTER_KEYS as readonly string[]).includes(k)) filterParams.append(k, v);
  }
  return { params, query, before: params.get('before') ?? undefined, filter, filterParams, hasFilter: [...filterParams.keys()].length > 0 };
}

/** `/leads?…` with some keys replaced (null removes them). Changing anything but the page starts at page one. */
export function leadsHref(params: URLSearchParams, change: Record<string, string | null>, base = '/leads'): string {
  const next = new URLSearchParams(params);
  const paging = 'cursor' in change || 'before' in change;
  if (!paging) {
    next.delete('cursor');
    next.delete('before');
  }
  for (const [k, v] of Object.entries(change)) {
    if (v === null) next.delete(k);
    else next.set(k, v);
  }
  const s = next.toString();
  return s ? `${base}?${s}` : base;
}

/** The same URL without one custom filter value. */
export function withoutCustom(params: URLSearchParams, value: string, base = '/leads'): string {
  const next = new URLSearchParams();
  for (const [k, v] of params) if (!(k === 'custom' && v === value) && k !== 'cursor' && k !== 'before') next.append(k, v);
  const s = next.toString();
  return s ? `${base}?${s}` : base;
}

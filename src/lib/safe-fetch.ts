/**
 * The one SSRF-safe fetcher for user-supplied URLs (webhook steps, crawls, delivery webhooks).
 *
 * - http and https only, no credentials in the URL;
 * - the host is resolved here, and every resolved address is checked against private, loopback,
 *   link-local, CGNAT, multicast, reserved and cloud-metadata ranges (IPv4 and IPv6, with IPv4-mapped,
 *   NAT64 and 6to4 addresses unwrapped) — one bad address refuses the URL;
 * - the connection goes to the address that was checked (a pinned `lookup`), so DNS cannot answer
 *   differently a second time (no rebinding);
 * - redirects are followed by hand (at most 5), each hop checked the same way;
 * - a total timeout and a response size cap.
 *
 * Tests may reach a loopback server only through `allowForTests`, which is ignored unless
 * NODE_ENV is 'test'.
 */
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { env } from './env';
import { AppError } from './errors';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT (also Alibaba's metadata 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments (incl. 192.0.0.192 Oracle metadata)
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved + broadcast
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated)
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['2001::', 32], // Teredo (tunnels to arbitrary IPv4)
  ['fc00::', 7], // unique local (incl. AWS metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** Expands an IPv6 address to its 8 groups (numbers). Returns undefined when it is not IPv6. */
function ipv6Groups(addr: string): number[] | undefined {
  if (isIP(addr) !== 6) return undefined;
  let a = addr.split('%')[0]!.toLowerCase();
  // a trailing dotted IPv4 becomes two groups
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4) {
    const o = v4[1]!.split('.').map(Number);
    a = a.slice(0, -v4[1]!.length) + `${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const [head, tail] = a.includes('::') ? (a.split('::') as [string, string]) : [a, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const fill = tail !== undefined ? new Array(8 - h.length - t.length).fill('0') : [];
  const groups = [...h, ...fill, ...t].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

const v4From = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/** The IPv4 address an IPv6 address carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16). */
export function embeddedIpv4(addr: string): string | undefined {
  const g = ipv6Groups(addr);
  if (!g) return undefined;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(5) && g[5] === 0xffff) return v4From(g[6]!, g[7]!); // ::ffff:a.b.c.d
  if (zeros(4) && g[4] === 0xffff && g[5] === 0) return v4From(g[6]!, g[7]!); // ::ffff:0:a.b.c.d (SIIT)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4From(g[6]!, g[7]!); // NAT64
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return v4From(g[6]!, g[7]!); // local-use NAT64 64:ff9b:1::/48
  if (g[0] === 0x2002) return v4From(g[1]!, g[2]!); // 6to4
  return undefined;
}

/** Why an IP address may not be fetched, or undefined when it is a public unicast address. */
export function blockedAddressReason(addr: string): string | undefined {
  const family = isIP(addr);
  if (family === 0) return 'not an IP address';
  if (family === 4) return blocked.check(addr, 'ipv4') ? 'a private, loopback, link-local, metadata or reserved IPv4 address' : undefined;
  const inner = embeddedIpv4(addr);
  if (inner) {
    const r = blockedAddressReason(inner);
    return r ? `${r} (inside the IPv6 address)` : undefined;
  }
  const clean = addr.split('%')[0]!;
  if (blocked.check(clean, 'ipv6')) return 'a private, loopback, link-local, multicast or reserved IPv6 address';
  return undefined;
}

export const isBlockedAddress = (addr: string): boolean => blockedAddressReason(addr) !== undefined;

const BLOCKED_HOSTNAMES = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback|metadata|metadata\.google\.internal|instance-data|instance-data\.ec2\.internal)\.?$|\.(localhost|local|internal|home\.arpa|localdomain)\.?$/i;

export type TUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** The checks that need no DNS: scheme, credentials, literal addresses and well-known internal names. */
export function checkUrlShape(raw: string, allowed: ReadonlySet<string> = new Set()): TUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'This is not a valid URL.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'Only http:// and https:// URLs are allowed.' };
  if (url.username || url.password) return { ok: false, reason: 'URLs with a user name or password are not allowed.' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) return { ok: false, reason: 'The URL has no host.' };
  if (isIP(host)) {
    const r = allowed.has(host) ? undefined : blockedAddressReason(host);
    if (r) return { ok: false, reason: `The URL points at ${r}.` };
  } else if (BLOCKED_HOSTNAMES.test(host)) {
    return { ok: false, reason: `The URL points at an internal host name (${host}).` };
  }
  return { ok: true, url };
}

export type TAllowList = { addresses: string[] };

function allowOverride(opts: { allowForTests?: TAllowList }): Set<string> {
  if (!opts.allowForTests) return new Set();
  if (env().NODE_ENV !== 'test') return new Set();
  return new Set(opts.allowForTests.addresses);
}

/** Resolves a URL's host and checks every address; returns the address to connect to. */
export async function resolveSafely(url: URL, opts: { allowForTests?: TAllowList; lookup?: typeof dnsLookup } = {}): Promise<{ address: string; family: 4 | 6 }> {
  const allow = allowOverride(opts);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const shape = isIP(host) ? undefined : checkUrlShape(url.toString(), allow);
  if (shape && !shape.ok) throw new AppError('INVALID_INPUT', shape.reason);
  const found = isIP(host)
    ? [{ address: host, family: isIP(host) as 4 | 6 }]
    : await (opts.lookup ?? dnsLookup)(host, { all: true, verbatim: true }).catch(() => {
        throw new AppError('INVALID_INPUT', `The host name ${host} does not resolve.`, { details: { unresolved: true } });
      });
  if (!found.length) throw new AppError('INVALID_INPUT', `The host name ${host} does not resolve.`, { details: { unresolved: true } });
  for (const a of found) {
    if (allow.has(a.address)) continue;
    const r = blockedAddressReason(a.address);
    if (r) throw new AppError('INVALID_INPUT', `${host} resolves to ${a.address}, ${r}; requests there are refused.`);
  }
  const first = found[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * Checks a bare host name (a mail server) the same way: internal names refused, every resolved
 * address public. Returns the address to connect to, so the connection does not resolve again.
 */
export async function resolvePublicHost(host: string, opts: { allowForTests?: TAllowList; lookup?: typeof dnsLookup } = {}): Promise<{ address: string; family: 4 | 6 }> {
  const h = host.replace(/^\[|\]$/g, '');
  const url = new URL(`http://${isIP(h) === 6 ? `[${h}]` : h}/`);
  const shape = checkUrlShape(url.toString(), allowOverride(opts));
  if (!shape.ok) throw new AppError('INVALID_INPUT', shape.reason.replace('The URL points', 'The server name points'));
  return resolveSafely(url, opts);
}

/**
 * Checks a URL before it is stored (webhook step save): shape, then DNS. A name that resolves to a
 * private address is refused; a name that does not resolve right now is allowed (`resolved: false`) —
 * every request checks again before connecting.
 */
export async function assertPublicUrl(raw: string, opts: { allowForTests?: TAllowList; lookup?: typeof dnsLookup } = {}): Promise<{ url: URL; resolved: boolean }> {
  const shape = checkUrlShape(raw, allowOverride(opts));
  if (!shape.ok) throw new AppError('INVALID_INPUT', shape.reason);
  try {
    await resolveSafely(shape.url, opts);
    return { url: shape.url, resolved: true };
  } catch (e) {
    if (e instanceof AppError && e.details?.unresolved) return { url: shape.url, resolved: false };
    throw e;
  }
}

export type TSafeFetchOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Whole request, redirects included. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  allowForTests?: TAllowList;
};

export type TSafeResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; url: string; redirects: number };

/** Fetches a user-supplied URL safely (see the file comment). Throws AppError INVALID_INPUT / UPSTREAM. */
export async function safeFetch(raw: string, opts: TSafeFetchOptions = {}): Promise<TSafeResponse> {
  const maxRedirects = opts.maxRedirects ?? 5;
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let method = opts.method ?? 'GET';
  let body = opts.body;
  let current = raw;
  for (let hop = 0; ; hop++) {
    const shape = checkUrlShape(current, allowOverride(opts));
    if (!shape.ok) throw new AppError('INVALID_INPUT', hop ? `A redirect was refused: ${shape.reason}` : shape.reason);
    const pinned = await resolveSafely(shape.url, opts);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new AppError('UPSTREAM', 'The request timed out.');
    const res = await requestOnce(shape.url, pinned, { method, headers: opts.headers, body, timeoutMs: remaining, maxBytes: opts.maxBytes ?? 1_000_000 });
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && typeof location === 'string') {
      if (hop >= maxRedirects) throw new AppError('UPSTREAM', `Too many redirects (more than ${maxRedirects}).`);
      current = new URL(location, shape.url).toString();
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }
    return { ...res, url: shape.url.toString(), redirects: hop };
  }
}

function requestOnce(
  url: URL,
  pinned: { address: string; family: 4 | 6 },
  o: { method: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs: number; maxBytes: number },
): Promise<Omit<TSafeResponse, 'url' | 'redirects'>> {
  const lookup: LookupFunction = (_host, options, cb) => {
    if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else cb(null, pinned.address, pinned.family);
  };
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      url,
      {
        method: o.method,
        headers: { 'user-agent': 'LeadPilot-Webhook/1.0', ...(o.body !== undefined ? { 'content-length': String(Buffer.byteLength(o.body)) } : {}), ...o.headers },
        lookup,
        agent: false,
        timeout: o.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > o.maxBytes) {
            req.destroy();
            reject(new AppError('UPSTREAM', `The response is larger than ${o.maxBytes} bytes.`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', (e) => reject(new AppError('UPSTREAM', `The response broke off: ${e.message}`, { cause: e })));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error('timeout')), o.timeoutMs);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e instanceof AppError ? e : new AppError('UPSTREAM', e.message === 'timeout' ? 'The request timed out.' : `The request failed: ${e.message}`, { cause: e }));
    });
    req.on('close', () => clearTimeout(timer));
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

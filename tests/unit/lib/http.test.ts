import { describe, expect, it } from 'vitest';
import { readBodyText, readJson } from '../../../src/lib/http/body';
import { clientIp, isSameOrigin, isSecureRequest, requestIdOf } from '../../../src/lib/http/request';
import { searchParamsToObject } from '../../../src/lib/http/route';
import { formToObject } from '../../../src/lib/http/action';
import { jarFromHeader } from '../../../src/lib/auth/cookies';
import { generateApiKey } from '../../../src/lib/auth/api-key';
import { sha256Hex } from '../../../src/lib/crypto';
import { AppError } from '../../../src/lib/errors';

const APP = process.env.APP_URL!; // http://localhost:3000 (tests/support/setup-env.ts)

/** A request whose body arrives in chunks, with no Content-Length (chunked upload). */
function streamed(chunks: string[], headers: Record<string, string> = {}): Request {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(new TextEncoder().encode(ch));
      c.close();
    },
  });
  return new Request('http://x/api', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

async function appError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('readBodyText', () => {
  it('returns the body within the limit', async () => {
    expect(await readBodyText(new Request('http://x', { method: 'POST', body: 'hello' }), 5)).toBe('hello');
    expect(await readBodyText(new Request('http://x'), 5)).toBe('');
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const req = new Request('http://x', { method: 'POST', body: 'x', headers: { 'content-length': '5000' } });
    const e = await appError(readBodyText(req, 1000));
    expect(e.code).toBe('PAYLOAD_TOO_LARGE');
    expect(e.message).toMatch(/1 kB/);
    expect(req.bodyUsed).toBe(false);
  });

  it('stops reading a streamed body once it passes the limit', async () => {
    const e = await appError(readBodyText(streamed(['a'.repeat(600), 'b'.repeat(600), 'c'.repeat(600)]), 1000));
    expect(e.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await readBodyText(streamed(['a'.repeat(500), 'b'.repeat(500)]), 1000)).toHaveLength(1000);
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('héllo');
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 2));
        c.enqueue(bytes.slice(2));
        c.close();
      },
    });
    expect(await readBodyText(new Request('http://x', { method: 'POST', body, duplex: 'half' } as RequestInit), 100)).toBe('héllo');
  });
});

describe('readJson', () => {
  const post = (body: string, type?: string) =>
    new Request('http://x', { method: 'POST', body, headers: type ? { 'content-type': type } : {} });

  it('parses JSON with a JSON media type, or none', async () => {
    expect(await readJson(post('{"a":1}', 'application/json'), 1000)).toEqual({ a: 1 });
    expect(await readJson(post('{"a":1}', 'application/json; charset=utf-8'), 1000)).toEqual({ a: 1 });
    expect(await readJson(post('[1,2]', 'application/vnd.api+json'), 1000)).toEqual([1, 2]);
    const untyped = new Request('http://x', { method: 'POST', body: new TextEncoder().encode('"s"') });
    expect(untyped.headers.get('content-type')).toBeNull();
    expect(await readJson(untyped, 1000)).toBe('s');
  });

  it('returns undefined for an empty body', async () => {
    expect(await readJson(post('', 'application/json'), 1000)).toBeUndefined();
    expect(await readJson(post('  \n', 'text/plain'), 1000)).toBeUndefined();
  });

  it('refuses malformed JSON with INVALID_JSON', async () => {
    for (const bad of ['{', '{"a":}', "{'a':1}", 'undefined', '{"a":1}x']) {
      expect((await appError(readJson(post(bad, 'application/json'), 1000))).code).toBe('INVALID_JSON');
    }
  });

  it('refuses other media types with UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      expect((await appError(readJson(post('{"a":1}', type), 1000))).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('checks the size before parsing', async () => {
    expect((await appError(readJson(post(JSON.stringify({ a: 'x'.repeat(2000) }), 'application/json'), 1000))).code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('request facts', () => {
  const h = (o: Record<string, string>) => new Headers(o);

  it('keeps a sane X-Request-Id and replaces anything else', () => {
    expect(requestIdOf(h({ 'x-request-id': 'abc-123_DEF.9' }))).toBe('abc-123_DEF.9');
    for (const bad of ['short', 'has space in it', 'x'.repeat(101), '<script>alert(1)</script>']) {
      const id = requestIdOf(h({ 'x-request-id': bad }));
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('takes the client IP from the first X-Forwarded-For hop', () => {
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }))).toBe('203.0.113.7');
    expect(clientIp(h({ 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientIp(h({}))).toBe('127.0.0.1');
  });

  it('accepts our own origin and refuses foreign ones', () => {
    expect(isSameOrigin(h({ origin: new URL(APP).origin }))).toBe(true);
    expect(isSameOrigin(h({ origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOrigin(h({ origin: 'null' }))).toBe(false);
    expect(isSameOrigin(h({ origin: 'http://app.example:8080', host: 'app.example:8080' }))).toBe(true);
    expect(isSameOrigin(h({ origin: 'https://app.example', host: 'app.example', 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isSameOrigin(h({ origin: 'http://app.example', host: 'app.example', 'x-forwarded-proto': 'https' }))).toBe(false);
  });

  it('falls back to Referer, and refuses a request with neither', () => {
    expect(isSameOrigin(h({ referer: `${APP}/settings` }))).toBe(true);
    expect(isSameOrigin(h({ referer: 'https://evil.example/page' }))).toBe(false);
    expect(isSameOrigin(h({ referer: 'not a url' }))).toBe(false);
    expect(isSameOrigin(h({}))).toBe(false);
  });

  it('knows when the request came over https', () => {
    expect(isSecureRequest(h({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isSecureRequest(h({ 'x-forwarded-proto': 'http, https' }))).toBe(false);
    expect(isSecureRequest(h({}))).toBe(APP.startsWith('https:'));
  });
});

// route() authenticates (and so opens the database) before it reads any input, so its behaviour is tested
// against a real database in tests/integration/api; only its pure helper is unit-tested here.
describe('searchParamsToObject', () => {
  it('turns repeated query keys into arrays', () => {
    expect(searchParamsToObject(new URLSearchParams('a=1&b=2&a=3&a=4'))).toEqual({ a: ['1', '3', '4'], b: '2' });
    expect(searchParamsToObject(new URLSearchParams(''))).toEqual({});
  });
});

describe('formToObject', () => {
  it('collects repeated fields into arrays and drops Next internals', () => {
    const fd = new FormData();
    fd.append('name', 'Acme');
    fd.append('days', '1');
    fd.append('days', '2');
    fd.append('days', '3');
    fd.append('$ACTION_ID_abc', '');
    expect(formToObject(fd)).toEqual({ name: 'Acme', days: ['1', '2', '3'] });
  });

  it('passes plain objects through', () => {
    const o = { a: 1 };
    expect(formToObject(o)).toBe(o);
  });
});

describe('jarFromHeader', () => {
  it('reads and decodes cookies, and records writes', () => {
    const jar = jarFromHeader('lp_session=abc.def; lp_org=7c9e6679; note=hello%20world; bad');
    expect(jar.get('lp_session')).toBe('abc.def');
    expect(jar.get('note')).toBe('hello world');
    expect(jar.get('bad')).toBeUndefined();
    expect(jar.getAll().map((c) => c.name)).toEqual(['lp_session', 'lp_org', 'note']);
    jar.set('lp_org', 'other', { httpOnly: true, path: '/' });
    expect(jar.get('lp_org')).toBe('other');
    jar.delete('lp_session');
    expect(jar.get('lp_session')).toBeUndefined();
    expect(jar.pending).toEqual([
      { name: 'lp_org', value: 'other', options: { httpOnly: true, path: '/' } },
      { name: 'lp_session', value: '', options: { maxAge: 0, path: '/' } },
    ]);
    expect(jarFromHeader(null).getAll()).toEqual([]);
  });
});

describe('generateApiKey', () => {
  it('makes an lp_ key, an 11-character prefix and the SHA-256 that is stored', () => {
    const k = generateApiKey();
    expect(k.key).toMatch(/^lp_[A-Za-z0-9_-]{43}$/);
    expect(k.prefix).toBe(k.key.slice(0, 11));
    expect(k.hash).toBe(sha256Hex(k.key));
    expect(generateApiKey().key).not.toBe(k.key);
  });
});

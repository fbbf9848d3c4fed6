import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decryptSecret, encryptSecret, hmac, keyringFrom, randomToken, safeEqual, secretKeyId, sha256Hex, signToken, verifyToken,
} from '../../../src/lib/crypto';

const key = () => randomBytes(32).toString('base64');
const K1 = key();
const K2 = key();

/** Flips one bit of the base64url field `index` of an `enc:v1:…` value. */
function flip(value: string, index: number, byte = 0): string {
  const parts = value.split(':');
  const buf = Buffer.from(parts[index]!, 'base64url');
  buf[byte] = buf[byte]! ^ 0x01;
  parts[index] = buf.toString('base64url');
  return parts.join(':');
}

describe('encryptSecret / decryptSecret', () => {
  const ring = keyringFrom('k1', K1);

  it.each(['smtp-password', '', 'ünïcødé 🔑', 'x'.repeat(10_000)])('round-trips %j', (plain) => {
    const enc = encryptSecret(plain, ring);
    expect(enc).toMatch(/^enc:v1:k1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(enc).not.toContain(plain || '\u0000');
    expect(decryptSecret(enc, ring)).toBe(plain);
  });

  it('uses a fresh IV every time', () => {
    const a = encryptSecret('same', ring);
    const b = encryptSecret('same', ring);
    expect(a).not.toBe(b);
    expect(a.split(':')[3]).not.toBe(b.split(':')[3]);
  });

  it('names the key it used', () => {
    expect(secretKeyId(encryptSecret('x', ring))).toBe('k1');
  });

  it('refuses a tampered ciphertext, tag or IV', () => {
    const enc = encryptSecret('the secret', ring);
    expect(() => decryptSecret(flip(enc, 4, 0), ring)).toThrow(); // ciphertext
    const body = Buffer.from(enc.split(':')[4]!, 'base64url');
    expect(() => decryptSecret(flip(enc, 4, body.length - 1), ring)).toThrow(); // auth tag
    expect(() => decryptSecret(flip(enc, 3, 0), ring)).toThrow(); // IV
  });

  it('refuses a value relabelled with another key id (the id is authenticated)', () => {
    const twoIdsOneKey = keyringFrom('k2', K1, `k1:${K1}`);
    const enc = encryptSecret('x', twoIdsOneKey); // k2
    expect(decryptSecret(enc, twoIdsOneKey)).toBe('x');
    expect(() => decryptSecret(enc.replace(':k2:', ':k1:'), twoIdsOneKey)).toThrow();
  });

  it('refuses truncated and malformed values', () => {
    const enc = encryptSecret('x', ring);
    const parts = enc.split(':');
    expect(() => decryptSecret([...parts.slice(0, 4), Buffer.alloc(8).toString('base64url')].join(':'), ring)).toThrow(/truncated/);
    expect(() => decryptSecret('plain text', ring)).toThrow(/Not an encrypted secret/);
    expect(() => decryptSecret(enc.replace('enc:v1', 'enc:v9'), ring)).toThrow(/Not an encrypted secret/);
  });

  it('refuses a value encrypted under a different key with the same id', () => {
    const enc = encryptSecret('x', keyringFrom('k1', K2));
    expect(() => decryptSecret(enc, ring)).toThrow();
  });
});

describe('key rotation', () => {
  const before = keyringFrom('k1', K1);
  const after = keyringFrom('k2', K2, `k1:${K1}`);

  it('still decrypts values stored under a previous key', () => {
    const old = encryptSecret('old secret', before);
    expect(decryptSecret(old, after)).toBe('old secret');
  });

  it('encrypts new values under the current key only', () => {
    const fresh = encryptSecret('new secret', after);
    expect(secretKeyId(fresh)).toBe('k2');
    expect(() => decryptSecret(fresh, before)).toThrow(/No key with id k2/);
  });

  it('cannot decrypt once the previous key is dropped', () => {
    const old = encryptSecret('old secret', before);
    expect(() => decryptSecret(old, keyringFrom('k2', K2))).toThrow(/No key with id k1/);
  });

  it('accepts several previous keys and refuses malformed lists', () => {
    const K0 = key();
    const ring = keyringFrom('k2', K2, ` k0:${K0} , k1:${K1} `);
    expect(decryptSecret(encryptSecret('a', keyringFrom('k0', K0)), ring)).toBe('a');
    expect(decryptSecret(encryptSecret('b', before), ring)).toBe('b');
    expect(() => keyringFrom('k2', K2, K1)).toThrow(/keyId:base64Key/);
    expect(() => keyringFrom('k2', K2, `k1:${Buffer.alloc(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => keyringFrom('k1', 'short')).toThrow(/32 bytes/);
  });
});

describe('signToken / verifyToken', () => {
  const secret = 'a-tracking-secret-of-sufficient-length';

  it('round-trips a payload for its purpose', () => {
    const t = signToken({ m: 'msg-1', l: 42 }, 'open', secret);
    expect(verifyToken(t, 'open', secret)).toEqual({ m: 'msg-1', l: 42 });
  });

  it('is not valid for another purpose', () => {
    const t = signToken({ m: 'msg-1' }, 'unsubscribe', secret);
    expect(verifyToken(t, 'click', secret)).toBeNull();
    expect(verifyToken(t, 'unsubscribe', secret)).not.toBeNull();
  });

  it('is not valid under another secret', () => {
    expect(verifyToken(signToken({ a: 1 }, 'p', secret), 'p', `${secret}-rotated`)).toBeNull();
  });

  it('refuses a changed payload or signature', () => {
    const t = signToken({ lead: 'a' }, 'p', secret);
    const [body, mac] = t.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ lead: 'b' })).toString('base64url');
    expect(verifyToken(`${forged}.${mac}`, 'p', secret)).toBeNull();
    const otherMac = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    expect(verifyToken(`${body}.${otherMac}`, 'p', secret)).toBeNull();
    expect(verifyToken(`${body}.`, 'p', secret)).toBeNull();
    expect(verifyToken(body, 'p', secret)).toBeNull();
  });

  it('refuses junk without throwing', () => {
    for (const junk of ['', '.', 'a.b', '....', 'x'.repeat(3000), undefined as unknown as string, 42 as unknown as string]) {
      expect(verifyToken(junk, 'p', secret)).toBeNull();
    }
  });

  it('refuses a correctly signed body that is not a JSON object', () => {
    for (const raw of ['5', '"text"', 'null', 'not json']) {
      const body = Buffer.from(raw).toString('base64url');
      const token = `${body}.${hmac(secret, `p.${body}`).slice(0, 22)}`;
      expect(verifyToken(token, 'p', secret)).toBeNull();
    }
  });

  it('uses TRACKING_SECRET from the environment by default', () => {
    const t = signToken({ a: 1 }, 'p');
    expect(verifyToken(t, 'p', process.env.TRACKING_SECRET)).toEqual({ a: 1 });
    expect(verifyToken(t, 'p', secret)).toBeNull();
  });
});

describe('hash and token helpers', () => {
  it('sha256Hex matches the standard test vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('randomToken is url-safe, of the asked size and unique', () => {
    const a = randomToken(32);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(16)).toHaveLength(22);
    expect(new Set(Array.from({ length: 100 }, () => randomToken())).size).toBe(100);
  });

  it('safeEqual compares by value', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

/**
 * Secrets at rest (P4): AES-256-GCM with a key id, so keys can rotate. A value reads
 * `enc:v1:<keyId>:<iv>:<ciphertext+tag>` (base64url). The current key encrypts; previous keys
 * (ENCRYPTION_KEYS_PREVIOUS="k0:base64,…") still decrypt.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from './env';

type Keyring = { currentId: string; keys: Map<string, Buffer> };

export function keyringFrom(currentId: string, currentKey: string, previous?: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const entry of (previous ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const idx = entry.indexOf(':');
    if (idx < 1) throw new Error('ENCRYPTION_KEYS_PREVIOUS must be a comma-separated list of keyId:base64Key');
    keys.set(entry.slice(0, idx), decodeKey(entry.slice(idx + 1)));
  }
  keys.set(currentId, decodeKey(currentKey));
  return { currentId, keys };
}

function decodeKey(b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error('An encryption key must be 32 bytes, base64-encoded');
  return key;
}

let ring: Keyring | undefined;
function defaultKeyring(): Keyring {
  if (!ring) {
    const e = env();
    ring = keyringFrom(e.ENCRYPTION_KEY_ID, e.encryptionKey, e.ENCRYPTION_KEYS_PREVIOUS);
  }
  return ring;
}

export function encryptSecret(plaintext: string, keyring: Keyring = defaultKeyring()): string {
  const key = keyring.keys.get(keyring.currentId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keyring.currentId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `enc:v1:${keyring.currentId}:${iv.toString('base64url')}:${body.toString('base64url')}`;
}

export function decryptSecret(value: string, keyring: Keyring = defaultKeyring()): string {
  const parts = value.split(':');
  if (parts.length !== 5 || parts[0] !== 'enc' || parts[1] !== 'v1') throw new Error('Not an encrypted secret');
  const [, , keyId, ivB64, bodyB64] = parts as [string, string, string, string, string];
  const key = keyring.keys.get(keyId);
  if (!key) throw new Error(`No key with id ${keyId} to decrypt this secret`);
  const body = Buffer.from(bodyB64, 'base64url');
  if (body.length < 16) throw new Error('Encrypted secret is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64url'));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
}

/** The key id a stored secret was encrypted with (for rotation jobs). */
export const secretKeyId = (value: string): string | undefined => value.split(':')[2];

export const sha256Hex = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export function hmac(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * A compact signed token: base64url(JSON payload) + '.' + HMAC. Used for tracking, unsubscribe and
 * invitation links. `purpose` is mixed into the MAC so a token for one use is never valid for another.
 */
export function signToken(payload: Record<string, unknown>, purpose: string, secret = env().trackingSecret): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${hmac(secret, `${purpose}.${body}`).slice(0, 22)}`;
}

export function verifyToken<T = Record<string, unknown>>(token: string, purpose: string, secret = env().trackingSecret): T | null {
  if (typeof token !== 'string' || token.length > 2048) return null;
  const dot = token.lastIndexOf('.');
  if (dot < 1) return null;
  const body = token.slice(0, dot);
  const mac = token.slice(dot + 1);
  if (!safeEqual(mac, hmac(secret, `${purpose}.${body}`).slice(0, 22))) return null;
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' ? (value as T) : null;
  } catch {
    return null;
  }
}

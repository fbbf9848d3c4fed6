import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../../src/lib/auth/password';

describe('hashPassword / verifyPassword', () => {
  it('stores scrypt parameters, salt and hash, and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password 1'), hashPassword('same password 1')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password 1', b)).toBe(true);
  });

  it('normalises Unicode (NFKC) so the same password typed differently verifies', async () => {
    const stored = await hashPassword('ﬁnance-Café-2026'); // "ﬁ" ligature
    expect(await verifyPassword('finance-Café-2026', stored)).toBe(true);
    expect(await verifyPassword('finance-Cafe\u0301-2026', stored)).toBe(true); // decomposed é
  });

  it('says no to missing, foreign or damaged hashes', async () => {
    const stored = await hashPassword('a good password');
    const parts = stored.split('$');
    const damaged = [...parts.slice(0, 5), Buffer.alloc(32, 9).toString('base64')].join('$');
    for (const bad of [null, undefined, '', 'bcrypt$2b$10$abc', '$2b$10$N9qo8uLOickgx2ZMRZoMye', damaged]) {
      expect(await verifyPassword('a good password', bad)).toBe(false);
    }
  });

  it('honours the parameters stored with an older hash', async () => {
    const stored = await hashPassword('parameter check');
    // Same salt and key, but a hash claiming other parameters must not verify.
    expect(await verifyPassword('parameter check', stored.replace('scrypt$32768$', 'scrypt$16384$'))).toBe(false);
  });
});

describe('passwordProblem', () => {
  it.each<[string, string | undefined, RegExp | null]>([
    ['short1!', undefined, /at least 10/],
    ['123456789', undefined, /at least 10/],
    ['abcdefghij', undefined, null], // exactly 10, varied
    ['a'.repeat(199) + 'b', undefined, /more different/],
    ['abcdefghij'.repeat(20), undefined, null], // exactly 200
    ['abcdefghij'.repeat(20) + 'k', undefined, /at most 200/],
    ['password123', undefined, /too common/],
    ['PassWord123', undefined, /too common/],
    ['qwertyuiop', undefined, /too common/],
    ['aaaaabbbbb', undefined, /more different/],
    ['abababababab', undefined, /more different/],
    ['abcdabcdabcd', undefined, /more different/],
    ['abcdeabcde', undefined, null],
    ['jane.doe-2026!', 'jane.doe@example.com', /email address/],
    ['xxJANE.DOExx1', 'Jane.Doe@example.com', /email address/],
    ['bob-rocks-2026', 'bob@example.com', null], // local part shorter than 4 characters is not checked
    ['correct horse battery staple', 'jane@example.com', null],
  ])('%j (email %s)', (password, email, expected) => {
    const problem = passwordProblem(password, email);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

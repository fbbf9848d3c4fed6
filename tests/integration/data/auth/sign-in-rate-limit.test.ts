/**
 * Sign-in rate limits through the accounts service (local identity): failures per email, attempts per IP,
 * with a clear "try again in N minutes", and a successful sign-in clearing the email's failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../../src/features/accounts';
import { resetEnvForTests } from '../../../../src/lib/env';
import { testDb, type TTestDb } from '../../../support/db';
import { appErrorOf, deps, meta, PASSWORD, signUpLocal } from './support';

const LIMITS = { SIGNIN_MAX_ATTEMPTS_PER_EMAIL: '3', SIGNIN_MAX_ATTEMPTS_PER_IP: '6', SIGNIN_WINDOW_MINUTES: '1440' };
const saved: Record<string, string | undefined> = {};
let h: TTestDb;

beforeAll(async () => {
  for (const [k, v] of Object.entries(LIMITS)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  resetEnvForTests();
  h = await testDb();
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  await h?.close();
});

describe('sign-in rate limits', () => {
  it('blocks an email after 3 failures, even with the right password, from any network', async () => {
    const u = await signUpLocal(h.db);
    const m = meta();
    for (let i = 0; i < 3; i++) {
      const e = await appErrorOf(signIn(deps(h.db, m), { email: u.email, password: 'wrong password 1' }));
      expect(e.code).toBe('UNAUTHORIZED');
      expect(e.message).toBe('That email and password do not match. Check them, or reset your password.');
    }
    const d = deps(h.db, m);
    const blocked = await appErrorOf(signIn(d, { email: u.email, password: PASSWORD }));
    expect(blocked.code).toBe('RATE_LIMITED');
    expect(blocked.message).toMatch(/^Too many failed sign-in attempts for this account\. Try again in \d+ minutes?\.$/);
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect(d.jar.pending).toEqual([]); // no session was started

    expect((await appErrorOf(signIn(deps(h.db, meta('203.0.113.99')), { email: u.email.toUpperCase(), password: PASSWORD }))).code).toBe('RATE_LIMITED');
  });

  it('counts failures per email: another account on the same network still signs in', async () => {
    const victim = await signUpLocal(h.db);
    const other = await signUpLocal(h.db);
    const m = meta();
    for (let i = 0; i < 3; i++) await appErrorOf(signIn(deps(h.db, m), { email: victim.email, password: 'wrong password 1' }));
    const d = deps(h.db, m);
    expect(await signIn(d, { email: other.email, password: PASSWORD })).toMatchObject({ userId: other.userId, orgId: other.orgId });
    expect(d.jar.pending.map((c) => c.name)).toContain('lp_session');
  });

  it('clears an email’s failures when the right password is given in time', async () => {
    const u = await signUpLocal(h.db);
    const m = meta();
    const fail = () => appErrorOf(signIn(deps(h.db, m), { email: u.email, password: 'wrong password 1' }));
    await fail();
    await fail();
    await signIn(deps(h.db, m), { email: u.email, password: PASSWORD });
    expect((await fail()).code).toBe('UNAUTHORIZED');
    expect((await fail()).code).toBe('UNAUTHORIZED');
    expect(await signIn(deps(h.db, m), { email: u.email, password: PASSWORD })).toMatchObject({ userId: u.userId });
  });

  it('blocks a network after 6 attempts of any kind, and only that network', async () => {
    const u = await signUpLocal(h.db);
    const m = meta('192.0.2.66');
    for (let i = 0; i < 6; i++) {
      if (i % 2) await signIn(deps(h.db, m), { email: u.email, password: PASSWORD });
      else await appErrorOf(signIn(deps(h.db, m), { email: `nobody-${i}@example.com`, password: 'wrong password 1' }));
    }
    const blocked = await appErrorOf(signIn(deps(h.db, m), { email: u.email, password: PASSWORD }));
    expect(blocked.code).toBe('RATE_LIMITED');
    expect(blocked.message).toMatch(/^Too many sign-in attempts from this network\. Try again in \d+ minutes?\.$/);
    expect(await signIn(deps(h.db, meta('192.0.2.67')), { email: u.email, password: PASSWORD })).toMatchObject({ userId: u.userId });
  });

  it('says the same thing for an unknown email as for a wrong password', async () => {
    const e = await appErrorOf(signIn(deps(h.db), { email: 'no-such-person@example.com', password: PASSWORD }));
    expect(e.code).toBe('UNAUTHORIZED');
    expect(e.message).toBe('That email and password do not match. Check them, or reset your password.');
  });
});

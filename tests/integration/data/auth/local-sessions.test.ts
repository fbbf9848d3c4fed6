/**
 * Local-mode sessions: the cookie's attributes, who it authenticates, and when it stops working (expired
 * row or token, signed out, tampered, forged, banned user).
 */
import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, one, sql } from '../../../../src/db';
import { signIn, signOut } from '../../../../src/features/accounts';
import { authenticate, jarFromHeader, SESSION_COOKIE } from '../../../../src/lib/auth';
import { localIdentity } from '../../../../src/lib/auth/local';
import { testDb, type TTestDb } from '../../../support/db';
import { deps, PASSWORD, signUpLocal } from './support';

let h: TTestDb;
beforeAll(async () => {
  h = await testDb();
});
afterAll(async () => h?.close());

const who = async (cookieHeader: string) => authenticate(h.db, jarFromHeader(cookieHeader));
const secret = () => new TextEncoder().encode(process.env.SESSION_SECRET!);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('local sessions', () => {
  it('set an HttpOnly, SameSite=Lax cookie for 30 days, Secure only over https', async () => {
    const plain = await signUpLocal(h.db);
    expect(plain.cookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: false, path: '/' });
    const days = (plain.cookie.options!.expires!.getTime() - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    expect(decodeJwt(plain.cookie.value).exp! * 1000).toBe(plain.cookie.options!.expires!.getTime() - (plain.cookie.options!.expires!.getTime() % 1000));
    const secure = await signUpLocal(h.db, { secure: true });
    expect(secure.cookie.options?.secure).toBe(true);
  });

  it('authenticate the user in their organization', async () => {
    const u = await signUpLocal(h.db);
    const o = await who(u.header);
    expect(o.kind).toBe('user');
    if (o.kind !== 'user') return;
    expect(o.ctx).toMatchObject({ userId: u.userId, email: u.email, orgId: u.orgId, role: 'owner', via: 'session' });
    expect(o.ctx.claims).toMatchObject({ sub: u.userId, role: 'authenticated', org_id: u.orgId });
    expect(o.ctx.claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('stop working when the session row expires', async () => {
    const u = await signUpLocal(h.db);
    const { sid } = decodeJwt(u.cookie.value) as { sid: string };
    await asService(h.db, (tx) => tx.execute(sql`update local_auth.sessions set expires_at = now() - interval '1 second' where id = ${sid}::uuid`));
    expect((await who(u.header)).kind).toBe('anonymous');
  });

  it('stop working when the token expires, even if the row has not', async () => {
    const u = await signUpLocal(h.db);
    const { sid } = decodeJwt(u.cookie.value) as { sid: string };
    const stale = await new SignJWT({ sid }).setProtectedHeader({ alg: 'HS256' }).setSubject(u.userId)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(secret());
    expect((await who(`${SESSION_COOKIE}=${stale}`)).kind).toBe('anonymous');
    expect((await who(u.header)).kind).toBe('user');
  });

  it('are revoked on sign-out: the cookie is cleared and a copy of it no longer works', async () => {
    const u = await signUpLocal(h.db);
    const other = deps(h.db);
    await signIn(other, { email: u.email, password: PASSWORD }); // a second device
    const otherHeader = `${SESSION_COOKIE}=${other.jar.pending.find((c) => c.name === SESSION_COOKIE)!.value}`;

    const jar = jarFromHeader(u.header);
    await signOut({ db: h.db, identity: localIdentity, jar });
    expect(jar.pending).toContainEqual({ name: SESSION_COOKIE, value: '', options: { maxAge: 0, path: '/' } });
    expect((await who(u.header)).kind).toBe('anonymous');
    const { sid } = decodeJwt(u.cookie.value) as { sid: string };
    const row = await asService(h.db, (tx) => one<{ revoked: boolean }>(tx, sql`select revoked_at is not null as revoked from local_auth.sessions where id = ${sid}::uuid`));
    expect(row?.revoked).toBe(true);
    expect((await who(otherHeader)).kind).toBe('user'); // signing out ends this session only
  });

  it('refuse a tampered or forged cookie', async () => {
    const u = await signUpLocal(h.db);
    const v = await signUpLocal(h.db);
    const [header, payload, sig] = u.cookie.value.split('.') as [string, string, string];
    const claims = decodeJwt(u.cookie.value) as { sid: string; sub: string };
    const vSid = (decodeJwt(v.cookie.value) as { sid: string }).sid;

    const swapped = `${header}.${b64({ ...claims, sid: vSid, sub: v.userId })}.${sig}`; // someone else's session, old signature
    const flipped = `${header}.${payload}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const otherKey = await new SignJWT({ sid: claims.sid }).setProtectedHeader({ alg: 'HS256' }).setSubject(u.userId).setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-of-the-right-length-000000'));
    // Correctly signed, but naming u's session for v's account: the row must belong to the subject.
    const mismatched = await new SignJWT({ sid: claims.sid }).setProtectedHeader({ alg: 'HS256' }).setSubject(v.userId).setExpirationTime('1h').sign(secret());
    const missingSid = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(u.userId).setExpirationTime('1h').sign(secret());

    for (const token of [swapped, flipped, unsigned, otherKey, mismatched, missingSid, 'garbage', '']) {
      expect((await who(`${SESSION_COOKIE}=${token}`)).kind, token).toBe('anonymous');
    }
    expect((await who(u.header)).kind).toBe('user');
  });

  it('stop working while the user is banned', async () => {
    const u = await signUpLocal(h.db);
    await asService(h.db, (tx) => tx.execute(sql`update auth.users set banned_until = now() + interval '1 day' where id = ${u.userId}::uuid`));
    expect((await who(u.header)).kind).toBe('anonymous');
  });
});

/** Shared bits of the accounts data-layer tests: actors built from people, error codes, raw reads. */
import { expect } from 'vitest';
import { asService, one, rows, sql, withUser, type Db, type TClaims } from '../../../../src/db';
import type { TRole } from '../../../../src/db/schema';
import { toAppError } from '../../../../src/lib/http/respond';
import { createPerson, uniqueEmail, type TPerson } from '../../../support/world';

export const onPglite = () => process.env.TEST_DB === 'pglite';

export type TActor = {
  orgId: string; orgName: string; userId: string; email: string; fullName: string | null; role: TRole; claims: TClaims; ip?: string;
};

/** What the app passes as "the actor" for a person acting in their organization. */
export function actorOf(p: TPerson, role: TRole, orgName = 'Test Org'): TActor {
  return { orgId: p.orgId, orgName, userId: p.userId, email: p.email, fullName: null, role, claims: p.claims, ip: '203.0.113.7' };
}

/** An organization with an owner, an admin and a member. */
export async function team(db: Db, orgName = 'Test Org') {
  const owner = await createPerson(db, { orgName, fullName: 'Olga Owner' });
  const admin = await createPerson(db, { join: { orgId: owner.orgId, role: 'admin' }, fullName: 'Adam Admin' });
  const member = await createPerson(db, { join: { orgId: owner.orgId, role: 'member' }, fullName: 'Mia Member' });
  return { owner, admin, member, a: { owner: actorOf(owner, 'owner', orgName), admin: actorOf(admin, 'admin', orgName), member: actorOf(member, 'member', orgName) } };
}

/** A signed-up identity (auth.users row) without any organization yet. */
export async function createIdentity(db: Db, email = uniqueEmail('identity')) {
  const row = await asService(db, (tx) => one<{ id: string }>(tx, sql`insert into auth.users (email, email_confirmed_at) values (${email}, now()) returning id`));
  return { userId: row!.id, email };
}

export const as = <T>(db: Db, p: { claims: TClaims }, fn: (tx: Db) => Promise<T>) => withUser(db, p.claims, fn);

/** The stable error code a caller would see for whatever `p` throws. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return toAppError(e).code;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export async function expectCode(p: Promise<unknown>, code: string, message?: RegExp) {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${code}`).toBeDefined();
  const app = toAppError(err);
  expect(app.code).toBe(code);
  if (message) expect(app.message).toMatch(message);
  return app;
}

export async function roleOf(db: Db, orgId: string, userId: string): Promise<TRole | undefined> {
  const r = await asService(db, (tx) => one<{ role: TRole }>(tx, sql`select role from public.memberships where org_id = ${orgId}::uuid and user_id = ${userId}::uuid`));
  return r?.role;
}

export async function auditActions(db: Db, orgId: string): Promise<{ action: string; actor_id: string | null; actor_type: string; target_id: string | null; ip: string | null; metadata: Record<string, unknown> }[]> {
  return asService(db, (tx) =>
    rows(tx, sql`select action, actor_id, actor_type, target_id, ip, metadata from public.audit_log where org_id = ${orgId}::uuid order by created_at, id`),
  );
}

export async function mailTo(db: Db, email: string) {
  return asService(db, (tx) =>
    rows<{ id: string; subject: string; html: string | null; text: string | null; feature: string }>(
      tx,
      sql`select id, subject, html, text, feature from app_private.dev_mailbox where ${email} = any(to_addresses) order by created_at`,
    ),
  );
}

/**
 * fromDatabaseError against errors both real drivers throw (postgres.js and PGlite, wrapped by Drizzle):
 * RLS refusals, unique and foreign-key violations, CHECK failures, and our own `RAISE 'CODE: message'`.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, sql, withUser, type Db } from '../../../src/db';
import { fromDatabaseError } from '../../../src/lib/errors';
import { testDb, type TTestDb } from '../../support/db';
import { createPerson, type TPerson } from '../../support/world';

let h: TTestDb;
let A: TPerson;
let B: TPerson;
beforeAll(async () => {
  h = await testDb();
  A = await createPerson(h.db);
  B = await createPerson(h.db);
});
afterAll(async () => h?.close());

async function mapped(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return { app: fromDatabaseError(e), raw: e };
  }
  throw new Error('expected the statement to fail');
}
const service = (fn: (tx: Db) => Promise<unknown>) => asService(h.db, fn);

describe('database errors → AppError', () => {
  it('RLS refusal (42501) → FORBIDDEN', async () => {
    const { app } = await mapped(withUser(h.db, B.claims, (tx) => tx.execute(sql`insert into public.api_keys (org_id, name, prefix, key_hash, created_by)
      values (${A.orgId}, 'x', ${randomUUID()}, ${randomUUID()}, ${B.userId})`)));
    expect(app?.code).toBe('FORBIDDEN');
  });

  it('unique violation (23505) → CONFLICT naming the constraint', async () => {
    const slug = `dup-${randomUUID().slice(0, 8)}`;
    await service((tx) => tx.execute(sql`insert into public.organizations (name, slug) values ('One', ${slug})`));
    const { app } = await mapped(service((tx) => tx.execute(sql`insert into public.organizations (name, slug) values ('Two', ${slug})`)));
    expect(app?.code).toBe('CONFLICT');
    expect(app?.details).toEqual({ constraint: 'organizations_slug_key' });
  });

  it('foreign-key violation (23503) → INVALID_INPUT', async () => {
    const { app } = await mapped(service((tx) => tx.execute(sql`insert into public.memberships (org_id, user_id, role) values (${randomUUID()}, ${A.userId}, 'member')`)));
    expect(app?.code).toBe('INVALID_INPUT');
  });

  it('CHECK violation (23514) → INVALID_INPUT', async () => {
    const { app } = await mapped(service((tx) => tx.execute(sql`update public.organizations set name = '   ' where id = ${A.orgId}::uuid`)));
    expect(app?.code).toBe('INVALID_INPUT');
  });

  it("our own RAISE 'CONFLICT: …' (P0001) → that code and message", async () => {
    const { app } = await mapped(withUser(h.db, A.claims, (tx) => tx.execute(sql`delete from public.memberships where org_id = ${A.orgId}::uuid and user_id = ${A.userId}::uuid`)));
    expect(app?.code).toBe('CONFLICT');
    expect(app?.message).toBe('An organization needs at least one owner. Make someone else an owner first.');
  });

  it('leaves other failures (a bug: undefined column) unmapped, so they become INTERNAL', async () => {
    const { app, raw } = await mapped(service((tx) => tx.execute(sql`select no_such_column from public.organizations`)));
    expect(app).toBeUndefined();
    expect(raw).toBeInstanceOf(Error);
  });
});

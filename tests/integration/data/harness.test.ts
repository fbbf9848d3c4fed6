import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql, withUser } from '../../../src/db';
import { testDb, type TTestDb } from '../../support/db';
import { createPerson } from '../../support/world';

let h: TTestDb;
beforeAll(async () => {
  h = await testDb();
});
afterAll(async () => h?.close());

describe('test database harness', () => {
  it('runs queries as the signed-in user under RLS', async () => {
    const a = await createPerson(h.db, { orgName: 'Alpha' });
    const b = await createPerson(h.db, { orgName: 'Beta' });
    const seenByA = await withUser(h.db, a.claims, (tx) => rows<{ name: string }>(tx, sql`select name from organizations`));
    expect(seenByA.map((r) => r.name)).toEqual(['Alpha']);
    const seenByB = await withUser(h.db, b.claims, (tx) => rows<{ name: string }>(tx, sql`select name from organizations`));
    expect(seenByB.map((r) => r.name)).toEqual(['Beta']);
  });
});

/** Shared set-up for the leads data tests: a database, two organizations, and helpers to act as a person. */
import { withUser, type Db } from '../../../../src/db';
import type { TActor } from '../../../../src/features/leads';
import { toAppError } from '../../../../src/lib/http/respond';
import { createPerson, type TPerson } from '../../../support/world';

export const as = <T>(db: Db, p: TPerson, fn: (tx: Db) => Promise<T>) => withUser(db, p.claims, fn);
export const actorOf = (p: TPerson): TActor => ({ orgId: p.orgId, userId: p.userId });

export async function twoOrgs(db: Db) {
  const a = await createPerson(db, { orgName: 'Alpha' });
  const b = await createPerson(db, { orgName: 'Beta' });
  const aMember = await createPerson(db, { join: { orgId: a.orgId, role: 'member' } });
  return { a, b, aMember };
}

/** Awaits a promise expected to fail with this error code (as the route helper would answer it). */
export async function failsWith(p: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    if (err.code !== code) throw new Error(`expected ${code}, got ${err.code ?? 'no code'}: ${err.message}`, { cause: e });
    if (message && !message.test(err.message ?? '')) throw new Error(`expected message ${message}, got "${err.message}"`);
    return;
  }
  throw new Error(`expected ${code}, but it succeeded`);
}

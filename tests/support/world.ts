/** Builds people and organizations through the real services, for integration and RLS tests. */
import { randomBytes } from 'node:crypto';
import { asService, one, sql, type Db, type TClaims } from '../../src/db';
import { ensureAccount } from '../../src/features/accounts';
import type { TRole } from '../../src/db/schema';

export type TPerson = { userId: string; email: string; orgId: string; claims: TClaims };

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomBytes(4).toString('hex')}@example.com`;

/** A new user who owns a new organization (or joins `join` with a role). */
export async function createPerson(db: Db, opts: { email?: string; fullName?: string; orgName?: string; join?: { orgId: string; role: TRole } } = {}): Promise<TPerson> {
  const email = opts.email ?? uniqueEmail();
  const row = await asService(db, (tx) =>
    one<{ id: string }>(tx, sql`insert into auth.users (email, email_confirmed_at) values (${email}, now()) returning id`),
  );
  const userId = row!.id;
  let orgId: string;
  if (opts.join) {
    await asService(db, async (tx) => {
      await tx.execute(sql`insert into public.users (id, email, full_name) values (${userId}, ${email}, ${opts.fullName ?? null})`);
      await tx.execute(sql`insert into public.memberships (org_id, user_id, role) values (${opts.join!.orgId}, ${userId}, ${opts.join!.role})`);
    });
    orgId = opts.join.orgId;
  } else {
    orgId = (await ensureAccount(db, { userId, email, fullName: opts.fullName ?? 'Test Person' }, { orgName: opts.orgName ?? 'Test Org' })).orgId!;
  }
  return { userId, email, orgId, claims: { sub: userId, role: 'authenticated', email, org_id: orgId } };
}

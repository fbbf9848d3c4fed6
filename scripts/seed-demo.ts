/**
 * `npm run seed:demo`: a demo organization "Demo Co" to look around in — an owner
 * (demo@leadpilot.local) and a member (demo-member@leadpilot.local), with passwords printed once.
 * Safe to run twice: an existing demo is reported, not duplicated. `npm run seed:demo -- --reset-password`
 * gives the demo accounts new passwords.
 *
 * Works against DATABASE_URL or the local PGlite database (which only one process may open: stop
 * `npm run dev` first). Local accounts only: in cloud mode people sign up through Supabase Auth.
 */
import { randomBytes } from 'node:crypto';
import { env, EnvError } from '@/lib/env';
import { asService, closeDb, getDbHandle, one, sql, withUser, type Db } from '@/db';
import { migrate } from '@/db/migrate';
import { hashPassword, passwordProblem } from '@/lib/auth/password';
import { revokeAllLocalSessions } from '@/lib/auth/local-session';
import { createInvitation, createOrganization, ensureAccount, updateOrganization, ZUpdateOrganization } from '@/features/accounts';

const ORG_NAME = 'Demo Co';
const OWNER = { email: 'demo@leadpilot.local', fullName: 'Dana Demo' };
const MEMBER = { email: 'demo-member@leadpilot.local', fullName: 'Max Member' };

/** 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I) or punctuation: easy to copy. */
function newPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (;;) {
    const pw = [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
    if (!passwordProblem(pw)) return pw;
  }
}

async function findUser(db: Db, email: string) {
  return asService(db, (tx) => one<{ id: string }>(tx, sql`select id from auth.users where lower(email) = lower(${email})`));
}

async function demoOrgOf(db: Db, userId: string) {
  return asService(db, (tx) =>
    one<{ id: string }>(
      tx,
      sql`select o.id from public.organizations o join public.memberships m on m.org_id = o.id
          where m.user_id = ${userId}::uuid and o.name = ${ORG_NAME} order by o.created_at limit 1`,
    ),
  );
}

/** A local account (auth.users, the local identity provider's scrypt hash). */
async function createLocalUser(db: Db, who: { email: string; fullName: string }, password: string): Promise<string> {
  const hash = await hashPassword(password);
  const row = await asService(db, (tx) =>
    one<{ id: string }>(
      tx,
      sql`insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
          values (${who.email}, ${hash}, now(), ${JSON.stringify({ full_name: who.fullName })}::jsonb)
          returning id`,
    ),
  );
  return row!.id;
}

async function setPassword(db: Db, userId: string, password: string) {
  const hash = await hashPassword(password);
  await asService(db, (tx) => tx.execute(sql`update auth.users set encrypted_password = ${hash}, updated_at = now() where id = ${userId}::uuid`));
  await revokeAllLocalSessions(db, userId);
}

async function main() {
  const e = env();
  const resetPassword = process.argv.includes('--reset-password');
  if (e.mode !== 'local') {
    console.error('seed:demo creates local accounts and runs in local mode only. In cloud mode, sign up in the app (Supabase Auth) and invite your team.');
    process.exit(1);
  }
  const h = await getDbHandle();
  await migrate(h);
  const db = h.db;

  const owner = await findUser(db, OWNER.email);
  const existingOrg = owner ? await demoOrgOf(db, owner.id) : undefined;
  if (owner && existingOrg) {
    if (resetPassword) {
      const pw = newPassword();
      await setPassword(db, owner.id, pw);
      const member = await findUser(db, MEMBER.email);
      const memberPw = member ? newPassword() : undefined;
      if (member && memberPw) await setPassword(db, member.id, memberPw);
      console.log(`\nNew passwords for the ${ORG_NAME} demo (${h.label}); earlier sessions are signed out:\n`);
      console.log(`  owner   ${OWNER.email}   ${pw}`);
      if (member && memberPw) console.log(`  member  ${MEMBER.email}   ${memberPw}`);
      console.log(`\nSign in at ${e.APP_URL}/login\n`);
    } else {
      console.log(`\n${ORG_NAME} already exists in ${h.label} (owner ${OWNER.email}, member ${MEMBER.email}). Nothing changed.\n`);
      console.log('Forgot the password? Either:');
      console.log('  npm run seed:demo -- --reset-password     (prints new passwords; stop `npm run dev` first when using the local database)');
      console.log(`  or use "Forgot password?" at ${e.APP_URL}/forgot-password — the email lands in ${e.APP_URL}/dev/mailbox\n`);
    }
    return;
  }

  // Owner and organization (through the same service sign-up uses).
  const ownerPw = owner ? undefined : newPassword();
  const ownerId = owner?.id ?? (await createLocalUser(db, OWNER, ownerPw!));
  let orgId: string;
  if (owner) {
    orgId = (await createOrganization(db, { userId: ownerId, email: OWNER.email }, ORG_NAME)).id;
  } else {
    const r = await ensureAccount(db, { userId: ownerId, email: OWNER.email, fullName: OWNER.fullName }, { fullName: OWNER.fullName, orgName: ORG_NAME });
    if (!r.orgId) throw new Error('the demo organization was not created');
    orgId = r.orgId;
  }
  const ownerClaims = { sub: ownerId, role: 'authenticated' as const, email: OWNER.email, org_id: orgId };
  const actor = { orgId, userId: ownerId, orgName: ORG_NAME, role: 'owner' as const, fullName: OWNER.fullName, email: OWNER.email };

  await withUser(db, ownerClaims, (tx) =>
    updateOrganization(
      tx,
      actor,
      ZUpdateOrganization.parse({
        name: ORG_NAME,
        timezone: 'Europe/Berlin',
        sendWindowStart: '09:00',
        sendWindowEnd: '17:00',
        sendDays: [1, 2, 3, 4, 5],
        postalAddress: 'Demo Co GmbH, Musterstraße 1, 10115 Berlin, Germany',
        businessContext: {
          company_name: ORG_NAME,
          industry: 'B2B software',
          target_audience: 'Heads of sales at European SaaS companies with 20–200 employees',
          value_proposition: 'We book qualified meetings for your reps without adding headcount.',
          tone: 'consultative',
          key_pain_points: ['Reps spend hours on manual prospecting', 'Low reply rates on generic sequences'],
          case_studies: ['Acme SaaS: 3× more meetings in 60 days'],
          cta: 'Open to a 15-minute call next week?',
          sender_name: OWNER.fullName,
          sender_title: 'Head of Growth',
        },
      }),
    ),
  );

  // A member who joins through an invitation, as a real member would.
  let memberPw: string | undefined;
  let member = await findUser(db, MEMBER.email);
  if (!member) {
    memberPw = newPassword();
    member = { id: await createLocalUser(db, MEMBER, memberPw) };
  }
  const { token } = await withUser(db, ownerClaims, (tx) => createInvitation(tx, actor, { email: MEMBER.email, role: 'member' }));
  await ensureAccount(db, { userId: member.id, email: MEMBER.email, fullName: MEMBER.fullName }, { fullName: MEMBER.fullName, invitationToken: token });

  console.log(`\nCreated the demo organization "${ORG_NAME}" in ${h.label}.\n`);
  console.log(`  owner   ${OWNER.email}   ${ownerPw ?? '(existing account: password unchanged)'}`);
  console.log(`  member  ${MEMBER.email}   ${memberPw ?? '(existing account: password unchanged)'}`);
  console.log(`\nThe passwords are shown this once. Sign in at ${e.APP_URL}/login (start the app with \`npm run dev\`).\n`);
}

main()
  .then(() => closeDb())
  .catch(async (e) => {
    const msg = e instanceof EnvError ? e.message : (e as Error).message;
    console.error(`seed:demo failed: ${msg}`);
    if (/in use by another LeadPilot process/.test(msg)) console.error('Stop `npm run dev` first (the local database allows one process at a time), then run `npm run seed:demo` again.');
    await closeDb().catch(() => {});
    process.exit(1);
  });

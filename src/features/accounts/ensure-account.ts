/**
 * After an identity exists (local sign-up, Supabase sign-up, first OAuth sign-in) make sure the app has
 * its profile and an organization: join the invited one, or create one with the user as owner.
 */
import { asService, one, sql, type Db } from '@/db';
import type { TIdentity } from '@/lib/auth';
import { notify } from '@/features/notifications';
import { createOrganizationFor } from './organization';
import { acceptInvitationTx } from './invitations';
import { recordAudit } from './audit';

export async function ensureAccount(
  db: Db,
  identity: TIdentity,
  opts: { fullName?: string | null; orgName?: string; invitationToken?: string; ip?: string; createOrg?: boolean } = {},
): Promise<{ orgId: string | null; created: boolean }> {
  return asService(db, async (tx) => {
    const fullName = opts.fullName ?? identity.fullName ?? null;
    const inserted = await one<{ id: string }>(
      tx,
      sql`insert into public.users (id, email, full_name) values (${identity.userId}, ${identity.email}, ${fullName})
          on conflict (id) do nothing returning id`,
    );
    const created = Boolean(inserted);
    if (opts.invitationToken) {
      const { orgId } = await acceptInvitationTx(tx, identity, opts.invitationToken, opts.ip);
      if (created) await welcome(tx, orgId, identity.userId);
      return { orgId, created };
    }
    const existing = await one<{ org_id: string }>(
      tx,
      sql`select org_id from public.memberships where user_id = ${identity.userId}::uuid order by created_at limit 1`,
    );
    if (existing) return { orgId: existing.org_id, created };
    // Signing in never invents an organization: someone removed from their last one chooses at /welcome.
    if (opts.createOrg === false) return { orgId: null, created };
    const name = opts.orgName || (fullName ? `${fullName.split(' ')[0]}'s team` : `${identity.email.split('@')[1] ?? 'My'} team`);
    const org = await createOrganizationFor(tx, identity.userId, name);
    await recordAudit(tx, { orgId: org.id, actorId: identity.userId, action: 'account.signed_up', targetType: 'user', targetId: identity.userId, ip: opts.ip });
    await welcome(tx, org.id, identity.userId);
    return { orgId: org.id, created };
  });
}

async function welcome(tx: Db, orgId: string, userId: string) {
  await notify(tx, {
    orgId,
    userIds: [userId],
    type: 'welcome',
    title: 'Welcome to LeadPilot',
    body: 'Import a lead list or connect a mailbox to get started. The checklist on your dashboard shows the next step.',
    actionUrl: '/dashboard',
  });
}

'use server';
/** Settings form actions: thin — validate with the shared schemas, call the feature, refresh the page. */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ORG_COOKIE, asUser, type TUserContext } from '@/lib/auth';
import { requestMeta, userAction } from '@/lib/http/action';
import { productMailer } from '@/lib/mail';
import { auditRow } from './audit/rows';
import {
  ZAuditQuery, ZCreateApiKey, ZIdRef, ZInvite, ZOrganizationForm, zRole,
  changeMemberRole, createApiKey, findAuditLog, getOrganization, inviteMember, removeMember, revokeApiKey, revokeInvitation, updateOrganization,
} from '@/features/accounts';
import { ZPreferencesForm, updatePreferences, type TPrefs } from '@/features/notifications';

const ADMINS = { roles: ['owner', 'admin'] as ('owner' | 'admin')[] };

/** The acting user plus the request's IP, for the audit log. */
async function actor(ctx: TUserContext) {
  const { ip } = await requestMeta();
  return { ...ctx, ip };
}

export const updateOrganizationAction = userAction(
  ZOrganizationForm,
  async ({ input, ctx, db }) => {
    await updateOrganization(db, await actor(ctx), input);
    revalidatePath('/', 'layout'); // the organization name shows in the sidebar too
    return { message: 'Organization settings saved.' };
  },
  ADMINS,
);

export const inviteMemberAction = userAction(
  ZInvite,
  async ({ input, ctx, db }) => {
    // transaction: false — inviteMember stores the invitation in its own RLS transaction, then emails it.
    const r = await inviteMember(db, { mailer: productMailer(db) }, await actor(ctx), input);
    revalidatePath('/settings/members');
    return { data: { email: input.email, link: r.link, emailed: r.emailed } };
  },
  { ...ADMINS, transaction: false },
);

const ZMemberForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('role'), userId: z.uuid(), role: zRole }),
  z.object({ intent: z.literal('remove'), userId: z.uuid() }),
]);

/** Role changes and removals (or leaving) from the members table. */
export const memberAction = userAction(
  ZMemberForm,
  async ({ input, ctx }) => {
    const who = await actor(ctx);
    if (input.intent === 'role') {
      await asUser(ctx, (db) => changeMemberRole(db, who, { userId: input.userId, role: input.role }));
      revalidatePath('/settings/members');
      return { message: 'Role changed.' };
    }
    await asUser(ctx, (db) => removeMember(db, who, { userId: input.userId }));
    if (input.userId === ctx.userId) {
      // Left the organization: forget it as the active one and start over from the dashboard.
      const meta = await requestMeta();
      meta.jar.delete(ORG_COOKIE);
      redirect('/dashboard');
    }
    revalidatePath('/settings/members');
    return { message: `Member removed from ${ctx.orgName}. Their API keys here were revoked.` };
  },
  { transaction: false },
);

export const revokeInvitationAction = userAction(
  ZIdRef,
  async ({ input, ctx, db }) => {
    const inv = await revokeInvitation(db, await actor(ctx), input.id);
    revalidatePath('/settings/members');
    return { message: `Invitation to ${inv.email} withdrawn. The link no longer works.` };
  },
  ADMINS,
);

export const createApiKeyAction = userAction(
  ZCreateApiKey,
  async ({ input, ctx, db }) => {
    const k = await createApiKey(db, await actor(ctx), input);
    revalidatePath('/settings/api-keys');
    return { data: { key: k.key, name: k.name, prefix: k.prefix } };
  },
  ADMINS,
);

export const revokeApiKeyAction = userAction(
  ZIdRef,
  async ({ input, ctx, db }) => {
    const k = await revokeApiKey(db, await actor(ctx), input.id);
    revalidatePath('/settings/api-keys');
    return { message: `Key ${k.prefix}… revoked. Requests using it now get 401.` };
  },
  ADMINS,
);

export const updatePreferencesAction = userAction(ZPreferencesForm, async ({ input, ctx, db }) => {
  await updatePreferences(db, ctx, input as TPrefs);
  revalidatePath('/settings/notifications');
  return { message: 'Notification preferences saved.' };
});

/** One page of the audit log, formatted for the table (the "Load older" button). */
export const loadAuditAction = userAction(
  ZAuditQuery,
  async ({ input, ctx, db }) => {
    const org = await getOrganization(db, ctx.orgId);
    const page = await findAuditLog(db, ctx.orgId, input);
    return { data: { rows: page.entries.map((e) => auditRow(e, org.timezone)), nextCursor: page.nextCursor } };
  },
  ADMINS,
);

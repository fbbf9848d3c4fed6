import { route } from '@/lib/http/route';
import { productMailer } from '@/lib/mail';
import {
  createInvitationEndpoint, findInvitations, invitationDto, invitationStatus, inviteMember, listInvitationsEndpoint,
} from '@/features/accounts';

export const GET = route(listInvitationsEndpoint, async ({ db, ctx, query }) => ({
  invitations: (await findInvitations(db, ctx.orgId, { pendingOnly: query!.status === 'pending' })).map(invitationDto),
}));

// transaction: false — the invitation commits (as the caller, under RLS) before its email is sent.
export const POST = route(createInvitationEndpoint, async ({ db, ctx, body, ip }) => {
  const r = await inviteMember(db, { mailer: productMailer(db) }, { ...ctx, ip }, body!);
  return { invitation: invitationDto({ ...r.invitation, status: invitationStatus(r.invitation) }), link: r.link, emailed: r.emailed };
});

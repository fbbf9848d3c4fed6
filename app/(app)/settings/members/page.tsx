import type { Metadata } from 'next';
import { requireUser, asUser } from '@/lib/auth';
import { Card, CardContent, CardDescription, CardHeader, CardTitle, formatDateTime } from '@/components/ui';
import { findInvitations, findMembers, getOrganization } from '@/features/accounts';
import { InvitationsList, InviteForm, MembersTable } from './members-ui';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage() {
  const user = await requireUser();
  const admin = user.role !== 'member';
  const { org, members, invitations } = await asUser(user, async (db) => ({
    org: await getOrganization(db, user.orgId),
    members: await findMembers(db, user.orgId),
    invitations: admin ? await findInvitations(db, user.orgId, { pendingOnly: true }) : [],
  }));
  const tz = org.timezone;
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>
            Owners manage everything, including other owners. Admins manage members, invitations, API keys and settings. Members use the app.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <MembersTable
            me={{ userId: user.userId, role: user.role }}
            members={members.map((m) => ({ userId: m.userId, name: m.fullName, email: m.email, role: m.role, joined: formatDateTime(m.joinedAt, tz) }))}
          />
        </CardContent>
      </Card>
      {admin ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Invite someone</CardTitle>
              <CardDescription>They get an email with a link that works once and expires in 7 days. Inviting the same address again replaces the earlier link.</CardDescription>
            </CardHeader>
            <CardContent>
              <InviteForm canInviteOwner={user.role === 'owner'} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Pending invitations</CardTitle>
            </CardHeader>
            <CardContent>
              <InvitationsList
                invitations={invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, sent: formatDateTime(i.createdAt, tz), expires: formatDateTime(i.expiresAt, tz) }))}
              />
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}
